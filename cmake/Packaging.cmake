# Install layout and the Debian package (CPack DEB): `./packaging/dev.sh package`.
#   /usr/bin/asylum-kiosk, /usr/bin/asylum-kioskctl    (install() in app/, ctl/)
#   /usr/share/asylum-kiosk/{assets,locales}             read-only data (base/paths.cpp)
#   /etc/asylum-kiosk/kiosk.toml, demo-office-public.pem conffiles: the site
#   /lib/systemd/system/asylum-kiosk.service             the kiosk session under cage
#   /usr/lib/asylum-kiosk/asylum-kiosk-session           restarts it unless staff closed it
#   /var/lib/asylum-kiosk                                made by postinst (0700, kiosk user)

set(KIOSK_SYSCONF_DIR "/etc/asylum-kiosk")
set(KIOSK_STATE_DIR "/var/lib/asylum-kiosk")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/assets" "${PROJECT_SOURCE_DIR}/locales"
        DESTINATION "${CMAKE_INSTALL_DATADIR}/asylum-kiosk")

# The example site config is demo.toml (where every key is documented) with
# the installed data directory. Relative paths are relative to /etc/asylum-kiosk.
file(READ "${PROJECT_SOURCE_DIR}/kiosk-config/demo.toml" _demo)
set(_from "data_dir = \"../.demo-data\"")
string(FIND "${_demo}" "${_from}" _at)
if(_at EQUAL -1)
  message(FATAL_ERROR "Packaging.cmake: demo.toml no longer has '${_from}'")
endif()
string(REPLACE "${_from}" "data_dir = \"${KIOSK_STATE_DIR}\"" _site "${_demo}")
string(REPLACE "# Demo site: a kiosk in the waiting room of the Almaty DESP."
"# Example site installed by the asylum-kiosk package (a conffile: your edits
# are kept on upgrade). Before use: set [site], a new staff PIN (hash-pin),
# the office's own public key and [sync]; then
#   asylum-kioskctl check-config /etc/asylum-kiosk/kiosk.toml
# sync.public_key_file names the DEMO key: records sealed with it are for no office.
# Demo site: a kiosk in the waiting room of the Almaty DESP." _site "${_site}")
file(WRITE "${PROJECT_BINARY_DIR}/packaging/kiosk.toml" "${_site}")
install(FILES "${PROJECT_BINARY_DIR}/packaging/kiosk.toml"
              "${PROJECT_SOURCE_DIR}/kiosk-config/demo-office-public.pem"
        DESTINATION "${KIOSK_SYSCONF_DIR}")
install(FILES "${PROJECT_SOURCE_DIR}/packaging/asylum-kiosk.service"
        DESTINATION "/lib/systemd/system")
install(PROGRAMS "${PROJECT_SOURCE_DIR}/packaging/asylum-kiosk-session"
        DESTINATION "lib/asylum-kiosk")

set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "asylum-kiosk")
set(CPACK_PACKAGE_VENDOR "asylum-kiosk")
set(CPACK_PACKAGE_CONTACT "asylum-kiosk maintainers <kiosk@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_DESCRIPTION
"Touchscreen kiosk for people who may need asylum in Kazakhstan: guidance in
Kazakh, Russian, English, Dari and Ukrainian, the written petition and a
receipt, records sealed for the office and sent to ODK Central/KoboToolbox.")
set(CPACK_PACKAGING_INSTALL_PREFIX "${CMAKE_INSTALL_PREFIX}")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "misc")
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_STRIP_FILES ON)
# Beside the shared libraries: what the kiosk opens at run time by name.
#  fonts (assets/fonts.toml), Mesa's GL drivers (dlopen),
#  cups-client (lpstat etc. for staff), cage + Xwayland (the session in the
#  unit; GLFW is the X11 build), libpam-systemd (logind seat for cage), udev
#  (input devices for libinput; makes the input and render groups),
#  adduser (postinst), libespeak-ng1 + espeak-ng-data and libpulse0 (read-aloud,
#  opened with dlopen on first use, so shlibdeps does not see them).
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "fonts-noto-core, fonts-noto-ui-core, libgl1-mesa-dri, cups-client, cage, xwayland, libpam-systemd, udev, adduser, libespeak-ng1, espeak-ng-data, libpulse0")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "cups")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    "${PROJECT_SOURCE_DIR}/packaging/deb/conffiles"
    "${PROJECT_SOURCE_DIR}/packaging/deb/postinst"
    "${PROJECT_SOURCE_DIR}/packaging/deb/prerm"
    "${PROJECT_SOURCE_DIR}/packaging/deb/postrm")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
