// Widget drawing. Sections: [1] colours and screen  [2] texts  [3] buttons
//   [4] formatting
#include "ui/widgets.hpp"

#include <imgui.h>

#include "form/form.hpp"
#include "ui/hits.hpp"
#include "locale/calendar.hpp"
#include "locale/language.hpp"

namespace app::ui {

// [SECTION] 1. colours and screen ------------------------------------------------

ImU32 colour(Colour c) {
  switch (c) {
    case Colour::text: return IM_COL32(20, 24, 33, 255);
    case Colour::muted: return IM_COL32(72, 80, 96, 255);
    case Colour::accent: return IM_COL32(0, 84, 166, 255);
    case Colour::accent_text: return IM_COL32(255, 255, 255, 255);
    case Colour::field: return IM_COL32(246, 248, 252, 255);
    case Colour::track: return IM_COL32(214, 222, 235, 255);
    case Colour::warning: return IM_COL32(176, 0, 32, 255);
    case Colour::surface: return IM_COL32(232, 238, 247, 255);
    case Colour::selected: return IM_COL32(0, 110, 60, 255);
  }
  return IM_COL32(0, 0, 0, 255);
}

bool rtl(const ScreenContext& ctx) {
  const auto* l = kiosk::find_language(ctx.lang());
  return l && l->rtl;
}

void begin_screen(const char* id) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::Begin(id, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                   ImGuiWindowFlags_NoScrollWithMouse);
}

void end_screen() { ImGui::End(); }

// [SECTION] 2. texts -----------------------------------------------------------------

namespace {

float resolve_width(float width) {
  return width > 0 ? width : ImGui::GetContentRegionAvail().x;
}

// Placeholder text drawing until the shaped text engine lands: ImGui's font,
// scaled. It cannot shape Dari or show Cyrillic.
void draw_text(const std::string& text, float width, float scale, ImU32 col, Align align) {
  ImGui::SetWindowFontScale(scale);
  const float w = resolve_width(width);
  const ImVec2 size = ImGui::CalcTextSize(text.c_str(), nullptr, false, w);
  const ImVec2 start = ImGui::GetCursorPos();
  float x = start.x;
  if (align == Align::center) x += (w - size.x) / 2;
  if (align == Align::end) x += w - size.x;
  ImGui::SetCursorPosX(x);
  ImGui::PushStyleColor(ImGuiCol_Text, col);
  ImGui::PushTextWrapPos(start.x + w);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::SetWindowFontScale(1.0f);
}

Align start_align(const ScreenContext& ctx, Align a) {
  if (!rtl(ctx)) return a;
  if (a == Align::start) return Align::end;
  if (a == Align::end) return Align::start;
  return a;
}

bool button(const std::string& id, const std::string& label, float w, float h, ImU32 bg,
            ImU32 fg, float scale) {
  ImGui::PushStyleColor(ImGuiCol_Button, bg);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, bg);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, colour(Colour::track));
  ImGui::PushStyleColor(ImGuiCol_Text, fg);
  ImGui::SetWindowFontScale(scale);
  const bool hit = ImGui::Button((label + "##" + id).c_str(), ImVec2(w, h));
  record_hit(id);
  ImGui::SetWindowFontScale(1.0f);
  ImGui::PopStyleColor(4);
  return hit;
}

}  // namespace

void title(const ScreenContext& ctx, const std::string& text, float width, Align align) {
  draw_text(text, width, 3.6f, colour(Colour::text), start_align(ctx, align));
}
void heading(const ScreenContext& ctx, const std::string& text, float width) {
  draw_text(text, width, 2.8f, colour(Colour::text), start_align(ctx, Align::start));
}
void paragraph(const ScreenContext& ctx, const std::string& text, float width, Align align) {
  draw_text(text, width, 2.2f, colour(Colour::text), start_align(ctx, align));
}
void caption(const ScreenContext& ctx, const std::string& text, float width, Align align) {
  draw_text(text, width, 1.8f, colour(Colour::muted), start_align(ctx, align));
}
void warning(const ScreenContext& ctx, const std::string& text, float width) {
  draw_text(text, width, 2.2f, colour(Colour::warning), start_align(ctx, Align::start));
}
void field_text(const ScreenContext& ctx, const std::string& text, float width) {
  draw_text(text + "|", width, 2.6f, colour(Colour::text), start_align(ctx, Align::start));
}
void value_box(const ScreenContext& ctx, const std::string& text, float width, float height) {
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + width, p.y + height),
                                            colour(Colour::field), 10.0f);
  ImGui::GetWindowDrawList()->AddRect(p, ImVec2(p.x + width, p.y + height),
                                      colour(Colour::accent), 10.0f, 0, 2.0f);
  const ImVec2 c = ImGui::GetCursorPos();
  ImGui::SetCursorPos(ImVec2(c.x, c.y + height / 2 - 22));
  draw_text(text, width, 2.6f, colour(Colour::text), Align::center);
  (void)ctx;
}

// [SECTION] 3. buttons ------------------------------------------------------------------

bool big_button(const ScreenContext&, const std::string& id, const std::string& label,
                float width, bool primary) {
  return button(id, label, resolve_width(width), 96.0f,
                primary ? colour(Colour::accent) : colour(Colour::surface),
                primary ? colour(Colour::accent_text) : colour(Colour::text), 2.4f);
}

bool small_button(const ScreenContext&, const std::string& id, const std::string& label,
                  float width, bool selected) {
  return button(id, label, width, 80.0f,
                selected ? colour(Colour::accent) : colour(Colour::surface),
                selected ? colour(Colour::accent_text) : colour(Colour::text), 2.0f);
}

bool key_button(const ScreenContext&, const std::string& id, const std::string& label,
                float width, float height, bool selected) {
  return button(id, label, width, height,
                selected ? colour(Colour::accent) : colour(Colour::field),
                selected ? colour(Colour::accent_text) : colour(Colour::text), 2.6f);
}

bool choice_button(const ScreenContext& ctx, const std::string& id, const std::string& label,
                   float width, bool selected, bool multi) {
  const std::string mark = multi ? (selected ? "[x] " : "[ ] ") : (selected ? "(*) " : "( ) ");
  (void)ctx;
  return button(id, mark + label, width, 96.0f,
                selected ? colour(Colour::selected) : colour(Colour::surface),
                selected ? colour(Colour::accent_text) : colour(Colour::text), 2.2f);
}

bool list_row(const ScreenContext& ctx, const std::string& id, const std::string& label,
              const std::string& value, float width) {
  const float w = resolve_width(width);
  const ImVec2 start = ImGui::GetCursorPos();
  const bool hit = ImGui::InvisibleButton(id.c_str(), ImVec2(w, 110.0f));
  record_hit(id);
  const ImVec2 p = ImGui::GetItemRectMin();
  ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + w, p.y + 104.0f),
                                            colour(Colour::field), 8.0f);
  ImGui::SetCursorPos(ImVec2(start.x + 16, start.y + 6));
  caption(ctx, label, w - 32, Align::start);
  ImGui::SetCursorPos(ImVec2(start.x + 16, start.y + 50));
  draw_text(value, w - 32, 2.2f, colour(Colour::text), start_align(ctx, Align::start));
  ImGui::SetCursorPos(ImVec2(start.x, start.y + 116.0f));
  return hit;
}

// [SECTION] 4. formatting ------------------------------------------------------------------

std::string number(const ScreenContext& ctx, int n, bool grouping) {
  return kiosk::format_number(ctx.lang(), n, grouping);
}

std::string date_words(const ScreenContext& ctx, const std::string& iso) {
  const auto d = kiosk::parse_iso_date(iso);
  return d ? kiosk::format_date(ctx.lang(), *d) : iso;
}

std::string ltr(const std::string& text) { return "\u2066" + text + "\u2069"; }

}  // namespace app::ui
