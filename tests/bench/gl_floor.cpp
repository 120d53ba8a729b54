// The memory floor of the kiosk's kind of program on this machine's OpenGL:
// a GLFW window of the screen's size with an OpenGL 3.3 core context and Dear
// ImGui's OpenGL 3 backend (as the kiosk uses them), one window of ImGui text
// drawn for a few frames, and nothing of the kiosk. Prints its PSS and the
// part of it that is Mesa's driver code, like the kiosk's `hold` line, so
// that kiosk_bench.sh can show the kiosk's own share above this floor.
//   gl_floor WIDTH HEIGHT
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <cstdio>
#include <cstdlib>

#include "base/smaps.hpp"  // header-only: nothing of the kiosk is linked

int main(int argc, char** argv) {
  const int w = argc > 2 ? std::atoi(argv[1]) : 1920, h = argc > 2 ? std::atoi(argv[2]) : 1080;
  if (!glfwInit()) return std::fprintf(stderr, "gl_floor: no display\n"), 1;
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  GLFWwindow* window = glfwCreateWindow(w, h, "gl_floor", nullptr, nullptr);
  if (!window) return std::fprintf(stderr, "gl_floor: no OpenGL 3.3 window\n"), 1;
  glfwMakeContextCurrent(window);
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");
  for (int f = 0; f < 5; ++f) {
    glfwPollEvents();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(static_cast<float>(w), static_cast<float>(h)));
    ImGui::Begin("floor");
    ImGui::TextUnformatted("Welcome");
    ImGui::Button("Start", ImVec2(400, 120));
    ImGui::End();
    ImGui::Render();
    glViewport(0, 0, w, h);
    glClearColor(1, 1, 1, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    glfwSwapBuffers(window);
  }
  const kiosk::SmapsPss pss = kiosk::smaps_pss();
  std::printf("gl_floor %dx%d: PSS %ld kB (Mesa driver code %ld kB)\n", w, h, pss.total_kb, pss.driver_kb);
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return 0;
}
