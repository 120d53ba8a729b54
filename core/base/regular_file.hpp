// Reading a small file that must be a regular file (keys, credentials,
// state files): never follows into a FIFO or device (which would hang or
// read forever), and never more than a limit.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>

#include "base/result.hpp"

namespace kiosk {

// The whole file, if `path` is a regular file of at most `limit` bytes.
// Opens with O_NONBLOCK (a FIFO does not block the open) and checks with
// fstat before reading. Fails with Errc::not_found (missing), Errc::io
// (not readable) or Errc::invalid_input (not a regular file, too large),
// with `where` = the path and a plain sentence naming `what` ("the office
// public key").
Result<std::string> read_regular_file(const std::filesystem::path& path, const std::string& what,
                                      size_t limit = 1u << 20);

}  // namespace kiosk
