// The screenshot run: every screen in every language and look to PNG, and
// the checks a person would make looking at them (contrast, touch targets,
// text size and fit, overlaps, a reading text that can be spoken).
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
using Clock = std::chrono::steady_clock;

namespace app::shell {


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

namespace {

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

}  // namespace

int run_screenshots(Kiosk& k, const fs::path& dir, int w, int h) {
  if (check_contrast() > 0) return 1;
  app::ui::set_text_audit(true);
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    std::cerr << "cannot create " << dir.string() << ": " << ec.message() << "\n";
    return 1;
  }
  // The layout this screen gets (portrait: 1080 wide), and its scale:
  // every size checked below is in real pixels, layout px x scale.
  const Layout layout = layout_for(w, h);
  const float px = layout.scale;
  std::printf("screenshots on a %dx%d screen: layout %.0fx%.0f at scale %.2f\n", w, h, layout.width,
              layout.height, static_cast<double>(px));
  app::ui::Offscreen target;
  if (!target.make(w, h)) return 1;
  int written = 0, small_targets = 0, speech_problems = 0, text_problems = 0;
  int smallest[2] = {1000, 1000};  // normal, large: over every screen and language
  float smallest_target = 1e9f;    // the narrower side of the smallest touch target
  double speech_seconds = 0, synth_seconds = 0;
  for (const auto& code : k.config.kiosk.languages) {
    std::map<std::string, int> smallest_normal;  // per screen, for the large look to beat
    for (const auto& shot : app::screenshot_states(k.form, code, Clock::now())) {
      k.session = shot.session;
      k.ui = shot.ui;
      for (int f = 0; f < 3; ++f) {  // let ImGui settle its layout
        frame(k, layout.width, layout.height, layout.scale);
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
        const float hw = (r.z - r.x) * px, hh = (r.w - r.y) * px;
        smallest_target = std::min({smallest_target, hw, hh});
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
      const int text_px = static_cast<int>(std::lround(static_cast<float>(audit.smallest_px) * px));
      if (text_px > 0) smallest[large ? 1 : 0] = std::min(smallest[large ? 1 : 0], text_px);
      auto named = [&](const std::string& text) {
        const std::string key = key_of(k.tr, code, text);
        return key.empty() ? "\"" + text + "\"" : key;
      };
      if (text_px == 0) {
        std::cerr << shot.name << "." << code << ": no text drawn\n";
        ++text_problems;
      } else if (text_px < min_px) {
        std::cerr << shot.name << "." << code << ": " << named(audit.smallest_text) << " is drawn at "
                  << text_px << " px (at least " << min_px << " px in this look)\n";
        ++text_problems;
      }
      if (!large) {
        smallest_normal[shot.name] = text_px;
      } else if (text_px <= smallest_normal[base]) {
        std::cerr << shot.name << "." << code << ": large text is not larger: its smallest text is "
                  << text_px << " px, " << smallest_normal[base] << " px in the normal look\n";
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
      if (!shot.session.idle_warning && !shot.session.helping && shot.session.asking == kiosk::Ask::none) {
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
      std::string reading = app::ui::reading_text();
      // A screen read in parts says one part at a time (core's words).
      if (!shot.session.idle_warning && shot.session.asking == kiosk::Ask::none) {
        const bool review = shot.session.step == kiosk::Step::review;
        if (review || shot.session.step == kiosk::Step::guidance) {
          const auto& parts = review ? k.review_parts() : k.reading_parts();
          if (shot.session.reading_part < parts.size()) reading = parts[shot.session.reading_part].text;
        }
      }
      if (reading.empty()) {
        std::cerr << shot.name << "." << code << ": nothing to read aloud\n";
        ++speech_problems;
      } else if (!large) {
        std::ofstream(dir / (shot.name + "." + code + ".txt")) << reading << "\n";
        // Staff screens are shown (and would be read) in staff.language.
        const std::string& voice_of = kiosk::shown_language(shot.session, k.config);
        if (kiosk::speech::has_voice(voice_of)) {
          const auto t0 = Clock::now();
          auto pcm = kiosk::speech::synthesize(voice_of, reading, 100);
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
  std::printf("smallest touch target: %.0f px\n", static_cast<double>(smallest_target));
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


}  // namespace app::shell
