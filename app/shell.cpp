// The shell around the screens: input callbacks, one frame, and the
// process's own figures. See shell.hpp.
#define GL_GLEXT_PROTOTYPES 1
#include <GLFW/glfw3.h>
#include <GL/glext.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <cairo.h>
#include <imgui.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cfloat>
#include <chrono>
#include <cstdio>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "base/paths.hpp"
#include "base/smaps.hpp"
#include "input/keyboard.hpp"
#include "staff/gesture.hpp"
#include "staff/pin.hpp"
#include "form/form.hpp"
#include "config/config.hpp"
#include "flow/session.hpp"
#include "locale/catalog.hpp"
#include "locale/language.hpp"
#include "screens/screen.hpp"
#include "screens/startup.hpp"
#include "kiosk.hpp"
#include "shell.hpp"
#include "screenshots.hpp"
#include "speech/speech.hpp"
#include "ui/hits.hpp"
#include "ui/offscreen.hpp"
#include "ui/widgets.hpp"

namespace fs = std::filesystem;

namespace app::shell {

// Seconds since this process started (from /proc), so that the first-frame
// time includes loading the program and its libraries.
// CPU time of the whole process (every thread), in seconds.
double process_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) / 1e9;
}

// Proportional set size of this process (kB), or -1.
long pss_kb() {
  std::ifstream in("/proc/self/smaps_rollup");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("Pss:", 0) == 0) return std::atol(line.c_str() + 4);
  return -1;
}

// The part of the PSS (kB) that is Mesa's driver code (libLLVM, *_dri.so):
// with software rendering (llvmpipe under Xvfb) that is tens of MB.
long driver_pss_kb() { return kiosk::smaps_pss().driver_kb; }

double seconds_since_process_start() {
  std::ifstream stat("/proc/self/stat");
  std::string line;
  std::getline(stat, line);
  const auto close = line.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream rest(line.substr(close + 2));
  std::string field;
  for (int i = 3; i <= 22 && rest >> field; ++i) {
    if (i == 22) {
      const double start = std::stod(field) / static_cast<double>(sysconf(_SC_CLK_TCK));
      timespec now{};
      clock_gettime(CLOCK_BOOTTIME, &now);
      return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9 - start;
    }
  }
  return -1;
}


Kiosk* g_kiosk = nullptr;

void on_close(GLFWwindow* w) {
  // Alt+F4 or the window manager: refused unless staff asked to exit.
  if (!g_kiosk || !g_kiosk->allow_close) glfwSetWindowShouldClose(w, GLFW_FALSE);
}

void mark_input() {
  if (!g_kiosk) return;
  g_kiosk->busy_frames = 3;  // ImGui needs a few frames to finish a click
  g_kiosk->apply(kiosk::intent::Touch{g_kiosk->now()});
}
void on_mouse(GLFWwindow* w, int button, int action, int) {
  mark_input();
  if (!g_kiosk || button != GLFW_MOUSE_BUTTON_LEFT || action != GLFW_PRESS) return;
  double x = 0, y = 0;
  if (g_pointer.active) {  // a replay's finger
    x = g_pointer.pos.x;
    y = g_pointer.pos.y;
  } else {
    glfwGetCursorPos(w, &x, &y);
  }
  // The hidden staff gesture: five quick taps in the top-left corner.
  if (g_kiosk->corner.tap(static_cast<float>(x), static_cast<float>(y), g_kiosk->now()))
    g_kiosk->apply(kiosk::intent::OpenStaff{});
}
void on_cursor(GLFWwindow*, double, double) {
  if (g_kiosk) g_kiosk->busy_frames = std::max(g_kiosk->busy_frames, 1);
}
// A physical keyboard (staff-assisted sessions) types into the same answer
// as the on-screen keyboard; core decides where, and whether, it types.
void on_key(GLFWwindow*, int key, int, int action, int) {
  mark_input();
  if (!g_kiosk || action == GLFW_RELEASE) return;
  if (key == GLFW_KEY_ENTER || key == GLFW_KEY_KP_ENTER) g_kiosk->apply(kiosk::intent::Enter{});
  else if (key == GLFW_KEY_BACKSPACE) g_kiosk->apply(kiosk::intent::Erase{});
  else if (key == GLFW_KEY_LEFT) g_kiosk->apply(kiosk::intent::Arrow{true});
  else if (key == GLFW_KEY_RIGHT) g_kiosk->apply(kiosk::intent::Arrow{false});
}
void on_char(GLFWwindow*, unsigned int codepoint) {
  mark_input();
  if (!g_kiosk) return;
  if (std::string add = kiosk::utf8_of(codepoint); !add.empty())
    g_kiosk->apply(kiosk::intent::Type{std::move(add)});
}
void on_scroll(GLFWwindow*, double, double) { mark_input(); }
void on_error(int code, const char* what) {
  std::cerr << "GLFW error " << code << ": " << what << "\n";
}

void style_imgui() {
  ImGui::StyleColorsLight();
  ImGuiStyle& s = ImGui::GetStyle();
  s.WindowPadding = ImVec2(32, 32);
  s.FramePadding = ImVec2(20, 16);
  s.ItemSpacing = ImVec2(20, 20);
  s.FrameRounding = 10;
  s.WindowBorderSize = 0;
  s.Colors[ImGuiCol_WindowBg] = ImVec4(1, 1, 1, 1);
}

ScriptedPointer g_pointer;

Layout layout_for(int fw, int fh) {
  if (fw <= 0 || fh <= 0) return {};
  const float width = fh > fw ? kPortraitLayoutWidth : kLayoutWidth;
  const float scale = static_cast<float>(fw) / width;
  return {width, static_cast<float>(fh) / scale, scale};
}

// Sets ImGui's frame to a layout `w` x `h` drawn `scale` times on the
// framebuffer; the pointer, read in window pixels, is scaled to match.
void begin_imgui_frame(float w, float h, float scale) {
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(w, h);
  io.DisplayFramebufferScale = ImVec2(scale, scale);
  if (g_pointer.active) {  // a replay's finger, in window pixels like a real one
    io.MousePos = g_pointer.pos;
    io.MouseDown[0] = g_pointer.down;
  }
  if (scale != 1.0f && io.MousePos.x > -FLT_MAX / 2)
    io.MousePos = ImVec2(io.MousePos.x / scale, io.MousePos.y / scale);
  app::ui::set_screen_scale(scale);
}

void frame(Kiosk& k, float w, float h, float scale) {
  begin_imgui_frame(w, h, scale);
  app::ui::clear_hits();
  app::ui::clear_reading();
  app::ui::clear_text_audit();
  app::ui::set_look({k.ui.large_text, k.ui.high_contrast});
  app::ui::set_read_personal(kiosk::answers_aloud(k.session, k.config));  // core: headphones or not
  // The language on show (staff screens: staff.language) decides.
  k.ui.speech_available = kiosk::speech::has_voice(kiosk::shown_language(k.session, k.config));
  ImGui::NewFrame();
  std::vector<kiosk::Intent> intents;
  app::ScreenContext ctx{k.session, k.tr, k.config, k.form, k.now(), intents, w, h, &k.ui, &k, k.today()};
  app::screen_for(k.session.step)(ctx);
  if (k.session.idle_warning) app::draw_idle_overlay(ctx);
  else if (k.session.helping && kiosk::can_call_staff(k.session)) app::draw_help_overlay(ctx);
  else if (k.session.asking != kiosk::Ask::none) app::draw_ask_overlay(ctx);
  ImGui::Render();
  k.read_aloud(app::ui::reading_text());
  for (const auto& i : intents) k.apply(i);
  if (!intents.empty()) k.busy_frames = std::max(k.busy_frames, 2);
}

namespace {
FrameTimes g_frame_times;
}  // namespace

FrameTimes last_frame_times() { return g_frame_times; }

// Moves the session's timers, draws one frame and shows it.
void present(Kiosk& k, GLFWwindow* window) {
  const auto t0 = std::chrono::steady_clock::now();
  k.poll_services();
  k.apply(kiosk::intent::Tick{k.now(), k.speaker && k.speaker->busy()});
  int fw = 0, fh = 0;
  glfwGetFramebufferSize(window, &fw, &fh);
  const Layout l = layout_for(fw, fh);
  frame(k, l.width, l.height, l.scale);
  const auto t1 = std::chrono::steady_clock::now();
  glViewport(0, 0, fw, fh);
  glClearColor(1, 1, 1, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  glfwSwapBuffers(window);
  using ms = std::chrono::duration<double, std::milli>;
  g_frame_times = {ms(t1 - t0).count(), ms(std::chrono::steady_clock::now() - t0).count()};
}

void draw_and_present(Kiosk& k, GLFWwindow* window) {
  glfwPollEvents();
  present(k, window);
}

}  // namespace app::shell
