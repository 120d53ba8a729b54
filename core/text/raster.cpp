#include "text/raster.hpp"

#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <cmath>
#include <cstring>

namespace kiosk::text {

const GlyphBitmap& GlyphRasterizer::glyph(int font, const Style& style, uint32_t id) {
  const auto key = std::make_tuple(font, static_cast<int>(style.weight), style.size_px, id);
  auto it = cache_.find(key);
  if (it != cache_.end()) return it->second;
  GlyphBitmap& bm = cache_[key];
  FT_Face face = fonts_.face(font, style.weight, style.size_px).ft();
  if (FT_Load_Glyph(face, id, Face::load_flags()) != 0 ||
      FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL) != 0)
    return bm;  // an empty bitmap: the glyph is skipped, layout is unaffected
  const FT_Bitmap& src = face->glyph->bitmap;
  bm.width = static_cast<int>(src.width);
  bm.height = static_cast<int>(src.rows);
  bm.left = face->glyph->bitmap_left;
  bm.top = face->glyph->bitmap_top;
  bm.coverage.resize(static_cast<size_t>(bm.width) * static_cast<size_t>(bm.height));
  for (int y = 0; y < bm.height; ++y)
    std::memcpy(bm.coverage.data() + static_cast<size_t>(y) * static_cast<size_t>(bm.width),
                src.buffer + static_cast<std::ptrdiff_t>(y) * src.pitch,
                static_cast<size_t>(bm.width));
  return bm;
}

PixelRect place_glyph(const Glyph& glyph, const GlyphBitmap& bm, float origin_x, float origin_y) {
  // The pen snaps to whole pixels: bitmaps were rendered on the pixel grid.
  const int x = static_cast<int>(std::lround(origin_x + glyph.x)) + bm.left;
  const int y = static_cast<int>(std::lround(origin_y + glyph.y)) - bm.top;
  return {x, y, x + bm.width, y + bm.height};
}

void draw_paragraph(GrayImage& image, const Paragraph& p, GlyphRasterizer& raster,
                    float origin_x, float origin_y) {
  for_each_glyph(p, raster, origin_x, origin_y,
                 [&](const Glyph&, const GlyphBitmap& bm, const PixelRect& r) {
                   for (int y = std::max(0, r.y0); y < std::min(image.height, r.y1); ++y)
                     for (int x = std::max(0, r.x0); x < std::min(image.width, r.x1); ++x) {
                       const unsigned a = bm.coverage[static_cast<size_t>(y - r.y0) *
                                                          static_cast<size_t>(bm.width) +
                                                      static_cast<size_t>(x - r.x0)];
                       uint8_t& d = image.pixels[static_cast<size_t>(y) *
                                                     static_cast<size_t>(image.width) +
                                                 static_cast<size_t>(x)];
                       d = static_cast<uint8_t>(a + d - (a * d + 127) / 255);
                     }
                 });
}

Status write_png(const GrayImage& image, const std::filesystem::path& file) {
  if (image.width <= 0 || image.height <= 0)
    return make_error(Errc::invalid_input, "the image to write is empty");
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, image.width, image.height);
  const int stride = cairo_image_surface_get_stride(s);
  unsigned char* data = cairo_image_surface_get_data(s);
  for (int y = 0; y < image.height; ++y) {
    auto* row = reinterpret_cast<uint32_t*>(data + static_cast<ptrdiff_t>(y) * stride);
    for (int x = 0; x < image.width; ++x) {
      const uint32_t v = 255u - image.pixels[static_cast<size_t>(y) *
                                                 static_cast<size_t>(image.width) +
                                             static_cast<size_t>(x)];
      row[x] = 0xFF000000u | (v << 16) | (v << 8) | v;
    }
  }
  cairo_surface_mark_dirty(s);
  const cairo_status_t st = cairo_surface_write_to_png(s, file.c_str());
  cairo_surface_destroy(s);
  if (st != CAIRO_STATUS_SUCCESS)
    return make_error(Errc::io, "cannot write the PNG " + file.string() + ": " +
                                    cairo_status_to_string(st));
  return Ok{};
}

}  // namespace kiosk::text
