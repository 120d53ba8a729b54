// asylum-kiosk: the touchscreen kiosk.
//
// This file holds the shell around the screens:
//   [1] command line
//   [2] window and ImGui set-up, kiosk lock (no close without staff)
//   [3] the event-driven frame loop: wait for input or the next timer
//   [4] screenshot mode: every screen in every language to PNG
//   [5] replay: scripted taps and typing for end-to-end tests
//   [6] start-up: a bad config is shown on screen until it is fixed
// Frame order follows Dear ImGui's example_glfw_opengl3: poll, NewFrame,
// UI, Render, swap; every init checked; clean-up in reverse.
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
#include "base/today.hpp"
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
#include "screenshots.hpp"
#include "speech/speech.hpp"
#include "ui/hits.hpp"
#include "ui/offscreen.hpp"
#include "ui/widgets.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// [SECTION] 1. command line ---------------------------------------------------

struct Options {
  fs::path config = kiosk::default_config_path();
  std::optional<std::pair<int, int>> windowed;
  std::string lang;
  fs::path screenshots;
  fs::path replay;
  int exit_after_frames = 0;
};

void print_help() {
  std::cout << "asylum-kiosk " << kiosk::version()
            << ": asylum information and petition kiosk.\n\n"
               "Usage: asylum-kiosk [options]\n\n"
               "  --config FILE           site config (default: "
            << kiosk::default_config_path().string()
            << ")\n"
               "  --windowed WxH          a window of that size instead of fullscreen\n"
               "  --lang CODE             start in a language: kk ru en fa-AF uk\n"
               "  --screenshots DIR       render every screen in every language to\n"
               "                          DIR/<screen>.<lang>.png and exit (with a bad\n"
               "                          config: DIR/startup-problem.png, exit 1)\n"
               "  --replay FILE           play scripted taps and typing (end-to-end tests)\n"
               "  --exit-after-frames N   exit after N frames; prints the time from\n"
               "                          process start to the first presented frame\n"
               "  --help, --version\n";
}

// Returns 0 to go on, else the exit code + 1 (so 1 means exit 0).
int parse(int argc, char** argv, Options& o) {
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto need = [&](const char* what) -> const char* {
      if (i + 1 >= argc) {
        std::cerr << a << " needs " << what << "\n";
        return nullptr;
      }
      return argv[++i];
    };
    if (a == "--help" || a == "-h") {
      print_help();
      return 1;
    } else if (a == "--version") {
      std::cout << "asylum-kiosk " << kiosk::version() << "\n";
      return 1;
    } else if (a == "--config") {
      const char* v = need("a file name");
      if (!v) return 3;
      o.config = v;
    } else if (a == "--windowed") {
      const char* v = need("a size like 1280x800");
      int w = 0, h = 0;
      if (!v || std::sscanf(v, "%dx%d", &w, &h) != 2 || w < 320 || h < 240) {
        std::cerr << "--windowed needs a size like 1280x800\n";
        return 3;
      }
      o.windowed = std::make_pair(w, h);
    } else if (a == "--lang") {
      const char* v = need("a language code");
      if (!v || !kiosk::find_language(v)) {
        std::cerr << "--lang must be one of: kk ru en fa-AF uk\n";
        return 3;
      }
      o.lang = v;
    } else if (a == "--screenshots") {
      const char* v = need("a directory");
      if (!v) return 3;
      o.screenshots = v;
    } else if (a == "--replay") {
      const char* v = need("a file");
      if (!v) return 3;
      o.replay = v;
    } else if (a == "--exit-after-frames") {
      const char* v = need("a number");
      if (!v || (o.exit_after_frames = std::atoi(v)) <= 0) {
        std::cerr << "--exit-after-frames needs a number above 0\n";
        return 3;
      }
    } else {
      std::cerr << "unknown option " << a << "; see asylum-kiosk --help\n";
      return 3;
    }
  }
  return 0;
}

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
long driver_pss_kb() {
  std::ifstream in("/proc/self/smaps");
  std::string line;
  long sum = 0;
  bool driver = false;
  while (std::getline(in, line)) {
    if (line.rfind("Pss:", 0) == 0) {
      if (driver) sum += std::atol(line.c_str() + 4);
    } else if (!line.empty() && std::isxdigit(static_cast<unsigned char>(line[0])) &&
               line.find('-') != std::string::npos && line.find('-') < line.find(' ')) {
      driver = line.find("libLLVM") != std::string::npos || line.find("_dri.so") != std::string::npos;
    }
  }
  return sum;
}

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

// [SECTION] 2. window and ImGui ----------------------------------------------

using app::Kiosk;

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
  glfwGetCursorPos(w, &x, &y);
  // The hidden staff gesture: five quick taps in the top-left corner.
  if (g_kiosk->corner.tap(static_cast<float>(x), static_cast<float>(y), g_kiosk->now()))
    g_kiosk->apply(kiosk::intent::OpenStaff{});
}
void on_cursor(GLFWwindow*, double, double) {
  if (g_kiosk) g_kiosk->busy_frames = std::max(g_kiosk->busy_frames, 1);
}
// A physical keyboard (staff-assisted sessions) types into the same draft
// as the on-screen keyboard.
const std::string& typing_buffer(const kiosk::Session& s) {
  return s.confirming_cyrillic ? s.cyrillic_draft : s.draft;
}
bool typing(const kiosk::Session& s) {
  return s.step == kiosk::Step::question && !s.idle_warning;
}
void on_key(GLFWwindow*, int key, int, int action, int) {
  mark_input();
  if (!g_kiosk || action == GLFW_RELEASE) return;
  const auto& s = g_kiosk->session;
  if (key == GLFW_KEY_ENTER || key == GLFW_KEY_KP_ENTER) {
    if (typing(s)) g_kiosk->apply(kiosk::intent::Next{});
  } else if (key == GLFW_KEY_BACKSPACE && typing(s)) {
    g_kiosk->apply(kiosk::intent::SetDraft{kiosk::edit_key(typing_buffer(s), kiosk::EditKey::backspace)});
  }
}
void on_char(GLFWwindow*, unsigned int codepoint) {
  mark_input();
  if (!g_kiosk || !typing(g_kiosk->session)) return;
  const std::string add = kiosk::utf8_of(codepoint);
  if (!add.empty())
    g_kiosk->apply(kiosk::intent::SetDraft{typing_buffer(g_kiosk->session) + add});
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

// Scripted pointer state for --replay; it replaces what the GLFW backend
// read from the real pointer, so ImGui sees a tap exactly as from a finger.
struct ScriptedPointer {
  bool active = false;
  ImVec2 pos{-1, -1};
  bool down = false;
};
ScriptedPointer g_pointer;

// Draws one frame of the current screen and applies what the person asked.
// The width every screen is laid out for; a screen of another width shows
// the same layout scaled (1280x720: 2/3; 3840x2160: 2), and a screen of
// another shape gets a taller or shorter layout.
constexpr float kLayoutWidth = 1920.0f;

// How much the layout is scaled on a framebuffer `fw` px wide.
float layout_scale(int fw) { return fw > 0 ? static_cast<float>(fw) / kLayoutWidth : 1.0f; }

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

void frame(Kiosk& k, float w, float h, float scale = 1.0f) {
  begin_imgui_frame(w, h, scale);
  app::ui::clear_hits();
  app::ui::clear_reading();
  app::ui::clear_text_audit();
  app::ui::set_look({k.ui.large_text, k.ui.high_contrast});
  k.ui.speech_available = kiosk::speech::has_voice(k.session.lang.empty() ? k.config.kiosk.start_language : k.session.lang);
  ImGui::NewFrame();
  std::vector<kiosk::Intent> intents;
  app::ScreenContext ctx{k.session, k.tr, k.config, k.form, k.now(), intents, w, h, &k.ui, &k};
  app::screen_for(k.session.step)(ctx);
  if (k.session.idle_warning) app::draw_idle_overlay(ctx);
  ImGui::Render();
  k.read_aloud(app::ui::reading_text());
  for (const auto& i : intents) k.apply(i);
  if (!intents.empty()) k.busy_frames = std::max(k.busy_frames, 2);
}

// [SECTION] 4. screenshots -----------------------------------------------------

bool write_png(const fs::path& file, int w, int h) {
  std::vector<unsigned char> pixels(static_cast<size_t>(w) * static_cast<size_t>(h) * 4);
  glReadPixels(0, 0, w, h, GL_BGRA, GL_UNSIGNED_BYTE, pixels.data());
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  const int stride = cairo_image_surface_get_stride(s);
  unsigned char* dst = cairo_image_surface_get_data(s);
  for (int y = 0; y < h; ++y)  // OpenGL rows go bottom-up
    std::memcpy(dst + static_cast<size_t>(y) * static_cast<size_t>(stride),
                pixels.data() + static_cast<size_t>(h - 1 - y) * static_cast<size_t>(w) * 4,
                static_cast<size_t>(w) * 4);
  cairo_surface_mark_dirty(s);
  const bool ok = cairo_surface_write_to_png(s, file.c_str()) == CAIRO_STATUS_SUCCESS;
  cairo_surface_destroy(s);
  return ok;
}

// WCAG 2 contrast ratio of two opaque colours (relative luminance).
double contrast_ratio(ImU32 a, ImU32 b) {
  auto lum = [](ImU32 c) {
    auto ch = [](unsigned v) {
      const double x = v / 255.0;
      return x <= 0.03928 ? x / 12.92 : std::pow((x + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * ch((c >> IM_COL32_R_SHIFT) & 0xFF) + 0.7152 * ch((c >> IM_COL32_G_SHIFT) & 0xFF) +
           0.0722 * ch((c >> IM_COL32_B_SHIFT) & 0xFF);
  };
  const double la = lum(a), lb = lum(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// Every text colour the widgets use against its background, in both looks:
// at least 4.5:1 (WCAG AA for text). Returns how many pairs fail.
int check_contrast() {
  int bad = 0;
  for (const app::ui::Look look : {app::ui::Look{false, false}, app::ui::Look{true, true}}) {
    for (const auto& p : app::ui::text_colour_pairs(look)) {
      const double r = contrast_ratio(p.fg, p.bg);
      if (r < 4.5) {
        std::cerr << (look.high_contrast ? "high contrast" : "normal") << ": " << p.what
                  << " has a contrast of " << r << ":1 (at least 4.5:1)\n";
        ++bad;
      }
    }
  }
  return bad;
}

// The smallest text on any screen, in pixels at 1920x1080. Normal look: 28
// px (the hint and language-name size) is about 7 mm on a 21.5" panel
// (0.248 mm a pixel), a letter height that reads at arm's length, well
// above the 24 px that body text should not go under. Large look: 36 px,
// 1.29 times that, so that "large text" is larger everywhere, also in the
// smallest labels.
constexpr int kMinTextPx = 28;
constexpr int kMinLargeTextPx = 36;

// The locale key whose text starts as `text` does (for messages about a
// text that is too small or does not fit), or "".
std::string key_of(const kiosk::Translations& tr, const std::string& lang, std::string_view text) {
  for (const auto& [key, pattern] : tr.catalog(lang).entries()) {
    const std::string head = pattern.substr(0, std::min(pattern.find('{'), size_t{30}));
    if (head.size() >= 3 && text.substr(0, head.size()) == head) return key;
  }
  return {};
}

int run_screenshots(Kiosk& k, const fs::path& dir) {
  if (check_contrast() > 0) return 1;
  app::ui::set_text_audit(true);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    std::cerr << "cannot create " << dir.string() << ": " << ec.message() << "\n";
    return 1;
  }
  const int w = 1920, h = 1080;
  app::ui::Offscreen target;
  if (!target.make(w, h)) return 1;
  int written = 0, small_targets = 0, speech_problems = 0, text_problems = 0;
  int smallest[2] = {1000, 1000};  // normal, large: over every screen and language
  double speech_seconds = 0, synth_seconds = 0;
  for (const auto& code : k.config.kiosk.languages) {
    std::map<std::string, int> smallest_normal;  // per screen, for the large look to beat
    for (const auto& shot : app::screenshot_states(k.form, code, Clock::now())) {
      k.session = shot.session;
      k.ui = shot.ui;
      for (int f = 0; f < 3; ++f) {  // let ImGui settle its layout
        frame(k, static_cast<float>(w), static_cast<float>(h));
        k.session = shot.session;    // screenshots never move the flow
        k.ui = shot.ui;
        glViewport(0, 0, w, h);
        glClearColor(1, 1, 1, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
      }
      // Every tappable widget is at least 90 x 90 px (ADA/EN 301 549 touch
      // targets), in every state, language and look.
      for (const auto& [id, r] : app::ui::all_hits()) {
        const float hw = r.z - r.x, hh = r.w - r.y;
        if (hw < 89.5f || hh < 89.5f) {
          std::cerr << shot.name << "." << code << ": touch target \"" << id << "\" is only "
                    << hw << " x " << hh << " px (at least 90 x 90)\n";
          ++small_targets;
        }
      }
      // Text size and fit: no text under the look's minimum, large text
      // larger than normal on every screen, and no line past its box or the
      // screen.
      const app::ui::TextAudit& audit = app::ui::text_audit();
      const bool large = shot.ui.large_text;
      const std::string base = large ? shot.name.substr(0, shot.name.size() - 15) : shot.name;  // -large-contrast
      const int min_px = large ? kMinLargeTextPx : kMinTextPx;
      if (audit.smallest_px > 0) smallest[large ? 1 : 0] = std::min(smallest[large ? 1 : 0], audit.smallest_px);
      auto named = [&](const std::string& text) {
        const std::string key = key_of(k.tr, code, text);
        return key.empty() ? "\"" + text + "\"" : key;
      };
      if (audit.smallest_px == 0) {
        std::cerr << shot.name << "." << code << ": no text drawn\n";
        ++text_problems;
      } else if (audit.smallest_px < min_px) {
        std::cerr << shot.name << "." << code << ": " << named(audit.smallest_text) << " is drawn at "
                  << audit.smallest_px << " px (at least " << min_px << " px in this look)\n";
        ++text_problems;
      }
      if (!large) {
        smallest_normal[shot.name] = audit.smallest_px;
      } else if (audit.smallest_px <= smallest_normal[base]) {
        std::cerr << shot.name << "." << code << ": large text is not larger: its smallest text is "
                  << audit.smallest_px << " px, " << smallest_normal[base] << " px in the normal look\n";
        ++text_problems;
      }
      for (const auto& p : audit.problems) {
        std::cerr << shot.name << "." << code << ": text does not fit: " << p << "\n";
        ++text_problems;
      }
      // Nothing overlaps: no two tappable widgets share more than a few
      // pixels, and no text drawn on its own lies under one. The attract
      // screen's start button is its whole background; the idle warning is
      // a window over the screen, whose widgets it hides.
      if (!shot.session.idle_warning) {
        const auto hits = app::ui::visible_hits();
        auto overlap = [](const ImVec4& a, const ImVec4& b) {
          return std::min(a.z, b.z) - std::max(a.x, b.x) > 4 && std::min(a.w, b.w) - std::max(a.y, b.y) > 4;
        };
        for (size_t i = 0; i < hits.size(); ++i) {
          if (hits[i].first == "start") continue;
          for (size_t j = i + 1; j < hits.size(); ++j)
            if (hits[j].first != "start" && overlap(hits[i].second, hits[j].second)) {
              std::cerr << shot.name << "." << code << ": \"" << hits[i].first << "\" and \"" << hits[j].first
                        << "\" overlap\n";
              ++text_problems;
            }
          for (const auto& [text, r] : audit.free_text)
            if (overlap(hits[i].second, r)) {
              std::cerr << shot.name << "." << code << ": " << named(text) << " lies under \"" << hits[i].first
                        << "\"\n";
              ++text_problems;
            }
        }
      }
      // Read-aloud: each screen has a reading text; once per screen (in the
      // normal look: large text reads the same) the whole of it is spoken
      // to <screen>.<lang>.wav beside its .txt, for check-wav to judge.
      const std::string reading = app::ui::reading_text();
      if (reading.empty()) {
        std::cerr << shot.name << "." << code << ": nothing to read aloud\n";
        ++speech_problems;
      } else if (!large) {
        std::ofstream(dir / (shot.name + "." + code + ".txt")) << reading << "\n";
        if (kiosk::speech::has_voice(code)) {
          const auto t0 = Clock::now();
          auto pcm = kiosk::speech::synthesize(code, reading, 100);
          synth_seconds += std::chrono::duration<double>(Clock::now() - t0).count();
          if (!pcm) {
            std::cerr << shot.name << "." << code << ": cannot read aloud: " << pcm.error().describe() << "\n";
            ++speech_problems;
          } else if (auto st = kiosk::speech::write_wav(dir / (shot.name + "." + code + ".wav"), *pcm); !st) {
            std::cerr << st.error().describe() << "\n";
            return 1;
          } else {
            speech_seconds += pcm->seconds();
          }
        }
      }
      const fs::path file = dir / (shot.name + "." + code + ".png");
      if (!write_png(file, w, h)) {
        std::cerr << "cannot write " << file.string() << "\n";
        return 1;
      }
      ++written;
    }
  }
  std::cout << "wrote " << written << " screenshots to " << dir.string() << "\n";
  std::printf("read every screen aloud: %.0f s of speech synthesised in %.1f s\n", speech_seconds, synth_seconds);
  std::printf("smallest text: %d px in the normal look, %d px in large text\n", smallest[0], smallest[1]);
  if (text_problems > 0) {
    std::cerr << text_problems << " texts or widgets are too small, do not fit or overlap\n";
    return 1;
  }
  if (speech_problems > 0) {
    std::cerr << speech_problems << " screens cannot be read aloud\n";
    return 1;
  }
  if (small_targets > 0) {
    std::cerr << small_targets << " touch targets are smaller than 90 x 90 px\n";
    return 1;
  }
  return 0;
}


// [SECTION] 5. replay: scripted sessions for end-to-end tests ------------------
//
// A replay file has one command per line ('#' starts a comment):
//   tap ID                   tap the widget drawn with that id
//   type TEXT                type TEXT on a physical keyboard
//   key enter|backspace      press a key
//   drag DY                  drag a finger DY pixels up (-) or down (+) from the centre
//   wait SECONDS             let that much time pass without a touch
//   hold SECONDS             run the normal event-driven loop for SECONDS of real
//                            time, then print its CPU time, frames and PSS
//                            (benchmarks: idle cost and memory on this screen)
//   expect-step NAME         the session must be at that step
//   expect-answer FIELD TEXT core holds TEXT as the answer to FIELD
//   expect-cyrillic FIELD TEXT
//   expect-family N          N family members are recorded
//   expect-new-records N     the outbox gained N sealed records during the replay
//   expect-idle-warning      "Are you still there?" is showing
//   expect-print PHASE       idle|working|printed|failed|no_printer|saved (waits for a job)
//   expect-empty             nothing the person gave remains
//   expect-look L            the look is normal, large, normal+contrast or large+contrast
// The kiosk exits 1 at the first line that fails, naming it (answers are
// fictitious in tests; the message names the field, not the expected text).

// Moves the session's timers, draws one frame and shows it.
void present(Kiosk& k, GLFWwindow* window) {
  k.apply(kiosk::intent::Tick{k.now()});
  int fw = 0, fh = 0;
  glfwGetFramebufferSize(window, &fw, &fh);
  const float scale = layout_scale(fw);
  frame(k, kLayoutWidth, static_cast<float>(fh) / scale, scale);
  glViewport(0, 0, fw, fh);
  glClearColor(1, 1, 1, 1);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  glfwSwapBuffers(window);
}

void draw_and_present(Kiosk& k, GLFWwindow* window) {
  glfwPollEvents();
  present(k, window);
}

int run_replay(Kiosk& k, GLFWwindow* window, const fs::path& file) {
  std::ifstream in(file);
  if (!in) {
    std::cerr << "cannot read the replay file " << file.string() << "\n";
    return 1;
  }
  g_pointer.active = true;
  k.session.last_touch = k.now();
  const int records_at_start = k.record_count();
  for (int i = 0; i < 3; ++i) draw_and_present(k, window);
  std::string line;
  int number = 0;
  auto fail = [&](const std::string& why) {
    std::cerr << file.string() << ":" << number << ": " << why << " (step is "
              << kiosk::to_string(k.session.step) << ")\n";
    return 1;
  };
  while (std::getline(in, line)) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string cmd, arg;
    words >> cmd;
    std::getline(words >> std::ws, arg);
    if (cmd == "tap") {
      const auto at = app::ui::hit_center(arg);
      if (!at)
        return fail("nothing to tap with id \"" + arg + "\" on this screen; can tap: " +
                    app::ui::hit_ids());
      int fw = 0, fh = 0;  // a finger touches window pixels: layout * scale
      glfwGetFramebufferSize(window, &fw, &fh);
      g_pointer.pos = ImVec2(at->x * layout_scale(fw), at->y * layout_scale(fw));
      g_pointer.down = true;
      k.apply(kiosk::intent::Touch{k.now()});
      draw_and_present(k, window);
      g_pointer.down = false;
      draw_and_present(k, window);
      draw_and_present(k, window);
    } else if (cmd == "drag") {
      const float dy = static_cast<float>(std::atof(arg.c_str()));
      int fw = 0, fh = 0;
      glfwGetFramebufferSize(window, &fw, &fh);
      g_pointer.pos = ImVec2(static_cast<float>(fw) / 2, static_cast<float>(fh) / 2);
      g_pointer.down = true;
      k.apply(kiosk::intent::Touch{k.now()});
      draw_and_present(k, window);
      for (int step = 0; step < 12; ++step) {
        g_pointer.pos.y += dy * layout_scale(fw) / 12;
        draw_and_present(k, window);
      }
      g_pointer.down = false;
      draw_and_present(k, window);
      draw_and_present(k, window);
    } else if (cmd == "type") {
      // Each character goes through the same callback a keyboard uses.
      for (size_t p = 0; p < arg.size();) {
        const unsigned char c = static_cast<unsigned char>(arg[p]);
        const int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
        for (int j = 1; j < len && p + static_cast<size_t>(j) < arg.size(); ++j)
          cp = (cp << 6) | (static_cast<unsigned char>(arg[p + static_cast<size_t>(j)]) & 0x3F);
        on_char(window, static_cast<unsigned int>(cp));
        p += static_cast<size_t>(len);
      }
      draw_and_present(k, window);
    } else if (cmd == "key") {
      if (arg == "enter") on_key(window, GLFW_KEY_ENTER, 0, GLFW_PRESS, 0);
      else if (arg == "backspace") on_key(window, GLFW_KEY_BACKSPACE, 0, GLFW_PRESS, 0);
      else return fail("unknown key " + arg);
      draw_and_present(k, window);
    } else if (cmd == "wait") {
      k.clock_offset += std::chrono::seconds(std::atoi(arg.c_str()));
      draw_and_present(k, window);
      draw_and_present(k, window);
    } else if (cmd == "hold") {
      const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(
                                                              static_cast<int64_t>(std::atof(arg.c_str()) * 1000));
      const double cpu0 = process_cpu_seconds();
      int frames = 0;
      for (auto t = std::chrono::steady_clock::now(); t < end; t = std::chrono::steady_clock::now()) {
        const double left = std::chrono::duration<double>(end - t).count();
        if (k.busy_frames > 0) glfwPollEvents();
        else glfwWaitEventsTimeout(std::min(k.next_timer(), left));
        if (std::chrono::steady_clock::now() >= end && k.busy_frames == 0) break;
        present(k, window);
        ++frames;
        if (k.busy_frames > 0) --k.busy_frames;
      }
      std::printf("hold %s s on %s: %.1f ms CPU, %d frames, PSS %ld kB (Mesa driver code %ld kB)\n",
                  arg.c_str(), kiosk::to_string(k.session.step), (process_cpu_seconds() - cpu0) * 1000.0,
                  frames, pss_kb(), driver_pss_kb());
      std::fflush(stdout);
    } else if (cmd == "expect-step") {
      if (arg != kiosk::to_string(k.session.step)) return fail("expected step " + arg);
    } else if (cmd == "expect-answer" || cmd == "expect-cyrillic") {
      const auto space = arg.find(' ');
      const std::string field = arg.substr(0, space);
      const std::string want = space == std::string::npos ? "" : arg.substr(space + 1);
      const auto& m = cmd == "expect-answer" ? k.session.answers.values : k.session.answers.cyrillic;
      const auto it = m.find(field);
      if (it == m.end() || it->second != want) return fail("the answer to " + field + " is not as expected");
    } else if (cmd == "expect-family") {
      const auto it = k.session.answers.groups.find("family");
      const size_t n = it == k.session.answers.groups.end() ? 0 : it->second.size();
      if (n != static_cast<size_t>(std::atoi(arg.c_str()))) return fail("family has " + std::to_string(n) + " members");
    } else if (cmd == "expect-print") {
      static const char* names[] = {"idle", "working", "printed", "failed", "no_printer", "saved"};
      for (int i = 0; i < 600 && k.print_state().phase == app::PrintPhase::working; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        draw_and_present(k, window);
      }
      const auto phase = names[static_cast<int>(k.print_state().phase)];
      if (arg != phase) return fail(std::string("printing is ") + phase + ", not " + arg);
      draw_and_present(k, window);
    } else if (cmd == "expect-new-records") {
      const int added = k.record_count() - records_at_start;
      if (records_at_start < 0 || added != std::atoi(arg.c_str()))
        return fail("the outbox gained " + std::to_string(added) + " records");
    } else if (cmd == "expect-idle-warning") {
      if (!k.session.idle_warning) return fail("no idle warning");
    } else if (cmd == "expect-look") {
      const std::string look = std::string(k.ui.large_text ? "large" : "normal") +
                               (k.ui.high_contrast ? "+contrast" : "");
      if (look != arg) return fail("the look is " + look + ", expected " + arg);
    } else if (cmd == "expect-empty") {
      if (!k.session.answers.empty() || !k.session.lang.empty() || !k.session.draft.empty())
        return fail("the session was not wiped");
    } else {
      return fail("unknown replay command " + cmd);
    }
  }
  std::cout << "replay " << file.filename().string() << ": " << number << " lines, all as expected\n";
  return 0;
}

// [SECTION] 3. frame loop ------------------------------------------------------

// The kiosk itself: screenshots, a replay, or the touch loop until staff
// close it.
int run_kiosk(Kiosk& k, GLFWwindow* window, const Options& opt) {
  g_kiosk = &k;
  k.window = window;
  if (!opt.lang.empty()) k.session.lang = opt.lang;
  if (!opt.screenshots.empty()) return run_screenshots(k, opt.screenshots);
  if (!opt.replay.empty()) return run_replay(k, window, opt.replay);
  k.session.last_touch = k.now();
  k.speaker = std::make_unique<kiosk::speech::Speaker>(kiosk::speech::make_pulse_player());
  int frames = 0;
  k.busy_frames = 2;
  while (!glfwWindowShouldClose(window)) {
    if (k.busy_frames > 0) glfwPollEvents();
    else glfwWaitEventsTimeout(k.next_timer());
    present(k, window);
    if (k.busy_frames > 0) --k.busy_frames;
    if (++frames == 1 && opt.exit_after_frames > 0) {
      int fw = 0, fh = 0;
      glfwGetFramebufferSize(window, &fw, &fh);
      std::printf("first frame presented %.0f ms after process start (%.0f ms CPU), %dx%d px%s\n",
                  seconds_since_process_start() * 1000.0, process_cpu_seconds() * 1000.0, fw, fh,
                  glfwGetWindowMonitor(window) ? ", fullscreen" : "");
      std::fflush(stdout);
    }
    if (opt.exit_after_frames > 0) {
      k.busy_frames = 1;
      if (frames >= opt.exit_after_frames) break;
    }
  }
  return 0;
}

// [SECTION] 6. start-up: load, or say on screen why not ------------------------

struct Started {
  std::unique_ptr<Kiosk> kiosk;
  std::vector<std::string> problems;  // FILE:LINE: message, as check-config says them
};

// Checks the config (every problem, like check-config) and loads the kiosk.
Started start_kiosk(const fs::path& config_path) {
  Started s;
  auto site = kiosk::load_site(config_path);
  for (const auto& p : site.problems) s.problems.push_back(p.describe());
  if (!s.problems.empty()) return s;
  if (auto loaded = Kiosk::load(std::move(site.site))) s.kiosk = std::move(loaded).value();
  else s.problems.push_back(loaded.error().describe());
  return s;
}

// To the journal (stderr). The lines name files and keys, never a person.
void log_problems(const std::vector<std::string>& problems, const fs::path& config_path) {
  for (const auto& p : problems) std::cerr << "asylum-kiosk: cannot start: " << p << "\n";
  if (!problems.empty())
    std::cerr << "asylum-kiosk: check the config with: asylum-kioskctl check-config "
              << config_path.string() << "\n";
}

// Shows why the kiosk cannot start. With --screenshots it writes
// DIR/startup-problem.png, with --exit-after-frames it draws that many
// frames, with --replay it draws nothing; each then returns 1. Otherwise it
// checks again every few seconds, so that a fixed config (or content) starts
// the kiosk without a restart: returns 0 with started.kiosk set.
int show_startup_problem(GLFWwindow* window, const Options& opt, Started& started) {
  if (!opt.replay.empty()) return 1;
  auto tr = kiosk::Translations::load(kiosk::data_dir() / "locales");
  const kiosk::Translations none;
  app::StartupProblem problem{started.problems, opt.config.string(), tr ? &tr.value() : nullptr};
  const kiosk::Config config;
  const kiosk::Session session;
  const kiosk::Form form;
  std::vector<kiosk::Intent> intents;
  app::UiState ui;
  auto draw = [&](int w, int h) {
    const float scale = layout_scale(w);
    const float lw = kLayoutWidth, lh = static_cast<float>(h) / scale;
    begin_imgui_frame(lw, lh, scale);
    app::ui::clear_hits();
    app::ui::clear_reading();
    app::ui::set_look({});
    ImGui::NewFrame();
    app::ScreenContext ctx{session, tr ? tr.value() : none, config, form, Clock::now(), intents,
                           lw, lh, &ui, nullptr};
    app::draw_startup_problem(ctx, problem);
    ImGui::Render();
    glViewport(0, 0, w, h);
    glClearColor(1, 1, 1, 1);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  };

  if (!opt.screenshots.empty()) {
    std::error_code ec;
    fs::create_directories(opt.screenshots, ec);
    app::ui::Offscreen target;
    if (ec || !target.make(1920, 1080)) return 1;
    for (int f = 0; f < 3; ++f) draw(1920, 1080);  // let ImGui settle its layout
    const fs::path file = opt.screenshots / "startup-problem.png";
    if (write_png(file, 1920, 1080)) std::cout << "wrote " << file.string() << "\n";
    return 1;
  }
  constexpr double kRecheckSeconds = 5.0;
  int frames = 0;
  double next_check = glfwGetTime() + kRecheckSeconds;
  while (true) {
    glfwWaitEventsTimeout(std::max(0.0, next_check - glfwGetTime()));
    int fw = 0, fh = 0;
    glfwGetFramebufferSize(window, &fw, &fh);
    draw(fw, fh);
    glfwSwapBuffers(window);
    if (opt.exit_after_frames > 0 && ++frames >= opt.exit_after_frames) return 1;
    if (glfwGetTime() < next_check) continue;
    next_check = glfwGetTime() + kRecheckSeconds;
    Started again = start_kiosk(opt.config);
    if (again.kiosk) {
      std::cerr << "asylum-kiosk: the config is good now; starting\n";
      started = std::move(again);
      return 0;
    }
    if (again.problems != started.problems) {  // log a change once, not every check
      log_problems(again.problems, opt.config);
      started.problems = again.problems;
      problem.reasons = again.problems;
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  Options opt;
  if (int r = parse(argc, argv, opt); r != 0) return r - 1 == 0 ? 0 : 2;

  Started started = start_kiosk(opt.config);
  log_problems(started.problems, opt.config);

  const bool shots = !opt.screenshots.empty();
  if (!shots && !std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY")) {
    if (started.kiosk)
      std::cerr << "asylum-kiosk: no display found (DISPLAY is not set). To see the screens "
                   "without one, run: xvfb-run -a asylum-kiosk --screenshots out/screens\n";
    return 1;
  }
  glfwSetErrorCallback(on_error);
  if (!glfwInit()) {
    std::cerr << "asylum-kiosk: cannot open the display (GLFW init failed)\n";
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  if (shots) glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
  if (!opt.replay.empty() && !opt.windowed) opt.windowed = std::make_pair(1920, 1080);

  GLFWwindow* window = nullptr;
  if (shots) {
    window = glfwCreateWindow(640, 480, "asylum-kiosk", nullptr, nullptr);
  } else if (opt.windowed) {
    window = glfwCreateWindow(opt.windowed->first, opt.windowed->second, "asylum-kiosk", nullptr,
                              nullptr);
  } else {
    GLFWmonitor* monitor = glfwGetPrimaryMonitor();
    const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
    if (mode)
      window = glfwCreateWindow(mode->width, mode->height, "asylum-kiosk", monitor, nullptr);
  }
  if (!window) {
    std::cerr << "asylum-kiosk: cannot create an OpenGL 3.3 window\n";
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);
  glfwSetWindowCloseCallback(window, on_close);
  glfwSetMouseButtonCallback(window, on_mouse);
  glfwSetCursorPosCallback(window, on_cursor);
  glfwSetKeyCallback(window, on_key);
  glfwSetCharCallback(window, on_char);
  glfwSetScrollCallback(window, on_scroll);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // nothing about a session is written to disk
  style_imgui();
  ImGui_ImplGlfw_InitForOpenGL(window, true);  // chains to the callbacks above
  ImGui_ImplOpenGL3_Init("#version 330 core");
  if (auto text = app::ui::init_text(); !text) {
    std::cerr << "asylum-kiosk: cannot draw text: " << text.error().describe() << "\n";
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return 1;
  }

  // A bad config: say why on screen until it is fixed (tests: once, exit 1).
  int rc = started.kiosk ? 0 : show_startup_problem(window, opt, started);
  if (started.kiosk) rc = run_kiosk(*started.kiosk, window, opt);

  app::ui::shutdown_text();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return rc;
}
