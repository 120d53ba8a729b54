// --replay: scripted sessions for end-to-end tests, through the same input
// callbacks and frames as a finger on the real screen.
#define GL_GLEXT_PROTOTYPES 1
#include <GLFW/glfw3.h>
#include <GL/glext.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <cairo.h>
#include <imgui.h>
#include <malloc.h>
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
#include "input/keyboard.hpp"
#include "print/saved.hpp"
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
#include "finish/finish.hpp"
#include "view/review_view.hpp"

namespace fs = std::filesystem;

namespace app::shell {

// A replay file has one command per line ('#' starts a comment):
//   tap ID                   tap the widget drawn with that id
//   type TEXT                type TEXT on a physical keyboard
//   key enter|backspace|left|right   press a key
//   tap-at ID FX FY          tap the widget ID at a fraction of its width and height
//                            (0 0 its top-left corner; a tap in the story's text)
//   expect-helping           "Staff are coming" is showing (after "I need help")
//   expect-assisted          staff let the session go on beside the person
//   expect-caret N           the caret is N characters from the start of the draft
//   expect-story FIELD TEXT  as expect-answer, with \n in TEXT for a line break
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
//   expect-forgotten TEXT    no cache the kiosk keeps holds TEXT (after a wipe)
//   corner                   the hidden staff gesture (five taps top-left)
//   wait-jobs                wait until no print or staff job runs
//   expect-status TEXT       the staff status line contains TEXT
//   expect-saved-papers N    N sessions' papers are saved for staff (print/saved.hpp)
//   expect-draft TEXT        the answer being typed is TEXT
//   expect-asking            "Delete everything you entered?" is showing
//   gcore FILE               write a core of the kiosk process to FILE.<pid>
//   expect-look L            the look is normal, large, normal+contrast or large+contrast
//   expect-review FIELD TEXT the review screen's row for FIELD shows TEXT (core's review_view)
//   expect-petition TEXT     the session's petition, made as for printing, has TEXT
//                            (pdftotext; the line's spaces are squeezed on both sides)
//   listen SECONDS           let the kiosk speak without a touch (its clock moves while it
//                            plays) until it is silent, at most SECONDS; prints how long
//   expect-part N            read aloud in parts, part N (1 = the first) is being read
//   expect-parts-heard       the last part of the screen has been reached
//   expect-said TEXT         the last thing given to the speaker contains TEXT
//   expect-not-said TEXT     ... and does not contain TEXT
// Speech in a replay is synthesised by espeak-ng and "played" by the kiosk's
// clock (no sound card): `wait` and `listen` let it pass.
// The kiosk exits 1 at the first line that fails, naming it (answers are
// fictitious in tests; the message names the field, not the expected text).

namespace {

std::string squeezed(const std::string& s) {
  std::string out;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  return out;
}

// Makes the session's papers as printing does, reads the petition's text
// with pdftotext and looks for `want` in it; the reason when not found.
std::string petition_has(Kiosk& k, const std::string& want) {
  auto docs = kiosk::session_documents(k.config, k.form, k.tr, k.site->content, k.session, "TEST-0000", k.today());
  if (!docs) return "the papers could not be made: " + docs.error().describe();
  char dir_template[] = "/tmp/kiosk-replay-XXXXXX";
  const char* dir = mkdtemp(dir_template);
  if (!dir) return "no temporary directory for the petition";
  const fs::path pdf = fs::path(dir) / "petition.pdf", txt = fs::path(dir) / "petition.txt";
  {
    std::ofstream out(pdf, std::ios::binary);
    out.write(reinterpret_cast<const char*>(docs->petition.data()), static_cast<std::streamsize>(docs->petition.size()));
  }
  const std::string command = "pdftotext -enc UTF-8 '" + pdf.string() + "' '" + txt.string() + "' 2>/dev/null";
  const int rc = std::system(command.c_str());
  std::string text;
  {
    std::ifstream in(txt);
    std::ostringstream all;
    all << in.rdbuf();
    text = all.str();
  }
  std::error_code ec;
  fs::remove_all(dir, ec);  // fictitious answers, but nothing stays behind
  if (rc != 0) return "pdftotext failed (is poppler-utils installed?)";
  if (squeezed(text).find(squeezed(want)) == std::string::npos) return "the petition does not have the expected text";
  return {};
}
// A replay's loudspeaker: it "plays" by the kiosk's clock, so that a
// replay's `wait` and `listen` let speech pass (a part of 40 s ends when
// the clock has moved 40 s) without a sound card.
class ClockPlayer final : public kiosk::speech::Player {
 public:
  explicit ClockPlayer(const kiosk::KioskClock& clock) : clock_(clock) {}
  kiosk::Status play(const kiosk::speech::Pcm& pcm, const std::atomic<bool>& stop) override {
    const auto end = clock_.steady() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                           std::chrono::duration<double>(pcm.seconds()));
    while (!stop.load() && clock_.steady() < end) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return kiosk::Ok{};
  }

 private:
  const kiosk::KioskClock& clock_;
};

}  // namespace

int run_replay(Kiosk& k, GLFWwindow* window, const fs::path& file) {
  // The whole script is read first and the file closed, so that `gcore`
  // can scrub the test's own copy of what it types before the core is
  // taken (the kiosk's memory is what is searched, not the test's script).
  std::vector<std::string> script;
  {
    std::ifstream in(file);
    if (!in) {
      std::cerr << "cannot read the replay file " << file.string() << "\n";
      return 1;
    }
    for (std::string l; std::getline(in, l);) script.push_back(l);
  }
  auto scrub = [](std::string& t) {
    t.resize(t.capacity());
    std::fill(t.begin(), t.end(), '\0');
    t.clear();
  };
  g_pointer.active = true;
  k.speaker = std::make_unique<kiosk::speech::Speaker>(std::make_unique<ClockPlayer>(k.clock));
  k.session.last_touch = k.now();
  const int records_at_start = k.record_count();
  for (int i = 0; i < 3; ++i) draw_and_present(k, window);
  int number = 0;
  int taps = 0, typed = 0;  // touches of buttons, characters typed (the bench counts them)
  auto fail = [&](const std::string& why) {
    std::cerr << file.string() << ":" << number << ": " << why << " (step is "
              << kiosk::to_string(k.session.step) << ")\n";
    return 1;
  };
  // A finger down and up at a layout point (it touches window pixels: layout
  // * scale), with a frame while down and two after.
  auto touch_at = [&](float x, float y) {
    int fw = 0, fh = 0;
    glfwGetFramebufferSize(window, &fw, &fh);
    g_pointer.pos = ImVec2(x * layout_for(fw, fh).scale, y * layout_for(fw, fh).scale);
    g_pointer.down = true;
    k.apply(kiosk::intent::Touch{k.now()});
    draw_and_present(k, window);
    g_pointer.down = false;
    draw_and_present(k, window);
    draw_and_present(k, window);
  };
  while (static_cast<size_t>(number) < script.size()) {
    const std::string& line = script[static_cast<size_t>(number)];
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
      ++taps;
      touch_at(at->x, at->y);
    } else if (cmd == "tap-at") {
      std::istringstream a(arg);
      std::string id;
      float fx = 0.5f, fy = 0.5f;
      a >> id >> fx >> fy;
      std::optional<ImVec4> rect;
      for (const auto& [hid, r] : app::ui::all_hits())
        if (hid == id) rect = r;
      if (!rect) return fail("nothing to tap with id \"" + id + "\" on this screen");
      touch_at(rect->x + (rect->z - rect->x) * fx, rect->y + (rect->w - rect->y) * fy);
    } else if (cmd == "drag") {
      const float dy = static_cast<float>(std::atof(arg.c_str()));
      int fw = 0, fh = 0;
      glfwGetFramebufferSize(window, &fw, &fh);
      g_pointer.pos = ImVec2(static_cast<float>(fw) / 2, static_cast<float>(fh) / 2);
      g_pointer.down = true;
      k.apply(kiosk::intent::Touch{k.now()});
      draw_and_present(k, window);
      for (int step = 0; step < 12; ++step) {
        g_pointer.pos.y += dy * layout_for(fw, fh).scale / 12;
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
        ++typed;
      }
      draw_and_present(k, window);
    } else if (cmd == "key") {
      if (arg == "enter") on_key(window, GLFW_KEY_ENTER, 0, GLFW_PRESS, 0);
      else if (arg == "backspace") on_key(window, GLFW_KEY_BACKSPACE, 0, GLFW_PRESS, 0);
      else if (arg == "left") on_key(window, GLFW_KEY_LEFT, 0, GLFW_PRESS, 0);
      else if (arg == "right") on_key(window, GLFW_KEY_RIGHT, 0, GLFW_PRESS, 0);
      else return fail("unknown key " + arg);
      draw_and_present(k, window);
    } else if (cmd == "wait") {
      k.clock.advance(std::chrono::seconds(std::atoi(arg.c_str())));
      draw_and_present(k, window);
      draw_and_present(k, window);
    } else if (cmd == "listen") {
      // Lets the kiosk speak without a touch, in steps of 5 s of its clock,
      // until it is silent, at most SECONDS; prints how long it spoke.
      const int most = std::atoi(arg.c_str());
      int listened = 0;
      auto quiet = [&] {  // nothing queued or said, and no part waiting to go on
        for (int i = 0; i < 3000; ++i) {  // synthesis takes real time: up to 30 s
          draw_and_present(k, window);
          if (!k.speaker || !k.speaker->busy()) {
            draw_and_present(k, window);
            if (!k.speaker || !k.speaker->busy()) return true;
          }
          if (k.speaker->playing()) return false;
          std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return false;
      };
      while (listened < most && !quiet()) {
        k.clock.advance(std::chrono::seconds(5));
        listened += 5;
        draw_and_present(k, window);
      }
      std::printf("listened %d s on %s, part %zu\n", listened, kiosk::to_string(k.session.step),
                  k.session.reading_part + 1);
      std::fflush(stdout);
    } else if (cmd == "frames-while-synthesising") {
      // Reads the screen aloud to its end, every part, without a touch, at
      // most SECONDS of wall time, drawing frames one after another as an
      // animation would. Playback runs on the kiosk's clock, which is moved
      // on while a part plays; the frames counted are those that began or
      // ended while a part was being synthesised. Prints their number and the longest one:
      // the kiosk's own part of the frame (timers, services, widgets: where
      // a wait on synthesis would show, issue 19) and the whole frame with
      // Mesa's drawing and the swap, beside the frames drawn otherwise.
      const auto end = std::chrono::steady_clock::now() +
                       std::chrono::milliseconds(static_cast<int64_t>(std::atof(arg.c_str()) * 1000));
      // The request may come a frame or two after the screen changed.
      for (int i = 0; i < 200 && !(k.speaker && k.speaker->busy()); ++i) {
        draw_and_present(k, window);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      int frames = 0, other_frames = 0, quiet = 0;
      double longest = 0, longest_total = 0, other_total = 0, synth = 0;
      while (quiet < 3 && std::chrono::steady_clock::now() < end) {
        const bool speaking = k.speaker && k.speaker->busy();
        const bool synthesising = speaking && !k.speaker->playing();
        if (speaking) quiet = 0;
        else ++quiet;
        if (speaking && !synthesising) k.clock.advance(std::chrono::seconds(1));
        draw_and_present(k, window);
        const auto t = app::shell::last_frame_times();
        if (synthesising || (k.speaker && k.speaker->busy() && !k.speaker->playing())) {  // began or ended in it
          longest = std::max(longest, t.kiosk_ms);
          longest_total = std::max(longest_total, t.total_ms);
          synth += t.total_ms;
          ++frames;
        } else {
          other_total = std::max(other_total, t.total_ms);
          ++other_frames;
          std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
      }
      std::printf("frames while synthesising on %s: %d frames in %.0f ms, part %zu of %zu, longest %.1f ms "
                  "(drawn and shown %.1f ms; %d frames while not synthesising, longest drawn and shown %.1f ms)\n",
                  kiosk::to_string(k.session.step), frames, synth, k.session.reading_part + 1,
                  k.reading_parts().size(), longest, longest_total, other_frames, other_total);
      std::fflush(stdout);
    } else if (cmd == "expect-part") {
      // The part being read aloud (1 = the first).
      if (k.session.reading_part + 1 != static_cast<size_t>(std::atoi(arg.c_str())))
        return fail("reading part " + std::to_string(k.session.reading_part + 1) + ", not " + arg);
    } else if (cmd == "expect-parts-heard") {
      // Every part of the screen was read to its end (the last one is on).
      if (k.session.reading_part + 1 != k.reading_parts().size())
        return fail("part " + std::to_string(k.session.reading_part + 1) + " of " +
                    std::to_string(k.reading_parts().size()) + " is being read");
    } else if (cmd == "expect-said") {
      // The last text given to the speaker contains TEXT.
      if (!k.speaker || k.speaker->last_said().find(arg) == std::string::npos)
        return fail("the kiosk did not say \"" + arg + "\"; it said \"" +
                    (k.speaker ? k.speaker->last_said() : std::string()) + "\"");
    } else if (cmd == "expect-not-said") {
      if (k.speaker && k.speaker->last_said().find(arg) != std::string::npos)
        return fail("the kiosk said something it must not say aloud");
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
      const struct mallinfo2 mi = mallinfo2();
      std::printf("hold %s s on %s: %.1f ms CPU, %d frames, PSS %ld kB (Mesa driver code %ld kB), "
                  "malloc: %zu kB in use, %zu kB free\n",
                  arg.c_str(), kiosk::to_string(k.session.step), (process_cpu_seconds() - cpu0) * 1000.0,
                  frames, pss_kb(), driver_pss_kb(), (mi.uordblks + mi.hblkhd) / 1024, mi.fordblks / 1024);
      std::fflush(stdout);
    } else if (cmd == "exit-now") {
      // Ends the process here, freeing nothing: under heaptrack, what is
      // still allocated at this point shows as "leaked" (memory profiling).
      std::fflush(stdout);
      _exit(0);
    } else if (cmd == "expect-step") {
      if (arg != kiosk::to_string(k.session.step)) return fail("expected step " + arg);
    } else if (cmd == "expect-answer" || cmd == "expect-cyrillic") {
      const auto space = arg.find(' ');
      const std::string field = arg.substr(0, space);
      const std::string want = space == std::string::npos ? "" : arg.substr(space + 1);
      const auto& m = cmd == "expect-answer" ? k.session.answers.values : k.session.answers.cyrillic;
      const auto it = m.find(field);
      if (it == m.end() || it->second != want) return fail("the answer to " + field + " is not as expected");
    } else if (cmd == "expect-story") {
      const auto space = arg.find(' ');
      const std::string field = arg.substr(0, space);
      const std::string escaped = space == std::string::npos ? "" : arg.substr(space + 1);
      std::string want;
      for (size_t p = 0; p < escaped.size(); ++p) {
        if (escaped[p] == '\\' && p + 1 < escaped.size() && escaped[p + 1] == 'n') {
          want.push_back('\n');
          ++p;
        } else {
          want.push_back(escaped[p]);
        }
      }
      const auto it = k.session.answers.values.find(field);
      if (it == k.session.answers.values.end() || it->second != want)
        return fail("the answer to " + field + " is not as expected");
    } else if (cmd == "expect-helping") {
      if (!k.session.helping) return fail("the \"staff are coming\" screen is not showing");
    } else if (cmd == "expect-assisted") {
      if (!k.session.assisted) return fail("the session is not staff-assisted");
    } else if (cmd == "expect-caret") {
      const size_t caret = kiosk::caret_of(k.session);
      const size_t want = static_cast<size_t>(std::atoi(arg.c_str()));
      size_t at = 0;  // characters (code points) before the caret
      for (size_t b = 0; b < caret; ++b)
        if ((static_cast<unsigned char>(k.session.draft[b]) & 0xC0) != 0x80) ++at;
      if (at != want) return fail("the caret is at character " + std::to_string(at) + ", not " + arg);
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
    } else if (cmd == "corner") {
      // The hidden staff gesture: five quick taps in the top-left corner,
      // through the same mouse callback as a finger.
      for (int t = 0; t < 5; ++t) {
        g_pointer.pos = ImVec2(20, 20);
        g_pointer.down = true;
        on_mouse(window, GLFW_MOUSE_BUTTON_LEFT, GLFW_PRESS, 0);
        draw_and_present(k, window);
        g_pointer.down = false;
        draw_and_present(k, window);
      }
      draw_and_present(k, window);
    } else if (cmd == "wait-jobs") {
      k.wait_for_jobs();  // a staff job (export, test page) has ended
      draw_and_present(k, window);
      draw_and_present(k, window);
    } else if (cmd == "expect-asking") {
      if (k.session.asking == kiosk::Ask::none) return fail("no \"delete everything?\" question is showing");
    } else if (cmd == "expect-draft") {
      if (k.session.draft != arg) return fail("the answer being typed is not as expected");
    } else if (cmd == "expect-status") {
      if (k.ui.status.find(arg) == std::string::npos)
        return fail("the staff line is \"" + k.ui.status + "\", not containing \"" + arg + "\"");
    } else if (cmd == "expect-saved-papers") {
      auto saved = kiosk::list_saved_papers(kiosk::saved_papers_place(k.config));
      if (!saved) return fail(saved.error().describe());
      if (std::to_string(saved->size()) != arg)
        return fail(std::to_string(saved->size()) + " sessions' papers are saved, expected " + arg);
    } else if (cmd == "expect-forgotten") {
      // Nothing the kiosk keeps holds this text any more (after a wipe).
      if (const std::string where = k.holds_text(arg); !where.empty())
        return fail("a wiped answer is still held in " + where);
    } else if (cmd == "gcore") {
      // A core of this very process, for a test to search (gdb's gcore).
      const std::string command = "gcore -o '" + arg + "' " + std::to_string(getpid()) + " >/dev/null 2>&1";
      for (auto& l : script) scrub(l);
      words.str({});
      if (std::system(command.c_str()) != 0) return fail("gcore failed (is gdb installed?)");
    } else if (cmd == "expect-review") {
      const auto space = arg.find(' ');
      const std::string field = arg.substr(0, space);
      const std::string want = space == std::string::npos ? "" : arg.substr(space + 1);
      bool found = false;
      for (const auto& row : kiosk::review_view(k.session, k.form, k.tr, k.session.lang))
        if (row.field == field) found = row.value.find(want) != std::string::npos;
      if (!found) return fail("the review row of " + field + " is not as expected");
    } else if (cmd == "expect-petition") {
      if (const std::string why = petition_has(k, arg); !why.empty()) return fail(why);
    } else if (cmd == "expect-empty") {
      if (!k.session.answers.empty() || !k.session.lang.empty() || !k.session.draft.empty())
        return fail("the session was not wiped");
    } else {
      return fail("unknown replay command " + cmd);
    }
  }
  std::cout << "replay " << file.filename().string() << ": " << number << " lines, " << taps << " taps, "
            << typed << " characters typed, all as expected\n";
  return 0;
}

}  // namespace app::shell
