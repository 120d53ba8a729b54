// The kiosk's shell around the screens, shared by main.cpp (the touch loop
// and start-up), replay.cpp (scripted sessions for end-to-end tests) and
// audits.cpp (the screenshot run and its checks): the window's input
// callbacks, one frame, the layout scale, and the process's own figures.
// Input only becomes intents here; what they mean is core's step().
#pragma once

#include <imgui.h>

#include <filesystem>

struct GLFWwindow;

namespace app {
class Kiosk;
}

namespace app::shell {

// The running kiosk the GLFW callbacks deliver input to (set by run_kiosk).
extern Kiosk* g_kiosk;

// Scripted pointer state for --replay; it replaces what the GLFW backend
// read from the real pointer, so ImGui sees a tap exactly as from a finger.
struct ScriptedPointer {
  bool active = false;
  ImVec2 pos{-1, -1};
  bool down = false;
};
extern ScriptedPointer g_pointer;

// The width every wide screen is laid out for; a wide screen of another
// width shows the same layout scaled (1280x720: 2/3; 3840x2160: 2), and a
// screen of another shape gets a taller or shorter layout.
constexpr float kLayoutWidth = 1920.0f;
// A portrait screen (taller than wide: a 1080x1920 kiosk, or a rotated
// panel) is laid out 1080 wide, so that on 1080x1920 nothing shrinks: 90 px
// targets and 28 px text stay 90 px and 28 px, and the screens reflow.
constexpr float kPortraitLayoutWidth = 1080.0f;

// The layout for a framebuffer fw x fh: its size, and how much it is
// scaled to fill the framebuffer.
struct Layout {
  float width = kLayoutWidth;
  float height = 1080.0f;
  float scale = 1.0f;
};
Layout layout_for(int fw, int fh);
// Sets ImGui's frame to a layout `w` x `h` drawn `scale` times on the
// framebuffer; the pointer, read in window pixels, is scaled to match.
void begin_imgui_frame(float w, float h, float scale);
// Draws one frame of the current screen and applies what the person asked.
void frame(Kiosk& k, float w, float h, float scale = 1.0f);
// Moves the session's timers, draws one frame and shows it.
void present(Kiosk& k, GLFWwindow* window);
// Wall time of the last present(): the kiosk's own part (services, timers,
// the screen's widgets up to ImGui::Render) and the whole, with OpenGL
// drawing and the buffer swap (the bench's read-aloud row shows both).
struct FrameTimes {
  double kiosk_ms = 0;
  double total_ms = 0;
};
FrameTimes last_frame_times();
// Polls input, then present().
void draw_and_present(Kiosk& k, GLFWwindow* window);

// GLFW callbacks (replays call the keyboard ones directly).
void on_close(GLFWwindow* w);
void on_mouse(GLFWwindow* w, int button, int action, int mods);
void on_cursor(GLFWwindow* w, double x, double y);
void on_key(GLFWwindow* w, int key, int scancode, int action, int mods);
void on_char(GLFWwindow* w, unsigned int codepoint);
void on_scroll(GLFWwindow* w, double dx, double dy);
void on_error(int code, const char* what);
void style_imgui();

// The process's own figures (benchmarks, the first-frame line).
double process_cpu_seconds();
long pss_kb();
long driver_pss_kb();
double seconds_since_process_start();

// The current framebuffer (w x h) as a PNG file.
bool write_png(const std::filesystem::path& file, int w, int h);

// --screenshots DIR: every screen in every language and look to PNG, with
// the contrast, touch-target, text-size, overlap and read-aloud checks, on
// a screen w x h px (the checks' sizes are real pixels on that screen).
int run_screenshots(Kiosk& k, const std::filesystem::path& dir, int w = 1920, int h = 1080);
// --replay FILE: a scripted session; exits 1 at the first line that fails.
int run_replay(Kiosk& k, GLFWwindow* window, const std::filesystem::path& file);

}  // namespace app::shell
