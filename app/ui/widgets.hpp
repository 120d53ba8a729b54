// Widgets for everything the person sees. Every text goes through here, so
// the text engine (shaping, bidi, right-to-left mirroring) is applied in one
// place and no screen draws ImGui's default-font text directly.
#pragma once

#include <string>

#include "screens/screen.hpp"

namespace app::ui {

// Layout direction of the current language: Dari mirrors the whole screen.
bool rtl(const ScreenContext& ctx);

// A full-screen window for one screen; call end_screen() after drawing.
void begin_screen(const char* id);
void end_screen();

void title(const ScreenContext& ctx, const std::string& text);
void paragraph(const ScreenContext& ctx, const std::string& text);

// A big touch button (at least 90 px high). Returns true when tapped.
bool big_button(const ScreenContext& ctx, const std::string& id, const std::string& label,
                float width = 0);

// Back / Start again row at the bottom; Back mirrors to the right in Dari.
void nav_bar(ScreenContext& ctx, bool back = true, bool next = false);

}  // namespace app::ui
