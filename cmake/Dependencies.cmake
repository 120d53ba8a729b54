# Every library comes from a Debian 12 package (see packaging/debian-packages.txt
# and the README for why each one is here).
find_package(PkgConfig REQUIRED)
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
pkg_check_modules(HARFBUZZ REQUIRED IMPORTED_TARGET harfbuzz)
pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET freetype2)
pkg_check_modules(FONTCONFIG REQUIRED IMPORTED_TARGET fontconfig)
pkg_check_modules(PANGOCAIRO REQUIRED IMPORTED_TARGET pangocairo pangoft2 cairo-pdf cairo-png)
pkg_check_modules(SQLITE REQUIRED IMPORTED_TARGET sqlite3)
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)
# Read-aloud: espeak-ng synthesises, PulseAudio (simple API) plays.
pkg_check_modules(ESPEAK REQUIRED IMPORTED_TARGET espeak-ng)
pkg_check_modules(PULSESIMPLE REQUIRED IMPORTED_TARGET libpulse-simple)
# Debian's libcpp-httplib-dev is the compiled (split) build with OpenSSL, zlib and
# brotli; its .pc file adds -DCPPHTTPLIB_OPENSSL_SUPPORT, which every user must
# see (it changes class layouts), so link it only through this target. https
# works and verifies certificates against the system CA store.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(Cups REQUIRED)
find_package(Threads REQUIRED)
if(KIOSK_BUILD_APP)
  find_package(OpenGL REQUIRED)
  pkg_check_modules(GLFW REQUIRED IMPORTED_TARGET glfw3>=3.3)
  # Xlib itself, for the handler that ends the kiosk when its display goes.
  pkg_check_modules(X11 REQUIRED IMPORTED_TARGET x11)
  pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui)
endif()
