// Where the kiosk finds its read-only data (assets/, locales/) and its config.
#pragma once

#include <filesystem>
#include <string>

namespace kiosk {

// The directory holding assets/ and locales/. In order: $ASYLUM_KIOSK_DATA_DIR;
// the installed data directory (/usr/share/asylum-kiosk) when this binary runs
// from the install bindir (/usr/bin); the source checkout this binary was
// built from (if it still exists); the installed data directory.
std::filesystem::path data_dir();

// The config used when none is named: /etc/asylum-kiosk/kiosk.toml when it
// exists (installed kiosk), else kiosk-config/demo.toml of the checkout.
std::filesystem::path default_config_path();

// Version string of this build, e.g. "0.1.0".
std::string version();

}  // namespace kiosk
