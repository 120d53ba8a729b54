# check-config names fonts that are not installed: a fonts.toml entry whose
# file does not exist (the screen's fonts, FILE:LINE) and a family of the
# printed papers that fontconfig cannot find. Built in WORK: a copy of the
# data directory with one font file renamed, and a fontconfig setup that
# only knows Noto Sans.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}/data" "${WORK}/fonts" "${WORK}/cache")
file(COPY "${SOURCE}/assets" "${SOURCE}/locales" DESTINATION "${WORK}/data")
file(READ "${WORK}/data/assets/fonts.toml" fonts)
string(REPLACE "regular = \"NotoSansArabicUI-Regular.ttf\"" "regular = \"NotoSansArabicUI-Gone.ttf\""
       fonts "${fonts}")
file(WRITE "${WORK}/data/assets/fonts.toml" "${fonts}")
file(STRINGS "${WORK}/data/assets/fonts.toml" lines)
set(line 0)
set(font_line 0)
foreach(l IN LISTS lines)  # the [[font]] entry holding the renamed file
  math(EXPR line "${line} + 1")
  if(l STREQUAL "[[font]]")
    set(font_line ${line})
  elseif(l MATCHES "Gone.ttf")
    break()
  endif()
endforeach()
file(COPY "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf" DESTINATION "${WORK}/fonts")
file(WRITE "${WORK}/fonts.conf" "<?xml version=\"1.0\"?>
<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">
<fontconfig><dir>${WORK}/fonts</dir><cachedir>${WORK}/cache</cachedir></fontconfig>
")
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env ASYLUM_KIOSK_DATA_DIR=${WORK}/data FONTCONFIG_FILE=${WORK}/fonts.conf
          ${CTL} check-config ${CONFIG}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 1)
  message(FATAL_ERROR "check-config exited ${rc}, expected 1:\n${out}\n${err}")
endif()
foreach(expected
    "fonts.toml:${font_line}: the font Noto Sans Arabic UI (NotoSansArabicUI-Gone.ttf) is not installed; install the Debian package fonts-noto-ui-core"
    "fontconfig: the font Noto Naskh Arabic UI for the printed papers is not installed; install the Debian package fonts-noto-ui-core")
  string(FIND "${out}" "${expected}" pos)
  if(pos EQUAL -1)
    message(FATAL_ERROR "missing \"${expected}\" in:\n${out}")
  endif()
endforeach()
# Noto Sans is there, so it is not named.
string(FIND "${out}" "the font Noto Sans for" pos)
if(NOT pos EQUAL -1)
  message(FATAL_ERROR "Noto Sans was reported missing although installed:\n${out}")
endif()
