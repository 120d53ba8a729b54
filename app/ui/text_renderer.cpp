#include "ui/text_renderer.hpp"

#include <GL/gl.h>
#include <GL/glext.h>

#include <algorithm>
#include <cstdint>

namespace app::ui {

namespace {

class GlAtlas final : public AtlasBackend {
 public:
  ImTextureID create(int w, int h) override {
    GLuint tex = 0;
    glGenTextures(1, &tex);
    glBindTexture(GL_TEXTURE_2D, tex);
    // Glyph quads sit on whole pixels at 1:1 scale: nearest keeps the
    // rasteriser's pixels exactly.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    // One byte per texel (coverage); the sampler reads it as white with
    // that alpha (swizzle), which is what the RGBA pixels given to
    // update() say. A 2048 px page is 4 MB instead of 16 MB of RGBA.
    const GLint swizzle[4] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
    glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
    const std::vector<uint8_t> clear(static_cast<size_t>(w) * static_cast<size_t>(h), 0);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, w, h, 0, GL_RED, GL_UNSIGNED_BYTE, clear.data());
    return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(tex));
  }
  void update(ImTextureID texture, int x, int y, int w, int h, const uint32_t* rgba) override {
    alpha_.resize(static_cast<size_t>(w) * static_cast<size_t>(h));
    for (size_t i = 0; i < alpha_.size(); ++i) alpha_[i] = static_cast<uint8_t>(rgba[i] >> 24);
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<intptr_t>(texture)));
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexSubImage2D(GL_TEXTURE_2D, 0, x, y, w, h, GL_RED, GL_UNSIGNED_BYTE, alpha_.data());
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
  }
  void destroy(ImTextureID texture) override {
    const auto tex = static_cast<GLuint>(reinterpret_cast<intptr_t>(texture));
    glDeleteTextures(1, &tex);
  }
  void set_smooth(ImTextureID texture, bool smooth) override {
    glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(reinterpret_cast<intptr_t>(texture)));
    const GLint filter = smooth ? GL_LINEAR : GL_NEAREST;
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, filter);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, filter);
  }

 private:
  std::vector<uint8_t> alpha_;  // scratch: one glyph's coverage
};

class NullAtlas final : public AtlasBackend {
 public:
  ImTextureID create(int, int) override {
    return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(++count_));
  }
  void update(ImTextureID, int, int, int, int, const uint32_t*) override {}
  void destroy(ImTextureID) override {}

 private:
  intptr_t count_ = 0;
};

}  // namespace

std::unique_ptr<AtlasBackend> make_gl_atlas_backend() { return std::make_unique<GlAtlas>(); }
std::unique_ptr<AtlasBackend> make_null_atlas_backend() { return std::make_unique<NullAtlas>(); }

TextRenderer::TextRenderer(kiosk::text::FontSet fonts, std::unique_ptr<AtlasBackend> backend,
                           int page_size)
    : fonts_(std::move(fonts)),
      cache_(fonts_),
      raster_(fonts_),
      backend_(std::move(backend)),
      page_size_(page_size) {}

TextRenderer::~TextRenderer() {
  for (const Page& p : pages_) backend_->destroy(p.texture);
}

const kiosk::text::Paragraph& TextRenderer::layout(std::string_view text,
                                                   const kiosk::text::LayoutOptions& options) {
  return cache_.get(text, options);
}

std::pair<float, float> TextRenderer::ink_extent(const kiosk::text::Paragraph& p, size_t line) {
  const kiosk::text::Line& l = p.lines.at(line);
  float lo = l.x, hi = l.x + l.width;
  for (uint32_t r = l.run_begin; r < l.run_end; ++r)
    for (uint32_t g = p.runs[r].glyph_begin; g < p.runs[r].glyph_end; ++g) {
      const auto& bm = raster_.glyph(p.runs[r].font, p.options.style, p.glyphs[g].id);
      if (bm.width == 0) continue;
      lo = std::min(lo, p.glyphs[g].x + static_cast<float>(bm.left));
      hi = std::max(hi, p.glyphs[g].x + static_cast<float>(bm.left + bm.width));
    }
  return {lo, hi};
}

void TextRenderer::new_frame() { cache_.end_frame(); }

void TextRenderer::set_smooth(bool smooth) {
  if (smooth == smooth_) return;
  smooth_ = smooth;
  for (const Page& p : pages_) backend_->set_smooth(p.texture, smooth);
}

const TextRenderer::Slot& TextRenderer::slot_for(int font, const kiosk::text::Style& style,
                                                 uint32_t id,
                                                 const kiosk::text::GlyphBitmap& bm) {
  const auto key = std::make_tuple(font, static_cast<int>(style.weight), style.size_px, id);
  auto it = slots_.find(key);
  if (it != slots_.end()) return it->second;
  Slot slot;
  // Shelf packing with a 1 px gap, so that no glyph bleeds into another.
  const int w = bm.width + 1, h = bm.height + 1;
  if (w > page_size_ || h > page_size_) return slots_.emplace(key, slot).first->second;
  auto fits = [&](const Page& p) {
    return p.shelf_x + w <= page_size_ && p.shelf_y + h <= page_size_;
  };
  if (pages_.empty() || !fits(pages_.back())) {
    if (!pages_.empty()) {  // next shelf down
      Page& p = pages_.back();
      p.shelf_y += p.shelf_h;
      p.shelf_x = 0;
      p.shelf_h = 0;
    }
    if (pages_.empty() || !fits(pages_.back())) {
      pages_.push_back({backend_->create(page_size_, page_size_), 0, 0, 0});
      if (smooth_) backend_->set_smooth(pages_.back().texture, true);
    }
  }
  Page& page = pages_.back();
  const int x = page.shelf_x, y = page.shelf_y;
  page.shelf_x += w;
  page.shelf_h = std::max(page.shelf_h, h);
  upload_.resize(bm.coverage.size());
  for (size_t i = 0; i < bm.coverage.size(); ++i)  // white, coverage as alpha
    upload_[i] = (static_cast<uint32_t>(bm.coverage[i]) << 24) | 0x00FFFFFFu;
  backend_->update(page.texture, x, y, bm.width, bm.height, upload_.data());
  const float s = 1.0f / static_cast<float>(page_size_);
  slot.page = static_cast<int>(pages_.size() - 1);
  slot.uv0 = ImVec2(static_cast<float>(x) * s, static_cast<float>(y) * s);
  slot.uv1 = ImVec2(static_cast<float>(x + bm.width) * s, static_cast<float>(y + bm.height) * s);
  return slots_.emplace(key, slot).first->second;
}

void TextRenderer::draw(ImDrawList* dl, const kiosk::text::Paragraph& p, ImVec2 top_left,
                        ImU32 color) {
  int current_page = -1;
  for (const auto& run : p.runs) {
    for (uint32_t g = run.glyph_begin; g < run.glyph_end; ++g) {
      const kiosk::text::Glyph& glyph = p.glyphs[g];
      const kiosk::text::GlyphBitmap& bm = raster_.glyph(run.font, p.options.style, glyph.id);
      if (bm.width == 0 || bm.height == 0) continue;
      const Slot& slot = slot_for(run.font, p.options.style, glyph.id, bm);
      if (slot.page < 0) continue;  // larger than an atlas page
      if (slot.page != current_page) {
        if (current_page >= 0) dl->PopTextureID();
        dl->PushTextureID(pages_[static_cast<size_t>(slot.page)].texture);
        current_page = slot.page;
      }
      const kiosk::text::PixelRect r = kiosk::text::place_glyph(glyph, bm, top_left.x, top_left.y);
      dl->PrimReserve(6, 4);
      dl->PrimRectUV(ImVec2(static_cast<float>(r.x0), static_cast<float>(r.y0)),
                     ImVec2(static_cast<float>(r.x1), static_cast<float>(r.y1)), slot.uv0,
                     slot.uv1, color);
    }
  }
  if (current_page >= 0) dl->PopTextureID();
}

}  // namespace app::ui
