// Consent: in plain words, what is printed, what is stored, who can read it.
#include <imgui.h>

#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_consent(ScreenContext& ctx) {
  ui::begin_screen("consent");
  parts::top_bar(ctx, ctx.t("consent.title"));
  const float w = ctx.width - 2 * parts::kMargin;
  float y = parts::kTopBar + 30.0f;
  for (const char* key : {"consent.printed", "consent.stored", "consent.readers",
                          "consent.staff_interpreter", "consent.optional"}) {
    ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
    ui::paragraph(ctx, ctx.t(key), w);
    y = ImGui::GetCursorPosY() + 24.0f;
  }
  const float bw = 760.0f;
  ImGui::SetCursorPos(ImVec2((ctx.width - bw) / 2, y + 20.0f));
  if (ui::big_button(ctx, "agree", ctx.t("consent.agree"), bw, true)) ctx.push(kiosk::intent::Agree{});
  parts::bottom_bar(ctx, {.back = true, .home = true});
  ui::end_screen();
}

}  // namespace app
