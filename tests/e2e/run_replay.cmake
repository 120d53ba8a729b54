# Runs one scripted session and checks two things:
#  - the replay ends with "all as expected" (its own checks passed);
#  - nothing the person typed appears in anything the kiosk wrote to
#    stdout or stderr, which is what the journal keeps (no personal data in
#    any log line).
# FRESH: a data directory to empty first (a replay that counts saved papers).
if(DEFINED FRESH)
  file(REMOVE_RECURSE "${FRESH}")
endif()
execute_process(COMMAND ${KIOSK} ${ARGS} --config ${CONFIG} --replay ${REPLAY}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
set(log "${out}${err}")
if(NOT rc EQUAL 0 OR NOT log MATCHES "all as expected")
  message(FATAL_ERROR "the replay failed (exit ${rc}):\n${log}")
endif()
file(STRINGS ${REPLAY} typed ENCODING UTF-8 REGEX "^type ")
set(checked 0)
foreach(line IN LISTS typed)
  string(REGEX REPLACE "^type " "" answer "${line}")
  string(LENGTH "${answer}" n)
  if(n LESS 4)  # single letters and digits occur in any log
    continue()
  endif()
  string(FIND "${log}" "${answer}" pos)
  if(NOT pos EQUAL -1)
    message(FATAL_ERROR "the log contains a typed answer \"${answer}\":\n${log}")
  endif()
  math(EXPR checked "${checked} + 1")
endforeach()
if(typed AND checked EQUAL 0)
  message(FATAL_ERROR "no typed answer in ${REPLAY} is long enough to look for")
endif()
message(STATUS "replay passed; none of ${checked} typed answers in the kiosk's output")
