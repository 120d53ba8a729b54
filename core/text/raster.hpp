// Glyph bitmaps from FreeType (light hinting, 8-bit coverage) and the one
// rule that places them in whole pixels. The kiosk's glyph atlas and
// `asylum-kioskctl render-text` both take their pixels from here, so a
// PNG from the command line shows what the screen shows.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <tuple>
#include <vector>

#include "base/result.hpp"
#include "text/layout.hpp"

namespace kiosk::text {

struct GlyphBitmap {
  int width = 0, height = 0;
  int left = 0;  // px from the glyph origin to the bitmap's left column
  int top = 0;   // px from the baseline up to the bitmap's top row
  std::vector<uint8_t> coverage;  // width * height, row by row, 0 = empty
};

class GlyphRasterizer {
 public:
  explicit GlyphRasterizer(FontSet& fonts) : fonts_(fonts) {}
  // Glyph `id` of `font` in `style`, rendered on first use and kept.
  const GlyphBitmap& glyph(int font, const Style& style, uint32_t id);
  [[nodiscard]] size_t size() const { return cache_.size(); }
  [[nodiscard]] FontSet& fonts() { return fonts_; }

 private:
  FontSet& fonts_;
  std::map<std::tuple<int, int, int, uint32_t>, GlyphBitmap> cache_;
};

// Whole-pixel rectangle [x0, x1) x [y0, y1) of a glyph's bitmap when the
// paragraph box's top-left corner is at (origin_x, origin_y).
struct PixelRect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};
PixelRect place_glyph(const Glyph& glyph, const GlyphBitmap& bitmap, float origin_x,
                      float origin_y);

// Calls fn(glyph, bitmap, rect) for every glyph of the paragraph that has ink.
template <class Fn>
void for_each_glyph(const Paragraph& p, GlyphRasterizer& raster, float origin_x, float origin_y,
                    Fn&& fn) {
  for (const Run& run : p.runs)
    for (uint32_t g = run.glyph_begin; g < run.glyph_end; ++g) {
      const GlyphBitmap& bm = raster.glyph(run.font, p.options.style, p.glyphs[g].id);
      if (bm.width > 0 && bm.height > 0)
        fn(p.glyphs[g], bm, place_glyph(p.glyphs[g], bm, origin_x, origin_y));
    }
}

// 8-bit coverage image: 0 = background, 255 = full ink.
struct GrayImage {
  int width = 0, height = 0;
  std::vector<uint8_t> pixels;
  GrayImage() = default;
  GrayImage(int w, int h)
      : width(w), height(h), pixels(static_cast<size_t>(w) * static_cast<size_t>(h), 0) {}
};

// Composites the paragraph's glyphs into `image` ("over", as the screen's
// alpha blending does), box top-left at (origin_x, origin_y).
void draw_paragraph(GrayImage& image, const Paragraph& p, GlyphRasterizer& raster,
                    float origin_x, float origin_y);

// Writes the image as a PNG, dark text on white.
Status write_png(const GrayImage& image, const std::filesystem::path& file);

}  // namespace kiosk::text
