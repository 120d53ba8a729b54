# Compiles a one-line file that includes HEADER with kiosk_core's include
# directories in front of where Debian keeps ImGui/GLFW; it must fail with the
# poison header's message.
set(src "${CMAKE_CURRENT_BINARY_DIR}/core_probe_${HEADER}.cpp")
string(REPLACE "/" "_" src "${src}")
set(src "/tmp/kiosk_core_probe_${HEADER}.cpp")
string(REPLACE "/" "_" name "${HEADER}")
set(src "/tmp/kiosk_core_probe_${name}.cpp")
file(WRITE "${src}" "#include <${HEADER}>\nint main() { return 0; }\n")
set(flags "")
foreach(dir ${INCLUDES})
  list(APPEND flags "-I${dir}")
endforeach()
execute_process(COMMAND ${CXX} -std=c++20 -fsyntax-only ${flags} -I${IMGUI_INCLUDES} "${src}"
                RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_VARIABLE out)
if(rc EQUAL 0)
  message(FATAL_ERROR "a core file including <${HEADER}> compiled; core must not see ImGui/GLFW")
endif()
string(FIND "${err}" "kiosk_core must not include ImGui or GLFW" pos)
if(pos EQUAL -1)
  message(FATAL_ERROR "failed for another reason than the layering rule:\n${err}")
endif()
