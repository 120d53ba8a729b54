// Attract screen: "Touch to start" in every language the site offers; a
// touch anywhere starts, except on the accessibility buttons at the bottom
// (read aloud, volume, text size, contrast), which a passer-by can set
// before starting.
#include <imgui.h>

#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/hits.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_attract(ScreenContext& ctx) {
  ui::begin_screen("attract");
  const float w = ctx.width - 2 * parts::kMargin;
  float y = ctx.height * 0.16f;
  ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
  ui::title(ctx, ctx.t("app.name"), w, ui::Align::center);
  y += 170.0f;
  for (const auto& code : ctx.config.kiosk.languages) {
    ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
    // Each line is shaped in its own language (Dari right to left).
    ui::text(ctx, ctx.tr.tr(code, "attract.touch"), {ui::Font::heading, ui::Align::center, w, code});
    y += 92.0f;
  }
  // Submitted before the start button: ImGui gives a tap to the first item
  // under it, so these keep their taps.
  parts::access_buttons_bottom(ctx);
  // The rest of the screen is the button.
  ImGui::SetCursorPos(ImVec2(0, 0));
  const bool start = ImGui::InvisibleButton("start", ImVec2(ctx.width, ctx.height));
  ui::record_hit("start");
  if (start) ctx.push(kiosk::intent::Start{});
  ui::end_screen();
}

}  // namespace app
