// Finding the USB drive staff plugged in, for "export to USB".
#pragma once

#include <filesystem>
#include <optional>

namespace kiosk {

// The first writable mount point under /media or /run/media listed in
// `mounts` (the format of /proc/mounts), or nothing.
std::optional<std::filesystem::path> find_usb_drive(
    const std::filesystem::path& mounts = "/proc/mounts");

}  // namespace kiosk
