// The shaped-line cache: a frame that asks for what the previous frame
// asked for shapes nothing (counted with the engine's shaping counter, not
// timed), and a change of width, size or text does shape again.
#include <catch2/catch.hpp>

#include "base/paths.hpp"
#include "locale/catalog.hpp"
#include "locale/language.hpp"
#include "text/layout.hpp"
#include "text/raster.hpp"

using namespace kiosk::text;

namespace {

FontSet& fonts() {
  static FontSet set = FontSet::load_default().value();
  return set;
}

// One "frame" of a text-heavy screen: every string of a language, as a
// title, a paragraph and a button label would ask for it.
void frame(LayoutCache& cache, const kiosk::Catalog& catalog, bool rtl) {
  LayoutOptions body;
  body.max_width = 1800;
  body.direction = rtl ? Direction::rtl : Direction::ltr;
  body.language = catalog.code();
  LayoutOptions title = body;
  title.style = {56, Weight::bold};
  LayoutOptions button = body;
  button.style = {38, Weight::bold};
  button.max_width = 400;
  button.align = Align::center;
  for (const auto& [key, pattern] : catalog.entries()) {
    cache.get(pattern, body);
    cache.get(pattern, title);
    cache.get(pattern, button);
  }
  cache.end_frame();
}

}  // namespace

TEST_CASE("cached frames do no shaping", "[text]") {
  auto t = kiosk::Translations::load(kiosk::data_dir() / "locales");
  REQUIRE(t.ok());
  LayoutCache cache(fonts());
  for (const auto& lang : kiosk::languages()) {
    INFO(lang.code);
    const auto& catalog = t->catalog(lang.code);
    const uint64_t before = shape_count();
    frame(cache, catalog, lang.rtl);
    const uint64_t first = shape_count() - before;
    CHECK(first > 0);
    for (int i = 0; i < 3; ++i) {
      const uint64_t again = shape_count();
      frame(cache, catalog, lang.rtl);
      CHECK(shape_count() == again);
    }
  }
  CHECK(cache.hits() > 0);
}

TEST_CASE("the cache key holds text, width, size and alignment", "[text]") {
  LayoutCache cache(fonts());
  LayoutOptions o;
  o.max_width = 500;
  o.language = "ru";
  const Paragraph& a = cache.get("Добро пожаловать", o);
  const uint64_t n = shape_count();
  CHECK(&cache.get("Добро пожаловать", o) == &a);
  CHECK(shape_count() == n);
  LayoutOptions wider = o;
  wider.max_width = 600;
  cache.get("Добро пожаловать", wider);
  CHECK(shape_count() > n);
  const uint64_t m = shape_count();
  LayoutOptions bigger = o;
  bigger.style.size_px = 56;
  cache.get("Добро пожаловать", bigger);
  CHECK(shape_count() > m);
  const uint64_t k = shape_count();
  LayoutOptions centred = o;
  centred.align = Align::center;
  CHECK(cache.get("Добро пожаловать", centred).lines[0].x > 0);
  CHECK(shape_count() > k);
  CHECK(cache.size() == 4);
}

TEST_CASE("the cache drops the least recently used, never the current frame's", "[text]") {
  LayoutCache cache(fonts(), 2);
  LayoutOptions o;
  o.language = "en";
  cache.get("one", o);
  cache.end_frame();
  cache.get("two", o);
  cache.get("three", o);
  cache.end_frame();  // over capacity: "one" (older frame) goes
  CHECK(cache.size() == 2);
  const uint64_t n = shape_count();
  cache.get("two", o);
  cache.get("three", o);
  CHECK(shape_count() == n);
  cache.get("one", o);
  CHECK(shape_count() > n);
}

TEST_CASE("render-text's rasteriser places glyphs where the layout says", "[text]") {
  LayoutOptions o;
  o.direction = Direction::rtl;
  o.language = "fa-AF";
  o.max_width = 400;
  const Paragraph p = layout(fonts(), "برنامه‌های کمک", o);
  GlyphRasterizer raster(fonts());
  GrayImage img(440, static_cast<int>(p.height) + 20);
  draw_paragraph(img, p, raster, 20, 10);
  // Ink exists exactly inside the union of the placed glyph rectangles.
  int ink = 0, outside = 0;
  std::vector<bool> covered(img.pixels.size(), false);
  for_each_glyph(p, raster, 20, 10, [&](const Glyph&, const GlyphBitmap&, const PixelRect& r) {
    for (int y = r.y0; y < r.y1; ++y)
      for (int x = r.x0; x < r.x1; ++x)
        covered[static_cast<size_t>(y) * 440 + static_cast<size_t>(x)] = true;
  });
  for (size_t i = 0; i < img.pixels.size(); ++i) {
    if (img.pixels[i] > 0) ++ink;
    if (img.pixels[i] > 0 && !covered[i]) ++outside;
  }
  CHECK(ink > 500);
  CHECK(outside == 0);
  // Right-aligned: the ink ends near the right edge of the 400 px box.
  int rightmost = 0;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x)
      if (img.pixels[static_cast<size_t>(y) * 440 + static_cast<size_t>(x)] > 0) rightmost = std::max(rightmost, x);
  CHECK(rightmost > 400);
  CHECK(rightmost < 425);
}
