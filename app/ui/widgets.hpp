// Widgets for everything the person sees. Every text goes through here, so
// the text engine (shaping, bidi, right-to-left mirroring) is applied in one
// place and no screen draws ImGui's default-font text directly.
//
// Widgets draw at the current ImGui cursor position. A width of 0 means "to
// the right edge of the window's content area".
#pragma once

#include <imgui.h>

#include <string>

#include "screens/screen.hpp"

namespace app::ui {

enum class Align { start, center, end };  // start is right in Dari

enum class Colour { text, muted, accent, accent_text, field, track, warning, surface, selected };
ImU32 colour(Colour c);

// Layout direction of the current language: Dari mirrors the whole screen.
bool rtl(const ScreenContext& ctx);

// A full-screen window for one screen; call end_screen() after drawing.
void begin_screen(const char* id);
void end_screen();

// Texts, largest first. They wrap within `width` and advance the cursor.
void title(const ScreenContext& ctx, const std::string& text, float width = 0,
           Align align = Align::start);
void heading(const ScreenContext& ctx, const std::string& text, float width = 0);
void paragraph(const ScreenContext& ctx, const std::string& text, float width = 0,
               Align align = Align::start);
void caption(const ScreenContext& ctx, const std::string& text, float width = 0,
             Align align = Align::center);
void warning(const ScreenContext& ctx, const std::string& text, float width = 0);
// The answer being typed, as the field shows it.
void field_text(const ScreenContext& ctx, const std::string& text, float width = 0);
// A framed box with `text` centred (date picker values).
void value_box(const ScreenContext& ctx, const std::string& text, float width, float height);

// Buttons return true when tapped. Heights: big 96 px, small 80 px.
bool big_button(const ScreenContext& ctx, const std::string& id, const std::string& label,
                float width = 0, bool primary = false);
bool small_button(const ScreenContext& ctx, const std::string& id, const std::string& label,
                  float width, bool selected = false);
bool key_button(const ScreenContext& ctx, const std::string& id, const std::string& label,
                float width, float height, bool selected = false);
// An option: a radio (multi = false) or check box (multi = true) look.
bool choice_button(const ScreenContext& ctx, const std::string& id, const std::string& label,
                   float width, bool selected, bool multi);
// A list row that can be tapped (review answers, offices): label and value.
bool list_row(const ScreenContext& ctx, const std::string& id, const std::string& label,
              const std::string& value, float width);

// A number with the language's digits; a date in the language's words and
// calendar (Dari: Solar Hijri with the Gregorian date beside it).
std::string number(const ScreenContext& ctx, int n, bool grouping = true);
std::string date_words(const ScreenContext& ctx, const std::string& iso);

// Wraps phone numbers and other left-to-right runs so they stay whole and
// left-to-right inside Dari text (U+2066 LRI ... U+2069 PDI).
std::string ltr(const std::string& text);

}  // namespace app::ui
