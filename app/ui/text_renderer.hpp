// Draws laid-out paragraphs (core/text/layout.hpp) through ImDrawList from
// a glyph atlas texture. The glyph pixels and their whole-pixel places come
// from core/text/raster.hpp, as in `asylum-kioskctl render-text`, so the
// screen shows exactly what the command line renders.
//
// Shaped paragraphs are cached across frames (LayoutCache): a frame that
// draws what the previous one drew shapes nothing. Glyphs are rasterised
// once and uploaded once. Single-threaded, like ImGui.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "text/layout.hpp"
#include "text/raster.hpp"

namespace app::ui {

// Where atlas pages live: an OpenGL texture in the kiosk, nothing in the
// benchmark (which has no window).
class AtlasBackend {
 public:
  virtual ~AtlasBackend() = default;
  // A new RGBA8 texture of w x h, fully transparent.
  virtual ImTextureID create(int w, int h) = 0;
  // Replaces a rectangle of it with `rgba` (w * h pixels, row by row).
  virtual void update(ImTextureID texture, int x, int y, int w, int h, const uint32_t* rgba) = 0;
  virtual void destroy(ImTextureID texture) = 0;
  // Sampling: nearest (exact pixels at 1:1) or linear (a scaled screen).
  virtual void set_smooth(ImTextureID /*texture*/, bool /*smooth*/) {}
};

// The OpenGL 3 backend; needs a current GL context for its whole life.
std::unique_ptr<AtlasBackend> make_gl_atlas_backend();
// A backend that stores nothing (benchmark, tests without a GPU).
std::unique_ptr<AtlasBackend> make_null_atlas_backend();

class TextRenderer {
 public:
  static constexpr int kPageSize = 2048;

  // page_size: side of each atlas texture; a full page opens another.
  TextRenderer(kiosk::text::FontSet fonts, std::unique_ptr<AtlasBackend> backend,
               int page_size = kPageSize);
  ~TextRenderer();
  TextRenderer(const TextRenderer&) = delete;
  TextRenderer& operator=(const TextRenderer&) = delete;

  // The cached layout of `text`.
  const kiosk::text::Paragraph& layout(std::string_view text,
                                       const kiosk::text::LayoutOptions& options);
  // Draws `p` with its box's top-left corner at `top_left` (screen pixels).
  void draw(ImDrawList* dl, const kiosk::text::Paragraph& p, ImVec2 top_left, ImU32 color);
  // Left and right ink edges of line `line` relative to the box (glyph
  // bitmaps can reach past the advances, e.g. the tail of a final yeh).
  std::pair<float, float> ink_extent(const kiosk::text::Paragraph& p, size_t line);
  // Once per frame, before any layout(): ages the layout cache.
  void new_frame();
  // Glyphs drawn scaled (a screen that is not 1920 px wide) are sampled
  // smoothly; at 1:1 they keep the rasteriser's exact pixels.
  void set_smooth(bool smooth);

  [[nodiscard]] kiosk::text::LayoutCache& cache() { return cache_; }
  [[nodiscard]] kiosk::text::FontSet& fonts() { return fonts_; }
  [[nodiscard]] size_t glyphs_in_atlas() const { return slots_.size(); }
  [[nodiscard]] size_t atlas_pages() const { return pages_.size(); }

 private:
  struct Page {
    ImTextureID texture{};
    int shelf_x = 0, shelf_y = 0, shelf_h = 0;
  };
  struct Slot {
    int page = -1;  // -1: no ink (space)
    ImVec2 uv0, uv1;
  };
  const Slot& slot_for(int font, const kiosk::text::Style& style, uint32_t id,
                       const kiosk::text::GlyphBitmap& bm);

  kiosk::text::FontSet fonts_;
  kiosk::text::LayoutCache cache_;
  kiosk::text::GlyphRasterizer raster_;
  std::unique_ptr<AtlasBackend> backend_;
  int page_size_;
  std::vector<Page> pages_;
  std::map<std::tuple<int, int, int, uint32_t>, Slot> slots_;
  std::vector<uint32_t> upload_;  // scratch for one glyph's RGBA pixels
  bool smooth_ = false;
};

}  // namespace app::ui
