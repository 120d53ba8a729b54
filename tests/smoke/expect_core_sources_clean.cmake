# No file under core/ names ImGui or GLFW in an #include.
file(GLOB_RECURSE files "${CORE}/*.hpp" "${CORE}/*.cpp" "${CORE}/*.h")
foreach(f ${files})
  file(STRINGS "${f}" hits REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"](imgui|GLFW|backends/imgui)")
  if(hits)
    message(FATAL_ERROR "${f} includes ImGui or GLFW: ${hits}")
  endif()
endforeach()
