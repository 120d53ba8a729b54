// asylum-kiosk: the touchscreen kiosk.
//
// This file holds the program around the screens:
//   [1] command line
//   [2] the event-driven frame loop: wait for input or the next timer
//   [3] start-up: a bad config is shown on screen until it is fixed
// shell.cpp has the input callbacks and one frame, replay.cpp the scripted
// sessions, audits.cpp the screenshot run. Frame order follows Dear ImGui's
// example_glfw_opengl3: poll, NewFrame, UI, Render, swap; every init
// checked; clean-up in reverse.
#define GL_GLEXT_PROTOTYPES 1
#include <GLFW/glfw3.h>
#include <GL/glext.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <cairo.h>
#include <imgui.h>
#include <time.h>
#include <malloc.h>
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
#include <future>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "base/appliance.hpp"
#include "base/paths.hpp"
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
#include "display.hpp"
#include "screenshots.hpp"
#include "speech/speech.hpp"
#include "ui/hits.hpp"
#include "ui/offscreen.hpp"
#include "ui/widgets.hpp"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using app::Kiosk;
using namespace app::shell;

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
               "                          config: DIR/startup-problem.png, exit 1); with\n"
               "                          --windowed WxH, on a screen of that size\n"
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

// [SECTION] 2. frame loop ------------------------------------------------------

// The kiosk itself: screenshots, a replay, or the touch loop until staff
// close it.
int run_kiosk(Kiosk& k, GLFWwindow* window, const Options& opt) {
  g_kiosk = &k;
  k.window = window;
  if (!opt.lang.empty()) k.session.lang = opt.lang;
  if (!opt.screenshots.empty())
    return run_screenshots(k, opt.screenshots, opt.windowed ? opt.windowed->first : 1920,
                           opt.windowed ? opt.windowed->second : 1080);
  if (!opt.replay.empty()) return run_replay(k, window, opt.replay);
  k.session.last_touch = k.now();
  k.speaker = std::make_unique<kiosk::speech::Speaker>(kiosk::speech::make_pulse_player());
  int frames = 0;
  k.busy_frames = 2;
  while (!glfwWindowShouldClose(window)) {
    if (k.busy_frames > 0) glfwPollEvents();
    else glfwWaitEventsTimeout(k.next_timer());
    if (app::display_hung_up()) app::display_gone();  // never draw for a display that is gone
    present(k, window);
    if (k.busy_frames > 0) --k.busy_frames;
    if (++frames == 1 && opt.exit_after_frames > 0) {
      int fw = 0, fh = 0;
      glfwGetFramebufferSize(window, &fw, &fh);
      if (std::getenv("KIOSK_STARTUP_TRACE"))
        std::fprintf(stderr, "start-up: first frame took %.1f ms, %.1f ms of it the kiosk's own part\n",
                     last_frame_times().total_ms, last_frame_times().kiosk_ms);
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

// [SECTION] 3. start-up: load, or say on screen why not ------------------------

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
    const Layout l = layout_for(w, h);
    const float lw = l.width, lh = l.height;
    begin_imgui_frame(lw, lh, l.scale);
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
    const int w = opt.windowed ? opt.windowed->first : 1920, h = opt.windowed ? opt.windowed->second : 1080;
    app::ui::Offscreen target;
    if (ec || !target.make(w, h)) return 1;
    for (int f = 0; f < 3; ++f) draw(w, h);  // let ImGui settle its layout
    const fs::path file = opt.screenshots / "startup-problem.png";
    if (write_png(file, w, h)) std::cout << "wrote " << file.string() << "\n";
    return 1;
  }
  constexpr double kRecheckSeconds = 5.0;
  int frames = 0;
  double next_check = glfwGetTime() + kRecheckSeconds;
  while (true) {
    glfwWaitEventsTimeout(std::max(0.0, next_check - glfwGetTime()));
    if (app::display_hung_up()) app::display_gone();
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

// KIOSK_STARTUP_TRACE=1: when each start-up step ended (ms since the process
// started, CPU ms), to stderr; for finding what the first frame waits on.
static bool tracing() {
  static const bool on = std::getenv("KIOSK_STARTUP_TRACE") != nullptr;
  return on;
}
static void trace(const char* step) {
  if (tracing())
    std::fprintf(stderr, "start-up: %-14s %6.1f ms (%.1f ms CPU)\n", step, seconds_since_process_start() * 1000.0,
                 process_cpu_seconds() * 1000.0);
}

int main(int argc, char** argv) {
  // Memory the kiosk frees is overwritten at once (glibc's perturb), so a
  // wiped person's answers do not linger in freed heap blocks for a core
  // dump, a swap file or the next person's session to find. glibc's thread
  // cache keeps small freed blocks as they were, so it is turned off; both
  // are glibc tunables, read only at start. The systemd unit sets them; a
  // kiosk started without them starts itself again once with them set.
  const char* have = std::getenv("GLIBC_TUNABLES");
  const std::string want = "glibc.malloc.tcache_count=0:glibc.malloc.perturb=165";
  if (!std::getenv("ASYLUM_KIOSK_MALLOC_SET") && !(have && std::strstr(have, want.c_str()))) {
    const std::string value = have && *have ? std::string(have) + ":" + want : want;
    setenv("GLIBC_TUNABLES", value.c_str(), 1);
    setenv("ASYLUM_KIOSK_MALLOC_SET", "1", 1);
    execv("/proc/self/exe", argv);  // returns only on failure: go on with mallopt below
  }
  mallopt(M_PERTURB, 0xA5);
  trace("main");
  if (tracing()) {
    const char* now = std::getenv("GLIBC_TUNABLES");
    std::fprintf(stderr, "start-up: malloc tunables %s, %s\n",
                 std::getenv("ASYLUM_KIOSK_MALLOC_SET") ? "set by starting again" : "from the environment",
                 now && std::strstr(now, want.c_str()) ? "in effect" : "NOT in effect");
  }
  kiosk::disable_core_dumps();  // a crash must not write the session's answers to disk
  Options opt;
  if (int r = parse(argc, argv, opt); r != 0) return r - 1 == 0 ? 0 : 2;

  // The site loads on its own thread while the display and OpenGL start on
  // this one (each takes tens of ms; neither needs the other).
  std::future<Started> loading = std::async(std::launch::async, [&opt] { return start_kiosk(opt.config); });
  std::optional<Started> loaded;
  auto site = [&]() -> Started& {
    if (!loaded) {
      loaded.emplace(loading.get());
      log_problems(loaded->problems, opt.config);
      trace("site loaded");
    }
    return *loaded;
  };

  const bool shots = !opt.screenshots.empty();
  if (!shots && !std::getenv("DISPLAY") && !std::getenv("WAYLAND_DISPLAY")) {
    if (site().kiosk)
      std::cerr << "asylum-kiosk: no display found (DISPLAY is not set). To see the screens "
                   "without one, run: xvfb-run -a asylum-kiosk --screenshots out/screens\n";
    return 1;
  }
  glfwSetErrorCallback(on_error);
  if (!glfwInit()) {
    site();  // its problems, if any, go to the journal too
    std::cerr << "asylum-kiosk: cannot open the display (GLFW init failed)\n";
    return 1;
  }
  trace("glfwInit");
  app::watch_display();  // the display went away: end, and be started again
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
    site();
    std::cerr << "asylum-kiosk: cannot create an OpenGL 3.3 window\n";
    glfwTerminate();
    return 1;
  }
  trace("window");
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
  trace("imgui");
  if (auto text = app::ui::init_text(); !text) {
    site();
    std::cerr << "asylum-kiosk: cannot draw text: " << text.error().describe() << "\n";
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return 1;
  }

  trace("text");
  Started& started = site();
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
