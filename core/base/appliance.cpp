#include "base/appliance.hpp"

#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace kiosk {

bool disable_core_dumps() {
  bool ok = ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
  rlimit none{0, 0};
  ok = ::setrlimit(RLIMIT_CORE, &none) == 0 && ok;
  return ok;
}

std::filesystem::path staff_close_marker() {
  const char* p = std::getenv("ASYLUM_KIOSK_CLOSE_MARKER");
  return p && *p ? std::filesystem::path(p) : std::filesystem::path{};
}

Status mark_staff_close() {
  const auto marker = staff_close_marker();
  if (marker.empty()) return Ok{};
  const int fd = ::open(marker.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    return make_error(Errc::io, std::string("cannot mark the close as deliberate (") + std::strerror(errno) + ")",
                      {}, marker.string());
  const char text[] = "closed by staff\n";
  const bool ok = ::write(fd, text, sizeof text - 1) == static_cast<ssize_t>(sizeof text - 1);
  ::fsync(fd);
  ::close(fd);
  if (!ok) return make_error(Errc::io, "cannot mark the close as deliberate", {}, marker.string());
  return Ok{};
}

}  // namespace kiosk
