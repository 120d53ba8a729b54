// render-text: lays out a text with the kiosk's own engine and rasteriser
// and writes a PNG, dark text on white, for translators and tests. Sizes
// are screen pixels, as in the kiosk (1 pt = 1 px there; to compare with
// pango-view, give it --dpi=72).
#include <cstdio>
#include <iostream>

#include "command.hpp"
#include "locale/language.hpp"
#include "text/raster.hpp"

namespace {

int run(kioskctl::Context& ctx) {
  auto& args = ctx.args;
  const std::string lang = kioskctl::take_option(args, "--lang");
  const std::string width_arg = kioskctl::take_option(args, "--width");
  const std::string size_arg = kioskctl::take_option(args, "--size", "34");
  const std::string align_arg = kioskctl::take_option(args, "--align", "start");
  const std::string out = kioskctl::take_option(args, "--out");
  const bool bold = kioskctl::take_flag(args, "--bold");
  const bool dump = kioskctl::take_flag(args, "--glyphs");
  const kiosk::Language* language = kiosk::find_language(lang);
  if (!language) {
    std::cerr << "render-text: --lang must be one of: kk ru en fa-AF uk\n";
    return 2;
  }
  const int width = std::atoi(width_arg.c_str());
  const int size = std::atoi(size_arg.c_str());
  if (width <= 0 || size < 6 || size > 400 || out.empty() || args.size() != 1) {
    std::cerr << "Usage: asylum-kioskctl render-text --lang CODE --width PX [--size PX] "
                 "[--bold] [--align start|end|center] [--glyphs] --out FILE.png TEXT\n";
    return 2;
  }
  kiosk::text::LayoutOptions options;
  options.style = {size, bold ? kiosk::text::Weight::bold : kiosk::text::Weight::regular};
  options.max_width = static_cast<float>(width);
  options.direction = language->rtl ? kiosk::text::Direction::rtl : kiosk::text::Direction::ltr;
  options.language = language->code;
  if (align_arg == "end") options.align = kiosk::text::Align::end;
  else if (align_arg == "center") options.align = kiosk::text::Align::center;
  else if (align_arg != "start") {
    std::cerr << "render-text: --align must be start, end or center\n";
    return 2;
  }

  auto fonts = kiosk::text::FontSet::load_default();
  if (!fonts) {
    std::cerr << "render-text: " << fonts.error().describe() << "\n";
    return 1;
  }
  const kiosk::text::Paragraph p = kiosk::text::layout(*fonts, args.front(), options);
  kiosk::text::GlyphRasterizer raster(*fonts);
  const int margin = 16;
  kiosk::text::GrayImage image(width + 2 * margin,
                               static_cast<int>(p.height) + 2 * margin);
  kiosk::text::draw_paragraph(image, p, raster, margin, margin);
  if (auto st = kiosk::text::write_png(image, out); !st) {
    std::cerr << "render-text: " << st.error().describe() << "\n";
    return 1;
  }
  if (dump) {
    for (size_t li = 0; li < p.lines.size(); ++li) {
      const auto& line = p.lines[li];
      std::printf("line %zu bytes %u-%u x %.2f width %.2f\n", li, line.text_begin,
                  line.text_end, static_cast<double>(line.x), static_cast<double>(line.width));
      for (uint32_t r = line.run_begin; r < line.run_end; ++r) {
        const auto& run = p.runs[r];
        std::printf("  run %s font \"%s\" bytes %u-%u:", run.rtl ? "rtl" : "ltr",
                    fonts->spec(run.font).family.c_str(), run.text_begin, run.text_end);
        for (uint32_t g = run.glyph_begin; g < run.glyph_end; ++g)
          std::printf(" %u@%.2f", p.glyphs[g].id, static_cast<double>(p.glyphs[g].x));
        std::printf("\n");
      }
    }
  }
  std::cout << out << ": " << p.lines.size() << (p.lines.size() == 1 ? " line, " : " lines, ")
            << p.glyphs.size() << " glyphs, " << (p.rtl ? "right to left" : "left to right")
            << "\n";
  if (!p.missing.empty()) {
    std::cout << "missing glyphs (.notdef) for the characters at byte offsets:";
    for (auto m : p.missing) std::cout << " " << m;
    std::cout << "\n";
    return 1;
  }
  return 0;
}

const kioskctl::Registration reg(
    {"render-text", "render-text --lang CODE --width PX [--size PX] --out FILE.png TEXT",
     "lay out TEXT with the kiosk's text engine and write it as a PNG", run});

}  // namespace
