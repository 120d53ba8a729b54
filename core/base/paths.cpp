#include "base/paths.hpp"

#include <cstdlib>

namespace kiosk {

namespace fs = std::filesystem;

fs::path data_dir() {
  if (const char* env = std::getenv("ASYLUM_KIOSK_DATA_DIR"); env && *env) {
    return fs::path(env);
  }
  std::error_code ec;
  // A binary running from the install prefix (the .deb) uses the installed
  // data, even on a machine that also holds the checkout it was built from.
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && self.parent_path() == fs::path(KIOSK_INSTALL_BIN_DIR)) {
    return fs::path(KIOSK_INSTALL_DATA_DIR);
  }
  const fs::path source(KIOSK_SOURCE_DATA_DIR);
  if (fs::is_directory(source / "assets", ec) && fs::is_directory(source / "locales", ec)) {
    return source;
  }
  return fs::path(KIOSK_INSTALL_DATA_DIR);
}

fs::path default_config_path() {
  std::error_code ec;
  const fs::path installed("/etc/asylum-kiosk/kiosk.toml");
  if (fs::exists(installed, ec)) return installed;
  return fs::path(KIOSK_SOURCE_DATA_DIR) / "kiosk-config" / "demo.toml";
}

std::string version() { return KIOSK_VERSION; }

}  // namespace kiosk
