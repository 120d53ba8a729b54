#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "outbox/usb.hpp"
#include "outbox_fixtures.hpp"

namespace fs = std::filesystem;

TEST_CASE("the USB drive is the first writable mount under /media", "[outbox]") {
  const fs::path dir = odk_test::fresh_dir("usb");
  const fs::path mounts = dir / "mounts";
  // Mount points that exist here: the test can only use real directories,
  // so it writes the table with paths it has made under a /media-like name.
  std::ofstream(mounts) << "/dev/sda1 / ext4 rw 0 0\n"
                           "/dev/sdb1 /media/staff/OLD ro,nosuid vfat ro 0 0\n"
                           "/dev/sdc1 /mnt/other vfat rw 0 0\n";
  CHECK_FALSE(kiosk::find_usb_drive(mounts));  // read-only, or not under /media
  CHECK_FALSE(kiosk::find_usb_drive(dir / "no-such-file"));
  if (::access("/media", W_OK) == 0 || ::getuid() == 0) {
    const fs::path stick = "/media/kiosk-test-stick " + std::to_string(::getpid());
    fs::create_directories(stick);
    std::ofstream(mounts, std::ios::app)
        << "/dev/sdd1 /media/kiosk-test-stick\\040" << ::getpid() << " vfat rw,nosuid 0 0\n";
    const auto found = kiosk::find_usb_drive(mounts);
    fs::remove_all(stick);
    REQUIRE(found);
    CHECK(*found == stick);  // \040 in /proc/mounts is a space
  }
  fs::remove_all(dir);
}
