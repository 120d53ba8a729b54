// Text benchmark. Prints two tables:
//   1. layout cost of one paragraph per language: cold (shaping, bidi, line
//      breaking every time) and cached (a LayoutCache hit);
//   2. CPU time of one frame (ImGui NewFrame .. Render, the real widgets and
//      renderer, atlas uploads to a null backend) for a text-heavy guidance
//      screen and for every real screen, first frame and cached frames,
//      with the number of HarfBuzz shapings per cached frame.
// --check: few iterations, no timing claims; exits 1 if any cached frame
// shaped text (CTest runs this).
// --summary: only one line per language for the benchmark table
// (tests/bench/kiosk_bench.sh): "frame LANG SCREEN COLD_US CACHED_US" for
// the real screen whose first (cold) frame costs most, and the same for the
// real screen whose cached frame costs most.
#include <imgui.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "base/paths.hpp"
#include "config/config.hpp"
#include "locale/catalog.hpp"
#include "locale/language.hpp"
#include "screens/screen.hpp"
#include "text/layout.hpp"
#include "ui/text_renderer.hpp"
#include "kiosk.hpp"
#include "screenshots.hpp"
#include "ui/widgets.hpp"

namespace {

double cpu_us() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) / 1e3;
}

struct Sample {
  const char* lang;
  const char* text;
};

// About 300 characters each: the longest paragraphs of the guidance screen.
const Sample kParagraphs[] = {
    {"fa-AF",
     "اگر از کشور خود فرار کرده‌اید و در آن‌جا در خطر هستید، می‌توانید در قزاقستان درخواست "
     "پناهندگی کنید. درخواست خود را به‌صورت کتبی به نزدیک‌ترین اداره مهاجرت بدهید. برای کمک با "
     "شماره +7 727 258 45 98 تماس بگیرید؛ برنامه‌های کمک حقوقی UNHCR رایگان هستند."},
    {"ru",
     "Если вы бежали из своей страны и вам там угрожает опасность, вы можете попросить убежища "
     "в Казахстане. Подайте письменное ходатайство в ближайшее управление миграционной службы. "
     "Бесплатная юридическая помощь: +7 727 258 45 98 (KIBHR), это ничего не стоит."},
    {"kk",
     "Егер сіз өз еліңізден қашып кетсеңіз және онда сізге қауіп төнсе, Қазақстанда баспана "
     "сұрай аласыз. Жазбаша өтінішті ең жақын көші-қон басқармасына беріңіз. Тегін заң көмегі: "
     "+7 727 258 45 98 (KIBHR), бұл ақысыз."},
    {"uk",
     "Якщо ви втекли зі своєї країни і вам там загрожує небезпека, ви можете попросити притулку "
     "в Казахстані. Подайте письмову заяву до найближчого управління міграційної служби. "
     "Безоплатна правова допомога: +7 727 258 45 98 (KIBHR), це нічого не коштує."},
    {"en",
     "If you fled your country and are in danger there, you can ask for asylum in Kazakhstan. "
     "Give a written application to the nearest migration office. Free legal help: "
     "+7 727 258 45 98 (KIBHR); it costs nothing, and an interpreter must be provided."},
};

const char* sample_for(const std::string& lang) {
  for (const auto& s : kParagraphs)
    if (lang == s.lang) return s.text;
  return kParagraphs[4].text;
}

// A guidance-like screen heavier than any real one: title, headings,
// six long paragraphs, six list items, a text field, progress, buttons.
void heavy_screen(app::ScreenContext& ctx) {
  namespace ui = app::ui;
  const std::string body = sample_for(ctx.lang());
  ui::begin_screen("bench");
  ui::progress(ctx, 3, 8);
  ui::title(ctx, ctx.t("app.name"));
  for (int i = 0; i < 3; ++i) {
    ui::heading(ctx, ctx.t("language.title"));
    ui::paragraph(ctx, body);
    ui::list_item(ctx, ctx.t("attract.touch"));
    ui::list_item(ctx, body.substr(0, 120 + static_cast<size_t>(i)));
    ui::paragraph(ctx, body.substr(0, 200 + static_cast<size_t>(i)));
  }
  ui::text_field(ctx, "name", body.substr(0, 40), true);
  {
    ui::Row row(ctx);
    row.next(400);
    ui::big_button(ctx, "a", ctx.t("nav.next"), 400, ui::ButtonKind::primary);
    row.next(400);
    ui::big_button(ctx, "b", ctx.t("nav.back"), 400);
  }
  ui::nav_bar(ctx, true, true);
  ui::end_screen();
}

struct FrameResult {
  double first_us = 0, cached_us = 0;
  uint64_t cached_shapes = 0;
};

// `now` is frozen: every frame of a state sees the same time, so a text
// that follows the clock (the idle countdown) is the same in every frame.
FrameResult measure_frames(app::Kiosk& k, const kiosk::Session& session, app::UiState ui,
                           app::DrawScreen draw, int frames, std::chrono::steady_clock::time_point now) {
  FrameResult r;
  ImGuiIO& io = ImGui::GetIO();
  auto one = [&] {
    io.DisplaySize = ImVec2(1920, 1080);
    io.DeltaTime = 1.0f / 60.0f;
    ImGui::NewFrame();
    std::vector<kiosk::Intent> intents;
    app::ScreenContext ctx{session, k.tr, k.config, k.form, now,
                           intents, 1920, 1080, &ui, &k};
    draw(ctx);
    if (session.idle_warning) app::draw_idle_overlay(ctx);
    ImGui::Render();
  };
  double t = cpu_us();
  one();
  r.first_us = cpu_us() - t;
  one();  // ImGui settles window sizes in the second frame
  const uint64_t shapes = kiosk::text::shape_count();
  t = cpu_us();
  for (int i = 0; i < frames; ++i) one();
  r.cached_us = (cpu_us() - t) / frames;
  r.cached_shapes = kiosk::text::shape_count() - shapes;
  return r;
}

}  // namespace

int main(int argc, char** argv) {
  const bool check = argc > 1 && std::strcmp(argv[1], "--check") == 0;
  const bool summary = argc > 1 && std::strcmp(argv[1], "--summary") == 0;
  const int reps = check ? 3 : 200;
  const int frames = check ? 3 : 100;

  auto fonts = kiosk::text::FontSet::load_default();
  auto tr = kiosk::Translations::load(kiosk::data_dir() / "locales");
  auto config = kiosk::load_config(kiosk::data_dir() / "kiosk-config" / "demo.toml");
  if (!fonts || !tr || !config) {
    std::fprintf(stderr, "text_bench: cannot load fonts, locales or the demo config\n");
    return 1;
  }

  if (!check && !summary) {
    std::printf("Layout of one paragraph, body size 34 px, wrapped at 1800 px\n");
    std::printf("%-6s %6s %6s %7s %12s %12s\n", "lang", "chars", "lines", "shapes", "cold us",
                "cached us");
    for (const auto& s : kParagraphs) {
      const auto* lang = kiosk::find_language(s.lang);
      kiosk::text::LayoutOptions o;
      o.max_width = 1800;
      o.language = s.lang;
      o.direction = lang->rtl ? kiosk::text::Direction::rtl : kiosk::text::Direction::ltr;
      kiosk::text::layout(*fonts, s.text, o);  // faces opened outside the timing
      const uint64_t shapes0 = kiosk::text::shape_count();
      double t = cpu_us();
      size_t lines = 0;
      for (int i = 0; i < reps; ++i) lines = kiosk::text::layout(*fonts, s.text, o).lines.size();
      const double cold = (cpu_us() - t) / reps;
      const uint64_t shapes = (kiosk::text::shape_count() - shapes0) / static_cast<uint64_t>(reps);
      kiosk::text::LayoutCache cache(*fonts);
      cache.get(s.text, o);
      t = cpu_us();
      for (int i = 0; i < reps * 10; ++i) lines = cache.get(s.text, o).lines.size();
      const double cached = (cpu_us() - t) / (reps * 10);
      size_t chars = 0;
      for (const char* c = s.text; *c; ++c) chars += (static_cast<unsigned char>(*c) & 0xC0) != 0x80;
      std::printf("%-6s %6zu %6zu %7llu %12.1f %12.2f\n", s.lang, chars, lines,
                  static_cast<unsigned long long>(shapes), cold, cached);
    }
  }

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  if (auto st = app::ui::init_text(app::ui::make_null_atlas_backend()); !st) {
    std::fprintf(stderr, "text_bench: %s\n", st.error().describe().c_str());
    return 1;
  }

  // The real kiosk (content, form, services) behind the real screens, in
  // the states a session passes through (the same list as --screenshots).
  auto loaded_site = kiosk::load_site(config->source);
  auto kiosk = app::Kiosk::load(loaded_site.site);
  if (!kiosk) {
    std::fprintf(stderr, "text_bench: %s\n", kiosk.error().describe().c_str());
    return 1;
  }
  app::Kiosk& k = **kiosk;

  int failures = 0;
  const auto frozen = std::chrono::steady_clock::now();  // the bench's one "now"
  if (!check && !summary) {
    std::printf("\nOne frame at 1920x1080 (ImGui NewFrame..Render, CPU time)\n");
    std::printf("%-18s %-6s %12s %12s %14s\n", "screen", "lang", "first us", "cached us",
                "shapes/cached");
  }
  for (const auto& lang : kiosk::languages()) {
    std::vector<app::ScreenshotState> states;
    kiosk::Session heavy;
    heavy.step = kiosk::Step::guidance;
    heavy.lang = lang.code;
    states.push_back({"heavy-guidance", heavy, {}});
    for (auto& st : app::screenshot_states(k.form, lang.code, frozen))
      states.push_back(std::move(st));
    std::string cold_name, cached_name;
    FrameResult cold_max, cached_max;
    for (const auto& st : states) {
      const app::DrawScreen draw = st.name == "heavy-guidance" ? heavy_screen : app::screen_for(st.session.step);
      const FrameResult r = measure_frames(k, st.session, st.ui, draw, frames, frozen);
      if (r.cached_shapes != 0) {
        std::fprintf(stderr, "FAIL: %s in %s shaped %llu runs in cached frames\n",
                     st.name.c_str(), lang.code.c_str(),
                     static_cast<unsigned long long>(r.cached_shapes));
        ++failures;
      }
      if (st.name != "heavy-guidance" && r.first_us > cold_max.first_us) {
        cold_max = r;
        cold_name = st.name;
      }
      if (st.name != "heavy-guidance" && r.cached_us > cached_max.cached_us) {
        cached_max = r;
        cached_name = st.name;
      }
      if (!check && !summary && (st.name == "heavy-guidance" || lang.code == "fa-AF"))
        std::printf("%-18s %-6s %12.0f %12.1f %14llu\n", st.name.c_str(), lang.code.c_str(),
                    r.first_us, r.cached_us, static_cast<unsigned long long>(r.cached_shapes));
    }
    if (summary) {
      std::printf("frame %s %s %.0f %.1f\n", lang.code.c_str(), cold_name.c_str(), cold_max.first_us,
                  cold_max.cached_us);
      std::printf("frame %s %s %.0f %.1f\n", lang.code.c_str(), cached_name.c_str(),
                  cached_max.first_us, cached_max.cached_us);
    }
  }
  const auto stats = app::ui::text_stats();
  if (!check && !summary)
    std::printf("\natlas: %zu glyphs on %zu page(s) of %dx%d; %zu paragraphs cached\n",
                stats.atlas_glyphs, stats.atlas_pages, app::ui::TextRenderer::kPageSize,
                app::ui::TextRenderer::kPageSize, stats.cached_paragraphs);
  app::ui::shutdown_text();
  ImGui::DestroyContext();
  if (check) std::printf("cached frames shaped nothing: %s\n", failures == 0 ? "yes" : "NO");
  return failures == 0 ? 0 : 1;
}
