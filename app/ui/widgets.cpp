// Widgets over the shaped-text renderer. Sections:
//   [SECTION] set-up and frame
//   [SECTION] direction and rows
//   [SECTION] text
//   [SECTION] controls
// ImGui keeps doing layout (cursor, item sizes, hit testing); every pixel of
// text comes from TextRenderer.
#include "ui/widgets.hpp"

#include "speech/reading.hpp"

#include <imgui_internal.h>  // whether the current window is a scrolling child

#include "form/form.hpp"
#include "locale/calendar.hpp"
#include "ui/hits.hpp"
#include "view/review_view.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <iostream>
#include <vector>

#include "locale/language.hpp"
#include "ui/text_renderer.hpp"

namespace app::ui {

namespace {

std::unique_ptr<TextRenderer> g_text;
bool g_in_row = false;

// The two palettes: normal, and high contrast (light on black). Every
// colour the widgets use comes from here, so the contrast test sees them all.
struct Palette {
  ImU32 background, text, muted, primary, primary_active, primary_text, secondary,
      secondary_active, border, focus, field, warning, selected, selected_text, field_box;
};
constexpr Palette kNormal{
    IM_COL32(255, 255, 255, 255), IM_COL32(26, 26, 26, 255),   IM_COL32(84, 88, 98, 255),
    IM_COL32(11, 92, 173, 255),   IM_COL32(7, 64, 122, 255),    IM_COL32(255, 255, 255, 255),
    IM_COL32(229, 233, 240, 255), IM_COL32(200, 207, 219, 255), IM_COL32(150, 156, 168, 255),
    IM_COL32(11, 92, 173, 255),   IM_COL32(244, 246, 250, 255), IM_COL32(176, 0, 32, 255),
    IM_COL32(0, 104, 56, 255),    IM_COL32(255, 255, 255, 255), IM_COL32(255, 255, 255, 255)};
constexpr Palette kHighContrast{
    IM_COL32(0, 0, 0, 255),       IM_COL32(255, 255, 255, 255), IM_COL32(215, 215, 215, 255),
    IM_COL32(255, 221, 0, 255),   IM_COL32(255, 240, 150, 255), IM_COL32(0, 0, 0, 255),
    IM_COL32(38, 38, 38, 255),    IM_COL32(90, 90, 90, 255),    IM_COL32(255, 255, 255, 255),
    IM_COL32(255, 221, 0, 255),   IM_COL32(20, 20, 20, 255),    IM_COL32(255, 140, 140, 255),
    IM_COL32(120, 235, 160, 255), IM_COL32(0, 0, 0, 255),       IM_COL32(0, 0, 0, 255)};

Look g_look;
const Palette& pal() { return g_look.high_contrast ? kHighContrast : kNormal; }

// What the widgets drew this frame in the session's language, in order:
// the screen's reading text for read-aloud.
std::vector<std::string> g_reading;
bool g_read_personal = false;
bool personal_now();
void read(const ScreenContext& ctx, std::string_view lang, std::string_view s) {
  if (!lang.empty() && lang != ctx.lang()) return;  // a language name in its own script
  if (s.empty()) return;
  if (!g_read_personal && personal_now()) return;  // an answer, not through a loudspeaker
  g_reading.emplace_back(s);
}

// What the text engine drew: the smallest size, and texts that did not fit.
// Only kept while the screenshot run asks for it (not every frame of a kiosk).
TextAudit g_audit;
bool g_audit_on = false;
std::string cut(std::string_view s) {
  std::string out(s.substr(0, std::min<size_t>(s.size(), 40)));
  if (out.size() == s.size()) return out;
  while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
  if (!out.empty() && (static_cast<unsigned char>(out.back()) & 0x80)) out.pop_back();
  return out;
}
void misfit(const kiosk::text::Paragraph& p, const std::string& what) {
  if (!g_audit_on) return;
  std::string line = "\"";
  line.append(cut(p.text)).append("\" (").append(std::to_string(p.options.style.size_px));
  line.append(" px): ").append(what);
  g_audit.problems.push_back(std::move(line));
}
// Lines must stay inside their box and on the screen. Horizontally inside
// the clip rectangle too (a list scrolls only up and down); vertically
// inside it unless the window is a scrolling list, where lines below or
// above the visible part are meant to be scrolled to.
void audit(const kiosk::text::Paragraph& p, ImVec2 pos) {
  if (!g_audit_on || p.glyphs.empty()) return;
  const int px = p.options.style.size_px;
  if (g_audit.smallest_px == 0 || px < g_audit.smallest_px) {
    g_audit.smallest_px = px;
    g_audit.smallest_text = cut(p.text);
  }
  const ImGuiWindow* win = ImGui::GetCurrentWindowRead();
  const bool scrolls = win && (win->Flags & ImGuiWindowFlags_ChildWindow);
  const ImVec2 screen = ImGui::GetIO().DisplaySize;
  const ImDrawList* dl = ImGui::GetWindowDrawList();
  const float left = std::max(0.0f, dl->GetClipRectMin().x), right = std::min(screen.x, dl->GetClipRectMax().x);
  const float top = scrolls ? 0.0f : std::max(0.0f, dl->GetClipRectMin().y);
  const float bottom = scrolls ? screen.y : std::min(screen.y, dl->GetClipRectMax().y);
  for (const auto& l : p.lines) {
    if (l.width <= 0) continue;
    if (p.options.max_width > 0 && l.width > p.options.max_width + 0.5f) {
      misfit(p, "a line is " + std::to_string(static_cast<int>(l.width)) + " px wide in a box of " +
                    std::to_string(static_cast<int>(p.options.max_width)));
    }
    const float x0 = pos.x + l.x, x1 = x0 + l.width;
    const float y0 = pos.y + l.baseline - p.ascent, y1 = y0 + p.line_height;
    if (x0 < left - 0.5f || x1 > right + 0.5f || (!scrolls && (y0 < top - 0.5f || y1 > bottom + 0.5f)))
      misfit(p, "a line reaches past the screen or its list (" + std::to_string(static_cast<int>(x0)) +
                    "," + std::to_string(static_cast<int>(y0)) + " to " + std::to_string(static_cast<int>(x1)) +
                    "," + std::to_string(static_cast<int>(y1)) + ")");
  }
}

// Where text drawn on its own shows, for the "no text under a button" check.
void audit_free_text(const kiosk::text::Paragraph& p, ImVec2 pos) {
  const ImVec2 lo = ImGui::GetWindowDrawList()->GetClipRectMin(), hi = ImGui::GetWindowDrawList()->GetClipRectMax();
  for (const auto& l : p.lines) {
    if (l.width <= 0) continue;
    const float y0 = pos.y + l.baseline - p.ascent;
    const ImVec4 r(std::max(lo.x, pos.x + l.x), std::max(lo.y, y0), std::min(hi.x, pos.x + l.x + l.width),
                   std::min(hi.y, y0 + p.line_height));
    if (r.z > r.x && r.w > r.y) g_audit.free_text.emplace_back(cut(p.text), r);
  }
}

constexpr float kButtonHeight = 96.0f;
#define kText (pal().text)
#define kMuted (pal().muted)
#define kPrimary (pal().primary)
#define kPrimaryActive (pal().primary_active)
#define kSecondary (pal().secondary)
#define kSecondaryActive (pal().secondary_active)
#define kBorder (pal().border)
#define kFocus (pal().focus)
constexpr float kButtonPadX = 32.0f;

TextRenderer& renderer() {
  if (!g_text) {
    // Normally init_text() ran in main(); without it there is no way to
    // show anything readable, so say why and stop.
    if (auto st = init_text(); !st) {
      std::cerr << "asylum-kiosk: cannot draw text: " << st.error().describe() << "\n";
      std::exit(1);
    }
  }
  return *g_text;
}

bool personal_now() { return renderer().cache().personal(); }

}  // namespace

PersonalText::PersonalText() : was_(renderer().cache().personal()) { renderer().cache().set_personal(true); }
PersonalText::~PersonalText() { renderer().cache().set_personal(was_); }

void forget_personal_text() {
  if (g_text) g_text->cache().drop_personal();
}

bool text_cache_contains(std::string_view needle) { return g_text && g_text->cache().contains(needle); }

namespace {

const kiosk::Language* language_of(const ScreenContext& ctx, std::string_view lang) {
  const auto* l = kiosk::find_language(lang.empty() ? std::string_view(ctx.lang()) : lang);
  return l ? l : kiosk::find_language("en");
}

kiosk::text::LayoutOptions options_for(const ScreenContext& ctx, const TextOpts& opts, float width) {
  const kiosk::Language* l = language_of(ctx, opts.lang);
  kiosk::text::LayoutOptions o;
  o.style = style_of(opts.font);
  o.max_width = std::max(0.0f, std::floor(width));
  o.align = opts.align;
  o.direction = l->rtl ? kiosk::text::Direction::rtl : kiosk::text::Direction::ltr;
  o.language = l->code;
  return o;
}

// The x where an item of width w starts at the cursor: at a line's start
// in a right-to-left language it moves to the right edge, so single items
// (a button under a title) sit on the start side. Items after SameLine or
// inside a Row stay where they are put.
float start_x(const ScreenContext& ctx, float w) {
  const ImVec2 cur = ImGui::GetCursorScreenPos();
  if (!rtl(ctx) || g_in_row) return cur.x;
  const float line_start = ImGui::GetWindowPos().x + ImGui::GetCursorStartPos().x;
  if (std::fabs(cur.x - line_start) > 0.5f) return cur.x;
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  return std::max(cur.x, right - w);
}

float free_width() { return std::max(1.0f, ImGui::GetContentRegionAvail().x); }

// A press that moved more than a few pixels was a scroll, not a tap: the
// row under the finger moves with it, so ImGui would count it as a click.
bool tapped(bool clicked) {
  constexpr float kSlop = 14.0f;
  return clicked && ImGui::GetIO().MouseDragMaxDistanceSqr[0] < kSlop * kSlop;
}

enum class Arrow { none, to_start, to_end };

// A chevron pointing left or right, centred on c.
void draw_chevron(ImDrawList* dl, ImVec2 c, bool left, float size, ImU32 color) {
  const float s = size / 2, d = left ? -1.0f : 1.0f;
  dl->AddPolyline(std::array<ImVec2, 3>{ImVec2(c.x - d * s / 2, c.y - s),
                                        ImVec2(c.x + d * s / 2, c.y),
                                        ImVec2(c.x - d * s / 2, c.y + s)}
                      .data(),
                  3, color, ImDrawFlags_None, 5.0f);
}

bool button_impl(const ScreenContext& ctx, std::string_view lang, const std::string& id,
                 const std::string& label, float width, ButtonKind kind, Arrow arrow) {
  TextOpts opts{Font::button, Align::center, 0, lang, 0};
  const float arrow_w = arrow == Arrow::none ? 0.0f : 40.0f;
  const kiosk::text::Paragraph* p = &layout_text(ctx, label, {Font::button, Align::center, -1, lang, 0});
  if (width <= 0) width = std::max(200.0f, std::ceil(p->natural_width()) + 2 * kButtonPadX + arrow_w);
  if (!g_in_row) width = std::min(width, free_width());  // never wider than the window
  opts.width = std::max(1.0f, width - 2 * kButtonPadX - arrow_w);
  p = &layout_text(ctx, label, opts);
  const float h = std::max(kButtonHeight, p->height + 32.0f);

  const float x = start_x(ctx, width);
  ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(id.c_str());
  const bool hit = tapped(ImGui::InvisibleButton("##button", ImVec2(width, h)));
  ImGui::PopID();
  record_hit(id);
  const bool active = ImGui::IsItemActive();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const bool primary = kind == ButtonKind::primary;
  dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + h),
                    primary ? (active ? kPrimaryActive : kPrimary)
                            : (active ? kSecondaryActive : kSecondary),
                    14.0f);
  const ImU32 fg = primary ? pal().primary_text : kText;
  read(ctx, lang, label);
  // The arrow takes room on its side; the label is centred in the rest.
  const bool rtl_lang = language_of(ctx, lang)->rtl;
  const bool arrow_left = (arrow == Arrow::to_start) != rtl_lang;
  float label_x = pos.x + kButtonPadX;
  if (arrow != Arrow::none) {
    const float ax = arrow_left ? pos.x + kButtonPadX + 10 : pos.x + width - kButtonPadX - 10;
    draw_chevron(dl, ImVec2(ax, pos.y + h / 2), arrow_left, 24.0f, fg);
    if (arrow_left) label_x += arrow_w;
  }
  draw_text(*p, ImVec2(label_x, pos.y + std::floor((h - p->height) / 2)), fg);
  return hit;
}

}  // namespace

// [SECTION] set-up and frame --------------------------------------------------------

kiosk::Status init_text(std::unique_ptr<AtlasBackend> backend) {
  auto fonts = kiosk::text::FontSet::load_default();
  if (!fonts) return fonts.error();
  g_text = std::make_unique<TextRenderer>(std::move(fonts).value(), std::move(backend));
  return kiosk::Ok{};
}

kiosk::Status init_text() { return init_text(make_gl_atlas_backend()); }

void shutdown_text() { g_text.reset(); }

void set_screen_scale(float scale) { renderer().set_smooth(std::abs(scale - 1.0f) > 1e-3f); }

void begin_screen(const char* id) {
  renderer().new_frame();
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::Begin(id, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
}

void end_screen() { ImGui::End(); }

TextStats text_stats() {
  TextStats s;
  if (!g_text) return s;
  s.cached_paragraphs = g_text->cache().size();
  s.cache_hits = g_text->cache().hits();
  s.cache_misses = g_text->cache().misses();
  s.atlas_glyphs = g_text->glyphs_in_atlas();
  s.atlas_pages = g_text->atlas_pages();
  return s;
}

// [SECTION] direction and rows ------------------------------------------------------

bool rtl(const ScreenContext& ctx) {
  const auto* l = kiosk::find_language(ctx.lang());
  return l && l->rtl;
}

float mirror_x(const ScreenContext& ctx, float x, float w, float area_min, float area_w) {
  return rtl(ctx) ? area_min + area_w - x - w : area_min + x;
}

Row::Row(const ScreenContext& ctx, float spacing)
    : rtl_(rtl(ctx)),
      spacing_(spacing),
      x0_(ImGui::GetCursorScreenPos().x),
      y0_(ImGui::GetCursorScreenPos().y),
      width_(free_width()) {
  g_in_row = true;
}

void Row::next(float w) {
  if (any_) height_ = std::max(height_, ImGui::GetItemRectSize().y);
  const float x = rtl_ ? x0_ + width_ - used_ - w : x0_ + used_;
  ImGui::SetCursorScreenPos(ImVec2(x, y0_));
  used_ += w + spacing_;
  any_ = true;
}

void Row::skip(float w) { used_ += std::max(0.0f, w); }

void Row::end() {
  if (ended_) return;
  ended_ = true;
  g_in_row = false;
  if (any_) height_ = std::max(height_, ImGui::GetItemRectSize().y);
  // Dummy adds the item spacing below; the row itself ends at its tallest
  // item, so a nav bar at the bottom does not make the screen scroll.
  ImGui::SetCursorScreenPos(ImVec2(x0_, y0_ + height_));
  ImGui::Dummy(ImVec2(0, 0));
}

Row::~Row() { end(); }

// [SECTION] text ---------------------------------------------------------------------

kiosk::text::Style style_of(Font font) {
  using kiosk::text::Weight;
  struct Size {
    int normal, large;  // px
    Weight weight;
  };
  const auto size = [font]() -> Size {
    switch (font) {
      case Font::body: return {34, 44, Weight::regular};
      case Font::small: return {28, 36, Weight::regular};
      case Font::button: return {38, 44, Weight::bold};
      case Font::heading: return {44, 52, Weight::bold};
      case Font::title: return {56, 64, Weight::bold};
      case Font::huge: return {72, 80, Weight::bold};
      case Font::name: return {28, 36, Weight::regular};
    }
    return {34, 44, Weight::regular};
  }();
  return {g_look.large_text ? size.large : size.normal, size.weight};
}

const kiosk::text::Paragraph& layout_text(const ScreenContext& ctx, std::string_view text,
                                          const TextOpts& opts) {
  // width < 0: one line per line feed, no wrapping (used to measure).
  const float w = opts.width < 0 ? 0.0f : (opts.width > 0 ? opts.width : free_width());
  return renderer().layout(text, options_for(ctx, opts, w));
}

void draw_text(const kiosk::text::Paragraph& p, ImVec2 pos, ImU32 color) {
  audit(p, pos);
  renderer().draw(ImGui::GetWindowDrawList(), p, pos, color ? color : kText);
}

void text(const ScreenContext& ctx, std::string_view s, const TextOpts& opts) {
  const float avail = free_width();
  const float w = opts.width > 0 ? std::min(opts.width, avail) : avail;
  TextOpts o = opts;
  o.width = w;
  const kiosk::text::Paragraph& p = layout_text(ctx, s, o);
  const ImVec2 pos(start_x(ctx, w), ImGui::GetCursorScreenPos().y);
  ImGui::SetCursorScreenPos(pos);
  draw_text(p, pos, opts.color);
  if (g_audit_on) audit_free_text(p, pos);
  ImGui::Dummy(ImVec2(w, p.height));
  read(ctx, opts.lang, opts.spoken.empty() ? s : opts.spoken);
}

void title(const ScreenContext& ctx, const std::string& s) {
  text(ctx, s, {Font::title});
  ImGui::Dummy(ImVec2(0, 8));
}

void heading(const ScreenContext& ctx, const std::string& s) { text(ctx, s, {Font::heading}); }

void paragraph(const ScreenContext& ctx, const std::string& s) { text(ctx, s, {Font::body}); }

void list_item(const ScreenContext& ctx, const std::string& s) {
  const float indent = 44.0f;
  const float avail = free_width();
  const ImVec2 cur = ImGui::GetCursorScreenPos();
  const kiosk::text::Paragraph& p = layout_text(ctx, s, {Font::body, Align::start, avail - indent});
  const bool r = rtl(ctx);
  const float text_x = r ? cur.x : cur.x + indent;
  const float bullet_x = r ? cur.x + avail - indent / 2 : cur.x + indent / 2;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddCircleFilled(ImVec2(bullet_x, cur.y + p.ascent - 12.0f), 7.0f, kText, 16);
  draw_text(p, ImVec2(text_x, cur.y));
  ImGui::Dummy(ImVec2(avail, p.height));
  read(ctx, {}, s);
}

// [SECTION] controls -------------------------------------------------------------------

float button_height(const ScreenContext& ctx, const std::string& label, float width) {
  const auto& p = layout_text(ctx, label, {Font::button, Align::center, std::max(1.0f, width - 2 * kButtonPadX)});
  return std::max(kButtonHeight, p.height + 32.0f);
}

float button_width(const ScreenContext& ctx, const std::string& label, std::string_view lang) {
  const kiosk::text::Paragraph& p = layout_text(ctx, label, {Font::button, Align::center, -1, lang, 0});
  return std::max(200.0f, std::ceil(p.natural_width()) + 2 * kButtonPadX);
}

bool big_button(const ScreenContext& ctx, const std::string& id, const std::string& label,
                float width, ButtonKind kind) {
  return button_impl(ctx, {}, id, label, width, kind, Arrow::none);
}

bool big_button_in(const ScreenContext& ctx, std::string_view lang, const std::string& id,
                   const std::string& label, float width, ButtonKind kind) {
  return button_impl(ctx, lang, id, label, width, kind, Arrow::none);
}

void nav_bar(ScreenContext& ctx, bool back, bool next) {
  const float back_w = 320, home_w = 400, next_w = 320;
  ImGui::SetCursorPosY(ImGui::GetWindowHeight() - kButtonHeight - ImGui::GetStyle().WindowPadding.y);
  Row row(ctx);
  if (back) {
    row.next(back_w);
    if (button_impl(ctx, {}, "back", ctx.t("nav.back"), back_w, ButtonKind::secondary,
                    Arrow::to_start))
      ctx.intents.emplace_back(kiosk::intent::Back{});
  }
  row.next(home_w);
  if (button_impl(ctx, {}, "home", ctx.t("nav.home"), home_w, ButtonKind::secondary, Arrow::none))
    ctx.intents.emplace_back(kiosk::intent::Home{});
  if (next) {
    const float used = (back ? back_w + 20 : 0) + home_w + 20;
    row.skip(free_width() - used - next_w);
    row.next(next_w);
    if (button_impl(ctx, {}, "next", ctx.t("nav.next"), next_w, ButtonKind::primary,
                    Arrow::to_end))
      ctx.intents.emplace_back(kiosk::intent::Next{});
  }
}

bool text_field(const ScreenContext& ctx, const std::string& id, const std::string& buffer,
                bool focused, const std::string& placeholder, float width) {
  const float pad = 20.0f;
  const float avail = free_width();
  const float w = width > 0 ? std::min(width, avail) : avail;
  const kiosk::Language* lang = language_of(ctx, {});
  kiosk::text::LayoutOptions o = options_for(ctx, {Font::body}, w - 2 * pad);
  const bool empty = buffer.empty();
  // Typed text keeps its byte offsets (no inserted isolates) so the caret
  // maps onto the buffer; its direction is its own first strong letter.
  o.isolate_numbers = false;
  const kiosk::text::Direction own = kiosk::text::first_strong_direction(buffer);
  if (own != kiosk::text::Direction::auto_detect) o.direction = own;
  const kiosk::text::Paragraph& p = renderer().layout(empty ? placeholder : buffer, o);
  const float h = std::max(kButtonHeight, p.height + 2 * pad);

  const ImVec2 pos(start_x(ctx, w), ImGui::GetCursorScreenPos().y);
  ImGui::SetCursorScreenPos(pos);
  ImGui::PushID(id.c_str());
  const bool hit = ImGui::InvisibleButton("##field", ImVec2(w, h));
  ImGui::PopID();
  record_hit(id);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), pal().field_box, 10.0f);
  dl->AddRect(pos, ImVec2(pos.x + w, pos.y + h), focused ? kFocus : kBorder, 10.0f, 0,
              focused ? 4.0f : 2.0f);
  const ImVec2 origin(pos.x + pad, pos.y + pad);
  draw_text(p, origin, empty ? kMuted : kText);
  if (focused) {
    float cx = 0;
    size_t line = 0;
    if (empty) {
      cx = lang->rtl ? p.width + 3 : -3;  // just outside the placeholder's first letter
    } else {
      const kiosk::text::Caret c = kiosk::text::caret_at(p, buffer.size());
      line = c.line;
      // Keep the caret clear of ink that overhangs the last advance.
      const auto [lo, hi] = renderer().ink_extent(p, line);
      cx = p.rtl ? std::min(c.x, lo - 3) : std::max(c.x, hi + 3);
      if (std::fabs(c.x - (p.rtl ? p.lines[line].x : p.lines[line].x + p.lines[line].width)) > 1)
        cx = c.x;  // the end of the buffer is inside the line (mixed direction)
    }
    const float top = origin.y + static_cast<float>(line) * p.line_height + 4;
    dl->AddRectFilled(ImVec2(origin.x + std::round(cx) - 1, top),
                      ImVec2(origin.x + std::round(cx) + 2, top + p.line_height - 8), kText);
  }
  return hit;
}

std::optional<size_t> text_editor(const ScreenContext& ctx, const std::string& id, const std::string& buffer,
                                  size_t caret, float width, float height) {
  const float pad = 20.0f;
  const float w = width > 0 ? std::min(width, free_width()) : free_width();
  const float h = std::max(kButtonHeight, height);
  kiosk::text::LayoutOptions o = options_for(ctx, {Font::body}, w - 2 * pad);
  o.isolate_numbers = false;  // byte offsets must match the buffer
  const kiosk::text::Direction own = kiosk::text::first_strong_direction(buffer);
  if (own != kiosk::text::Direction::auto_detect) o.direction = own;
  const kiosk::text::Paragraph& p = renderer().layout(buffer, o);
  const ImVec2 pos(start_x(ctx, w), ImGui::GetCursorScreenPos().y);
  ImGui::SetCursorScreenPos(pos);
  // Its own child window: the lines scrolled out of the box are clipped,
  // not drawn over the screen.
  ImGui::BeginChild((id + "-area").c_str(), ImVec2(w, h), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::SetCursorScreenPos(pos);
  ImGui::PushID(id.c_str());
  const bool hit = tapped(ImGui::InvisibleButton("##editor", ImVec2(w, h)));
  ImGui::PopID();
  record_hit(id);
  // Scrolled to keep the caret's line in the box (screen state, not text).
  static std::string scrolled_id;
  static float scroll = 0;
  if (scrolled_id != id) scrolled_id = id, scroll = 0;
  const kiosk::text::Caret c = kiosk::text::caret_at(p, std::min(caret, buffer.size()));
  const float inner = h - 2 * pad;
  const float caret_top = static_cast<float>(c.line) * p.line_height;
  if (caret_top < scroll) scroll = caret_top;
  if (caret_top + p.line_height > scroll + inner) scroll = caret_top + p.line_height - inner;
  scroll = std::clamp(scroll, 0.0f, std::max(0.0f, p.height - inner));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), pal().field_box, 10.0f);
  dl->AddRect(pos, ImVec2(pos.x + w, pos.y + h), kFocus, 10.0f, 0, 4.0f);
  const ImVec2 origin(pos.x + pad, pos.y + pad - scroll);
  dl->PushClipRect(ImVec2(pos.x + 4, pos.y + 4), ImVec2(pos.x + w - 4, pos.y + h - 4), true);
  draw_text(p, origin, kText);
  float cx = c.x;
  if (buffer.empty()) cx = p.rtl || language_of(ctx, {})->rtl ? p.width - 3 : 0;
  const float top = origin.y + caret_top + 4;
  dl->AddRectFilled(ImVec2(origin.x + std::round(cx) - 1, top),
                    ImVec2(origin.x + std::round(cx) + 2, top + p.line_height - 8), kText);
  // Where more text lies above or below: a small arrow at the end side.
  const float ax = p.rtl ? pos.x + 22 : pos.x + w - 22;
  if (scroll > 0.5f)
    dl->AddTriangleFilled(ImVec2(ax - 12, pos.y + 24), ImVec2(ax + 12, pos.y + 24), ImVec2(ax, pos.y + 10), kMuted);
  if (scroll < p.height - inner - 0.5f)
    dl->AddTriangleFilled(ImVec2(ax - 12, pos.y + h - 24), ImVec2(ax + 12, pos.y + h - 24),
                          ImVec2(ax, pos.y + h - 10), kMuted);
  dl->PopClipRect();
  ImGui::EndChild();
  if (!hit) return std::nullopt;
  const ImVec2 m = ImGui::GetIO().MousePos;
  return kiosk::text::offset_at(p, m.x - origin.x, m.y - origin.y);
}

void progress(const ScreenContext& ctx, int current, int count) {
  if (count <= 0) return;
  const float r = 12.0f, step = 44.0f;
  const float avail = free_width();
  const ImVec2 cur = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  for (int i = 0; i < count; ++i) {
    const float x = mirror_x(ctx, static_cast<float>(i) * step, 2 * r, cur.x, avail) + r;
    const ImVec2 c(x, cur.y + r);
    if (i <= current) dl->AddCircleFilled(c, r, kPrimary, 20);
    else dl->AddCircle(c, r - 1.5f, kBorder, 20, 3.0f);
  }
  ImGui::Dummy(ImVec2(avail, 2 * r));
}

}  // namespace app::ui

// [SECTION] kiosk widgets -------------------------------------------------------------
// Texts with a width and alignment, and the controls of the interview
// (keys, options, review rows), built on layout_text/draw_text.

namespace app::ui {

namespace {

// A filled, rounded box with `label` centred in it; an invisible button
// over it. Shared by the small, key and option buttons.
bool boxed_label(const ScreenContext& ctx, std::string_view lang, const std::string& id,
                 const std::string& label, float w, float h, ImU32 bg, ImU32 fg, Font font,
                 Align align = Align::center, float pad = 16.0f, float lead = 0.0f,
                 bool speak = true) {
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  if (speak) read(ctx, lang, label);
  ImGui::PushID(id.c_str());
  const bool hit = tapped(ImGui::InvisibleButton("##box", ImVec2(w, h)));
  ImGui::PopID();
  record_hit(id);
  const bool active = ImGui::IsItemActive();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h), active ? colour(Colour::track) : bg, 12.0f);
  const float inner = std::max(1.0f, w - 2 * pad - lead);
  const kiosk::text::Paragraph& p = layout_text(ctx, label, {font, align, inner, lang, 0});
  const bool lead_right = rtl(ctx);
  const float x = pos.x + pad + (lead_right ? 0.0f : lead);
  if (p.height > h + 0.5f) misfit(p, "the label is taller than its " + std::to_string(static_cast<int>(h)) + " px button");
  draw_text(p, ImVec2(x, pos.y + std::floor((h - p.height) / 2)), fg);
  return hit;
}

}  // namespace

void title(const ScreenContext& ctx, const std::string& s, float width, Align align) {
  text(ctx, s, {Font::title, align, width});
  ImGui::Dummy(ImVec2(0, 8));
}

void heading(const ScreenContext& ctx, const std::string& s, float width) {
  text(ctx, s, {Font::heading, Align::start, width});
}

void paragraph(const ScreenContext& ctx, const std::string& s, float width, Align align) {
  text(ctx, s, {Font::body, align, width});
}

void caption(const ScreenContext& ctx, const std::string& s, float width, Align align) {
  text(ctx, s, {Font::small, align, width, {}, colour(Colour::muted)});
}

void warning(const ScreenContext& ctx, const std::string& s, float width) {
  text(ctx, s, {Font::body, Align::start, width, {}, colour(Colour::warning)});
}

bool big_button(const ScreenContext& ctx, const std::string& id, const std::string& label,
                float width, bool primary) {
  return big_button(ctx, id, label, width, primary ? ButtonKind::primary : ButtonKind::secondary);
}

bool small_button(const ScreenContext& ctx, const std::string& id, const std::string& label,
                  float width, bool selected) {
  // Language names are in their own script: shape them as that language.
  const kiosk::Language* own = kiosk::language_for_text(label, ctx.lang());
  const std::string_view lang = own ? std::string_view(own->code) : std::string_view{};
  return boxed_label(ctx, lang, id, label, width, 90.0f,
                     selected ? colour(Colour::accent) : colour(Colour::surface),
                     selected ? colour(Colour::accent_text) : colour(Colour::text), Font::name,
                     Align::center, 16.0f, 0.0f, false);  // language names are not read out
}

bool icon_button(const ScreenContext& ctx, const std::string& id, float size, bool selected) {
  return boxed_label(ctx, {}, id, {}, size, size,
                     selected ? colour(Colour::accent) : colour(Colour::surface), colour(Colour::text),
                     Font::small);
}

bool key_button(const ScreenContext& ctx, const std::string& id, const std::string& label,
                float width, float height, bool selected) {
  // The key's own script decides how it is shaped: a Dari letter on an
  // English session's keyboard is still shaped as Dari.
  const kiosk::Language* own = kiosk::language_for_text(label, ctx.lang());
  const std::string_view lang = own ? std::string_view(own->code) : std::string_view{};
  return boxed_label(ctx, lang, id, label, width, height,
                     selected ? colour(Colour::accent) : colour(Colour::field),
                     selected ? colour(Colour::accent_text) : colour(Colour::text), Font::button,
                     Align::center, 6.0f, 0.0f, false);  // keys are not read out one by one
}

namespace {
constexpr float kChoicePad = 24.0f, kChoiceMark = 34.0f, kChoiceLead = kChoiceMark + 24.0f;
}  // namespace

float choice_height(const ScreenContext& ctx, const std::string& label, float width) {
  const float inner = std::max(1.0f, width - 2 * kChoicePad - kChoiceLead);
  return std::max(96.0f, layout_text(ctx, label, {Font::body, Align::start, inner}).height + 24.0f);
}

bool choice_button(const ScreenContext& ctx, const std::string& id, const std::string& label,
                   float width, bool selected, bool multi, float height) {
  const float h = std::max(height, choice_height(ctx, label, width)), mark = kChoiceMark, lead = kChoiceLead;
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const bool hit = boxed_label(ctx, {}, id, label, width, h,
                               selected ? colour(Colour::selected) : colour(Colour::surface),
                               selected ? colour(Colour::accent_text) : colour(Colour::text),
                               Font::body, Align::start, kChoicePad, lead);
  // The mark sits at the start side: left, or right in Dari.
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float cx = rtl(ctx) ? pos.x + width - kChoicePad - mark / 2 : pos.x + kChoicePad + mark / 2;
  const ImVec2 c(cx, pos.y + h / 2);
  const ImU32 fg = selected ? colour(Colour::accent_text) : colour(Colour::text);
  if (multi) {
    dl->AddRect(ImVec2(c.x - mark / 2, c.y - mark / 2), ImVec2(c.x + mark / 2, c.y + mark / 2), fg, 4.0f, 0, 3.0f);
    if (selected)
      dl->AddPolyline(std::array<ImVec2, 3>{ImVec2(c.x - 10, c.y), ImVec2(c.x - 3, c.y + 8), ImVec2(c.x + 11, c.y - 9)}.data(),
                      3, fg, ImDrawFlags_None, 4.0f);
  } else {
    dl->AddCircle(c, mark / 2, fg, 24, 3.0f);
    if (selected) dl->AddCircleFilled(c, mark / 2 - 7, fg, 24);
  }
  return hit;
}

bool list_row(const ScreenContext& ctx, const std::string& id, const std::string& label,
              const std::string& value, float width, std::string_view spoken) {
  const float w = width > 0 ? width : free_width();
  const kiosk::text::Paragraph& l = layout_text(ctx, label, {Font::small, Align::start, w - 32});
  const kiosk::text::Paragraph& v = layout_text(ctx, value, {Font::body, Align::start, w - 32});
  const float h = std::max(96.0f, l.height + v.height + 28.0f);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::PushID(id.c_str());
  const bool hit = tapped(ImGui::InvisibleButton("##row", ImVec2(w, h)));
  ImGui::PopID();
  record_hit(id);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, ImVec2(pos.x + w, pos.y + h),
                    ImGui::IsItemActive() ? colour(Colour::track) : colour(Colour::field), 10.0f);
  if (!spoken.empty()) g_reading.emplace_back(spoken);  // core chose the words
  else {
    read(ctx, {}, label);
    read(ctx, {}, value);
  }
  draw_text(l, ImVec2(pos.x + 16, pos.y + 10), colour(Colour::muted));
  draw_text(v, ImVec2(pos.x + 16, pos.y + 14 + l.height), colour(Colour::text));
  ImGui::Dummy(ImVec2(w, 8));
  return hit;
}

void value_box(const ScreenContext& ctx, const std::string& s, float width, float height) {
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(pos, ImVec2(pos.x + width, pos.y + height), colour(Colour::field), 10.0f);
  dl->AddRect(pos, ImVec2(pos.x + width, pos.y + height), colour(Colour::accent), 10.0f, 0, 2.0f);
  const kiosk::text::Paragraph& p = layout_text(ctx, s, {Font::heading, Align::center, width - 16});
  if (p.height > height + 0.5f) misfit(p, "the text is taller than its box");
  draw_text(p, ImVec2(pos.x + 8, pos.y + std::floor((height - p.height) / 2)));
  ImGui::Dummy(ImVec2(width, height));
  read(ctx, {}, s);
}

ImU32 colour(Colour c) {
  const Palette& p = pal();
  switch (c) {
    case Colour::text: return p.text;
    case Colour::muted: return p.muted;
    case Colour::accent: return p.primary;
    case Colour::accent_text: return p.primary_text;
    case Colour::field: return p.field;
    case Colour::track: return p.secondary_active;
    case Colour::warning: return p.warning;
    case Colour::surface: return p.secondary;
    case Colour::selected: return p.selected;
    case Colour::background: return p.background;
  }
  return p.text;
}

void set_look(const Look& look) {
  g_look = look;
  ImGui::GetStyle().Colors[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(pal().background);
  ImGui::GetStyle().Colors[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
}

const Look& look() { return g_look; }

std::vector<TextOnBackground> text_colour_pairs(const Look& l) {
  const Palette& p = l.high_contrast ? kHighContrast : kNormal;
  return {
      {"text on background", p.text, p.background},
      {"muted on background", p.muted, p.background},
      {"warning on background", p.warning, p.background},
      {"accent on background", p.primary, p.background},
      {"text on secondary button", p.text, p.secondary},
      {"text on pressed secondary button", p.text, p.secondary_active},
      {"muted on field", p.muted, p.field},
      {"text on field", p.text, p.field},
      {"text in text box", p.text, p.field_box},
      {"placeholder in text box", p.muted, p.field_box},
      {"primary button label", p.primary_text, p.primary},
      {"pressed primary button label", p.primary_text, p.primary_active},
      {"selected choice label", p.selected_text, p.selected},
      {"selected key label", p.primary_text, p.primary},
      {"muted on secondary", p.muted, p.secondary},
  };
}

void clear_reading() { g_reading.clear(); }

void set_read_personal(bool on) { g_read_personal = on; }

void also_read(const ScreenContext& ctx, std::string_view s) { read(ctx, {}, s); }

void set_text_audit(bool on) {
  g_audit_on = on;
  g_audit = {};
}

void clear_text_audit() { g_audit = {}; }

const TextAudit& text_audit() { return g_audit; }

std::string reading_text() { return kiosk::join_sentences(g_reading); }

std::string number(const ScreenContext& ctx, int n, bool grouping) {
  return kiosk::format_number(ctx.lang(), n, grouping);
}

std::string date_words(const ScreenContext& ctx, const std::string& iso) {
  return kiosk::date_answer_text(ctx.tr, ctx.lang(), iso);
}

std::string ltr(const std::string& s) { return "\u2066" + s + "\u2069"; }

}  // namespace app::ui
