#include "base/regular_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kiosk {

Result<std::string> read_regular_file(const std::filesystem::path& path, const std::string& what, size_t limit) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int e = errno;
    if (e == ENOENT) return make_error(Errc::not_found, what + " does not exist", {}, path.string());
    return make_error(Errc::io, what + " cannot be read (" + std::strerror(e) + ")", {}, path.string());
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return make_error(Errc::invalid_input, what + " is not a regular file (a FIFO, device or folder is refused)",
                      {}, path.string());
  }
  if (static_cast<unsigned long long>(st.st_size) > limit) {
    ::close(fd);
    return make_error(Errc::invalid_input,
                      what + " is too large (" + std::to_string(st.st_size) + " bytes; at most " +
                          std::to_string(limit) + ")",
                      {}, path.string());
  }
  std::string out(static_cast<size_t>(st.st_size), '\0');
  size_t got = 0;
  while (got < out.size()) {
    const ssize_t n = ::read(fd, out.data() + got, out.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int e = errno;
      ::close(fd);
      return make_error(Errc::io, what + " cannot be read (" + std::strerror(e) + ")", {}, path.string());
    }
    if (n == 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  out.resize(got);
  return out;
}

}  // namespace kiosk
