# Hardening of the programs that are installed (Release builds: the .deb is
# made from one), as Debian's dpkg-buildflags "hardening=+all" asks:
#   fortify   -D_FORTIFY_SOURCE=2: checked memcpy/sprintf/read where sizes are known
#   stack     -fstack-protector-strong (+ stack clash protection)
#   PIE       position-independent executables, so ASLR moves the program too
#   RELRO     -z relro -z now: the GOT is read-only once the program has started
# tests/smoke/check_hardening.sh checks the built binaries. Sanitizer and
# fuzz builds do without (the sanitizers bring their own checks).
option(KIOSK_HARDEN "Harden Release builds (fortify, stack protector, PIE, full RELRO)" ON)
if(KIOSK_HARDEN AND CMAKE_BUILD_TYPE MATCHES "^(Release|RelWithDebInfo|MinSizeRel)$" AND NOT KIOSK_FUZZ)
  add_compile_options(-U_FORTIFY_SOURCE -D_FORTIFY_SOURCE=2
                      -fstack-protector-strong -fstack-clash-protection)
  set(CMAKE_POSITION_INDEPENDENT_CODE ON)
  include(CheckPIESupported)
  check_pie_supported()
  add_link_options(LINKER:-z,relro LINKER:-z,now)
endif()
