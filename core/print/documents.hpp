// Getting the session's documents (document/documents.hpp) to paper: print
// them through CUPS, or, with no printer, save them as files for staff.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "document/documents.hpp"
#include "print/printer.hpp"

namespace kiosk {

// Prints the petition, then the receipt, each followed to completion. Stops
// at the first failure (its Error says which printer state the person and
// staff should be told about); calling again reprints both.
Result<std::vector<PrintedJob>> print_documents(const SessionDocuments& docs,
                                                const PrintOptions& options);

// Writes petition-<CODE>.pdf and receipt-<CODE>.pdf into `dir` (created with
// mode 0700 if missing; files mode 0600), for staff when there is no printer.
// Returns the files written. Fails with Errc::io when the directory cannot be
// written (staff see the message; no user_key).
Result<std::vector<std::filesystem::path>> save_documents(const SessionDocuments& docs,
                                                          const std::filesystem::path& dir);

}  // namespace kiosk
