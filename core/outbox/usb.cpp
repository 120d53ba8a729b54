#include "outbox/usb.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <string>

namespace kiosk {

namespace {

// /proc/mounts writes spaces in paths as \040.
std::string unescape(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size()) {
      const std::string oct = s.substr(i + 1, 3);
      if (oct.size() == 3 && oct.find_first_not_of("01234567") == std::string::npos) {
        out += static_cast<char>(std::stoi(oct, nullptr, 8));
        i += 3;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

}  // namespace

std::optional<std::filesystem::path> find_usb_drive(const std::filesystem::path& mounts) {
  std::ifstream in(mounts);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::string device, point, type, options;
    if (!(words >> device >> point >> type >> options)) continue;
    point = unescape(point);
    if (point.rfind("/media/", 0) != 0 && point.rfind("/run/media/", 0) != 0) continue;
    // A drive mounted read-only cannot take the export.
    if (options.rfind("ro,", 0) == 0 || options == "ro") continue;
    if (::access(point.c_str(), W_OK) != 0) continue;
    return std::filesystem::path(point);
  }
  return std::nullopt;
}

}  // namespace kiosk
