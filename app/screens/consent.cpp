// Consent: in plain words, what is printed, what is stored, who can read it.
// Saying no keeps nothing and still leaves the person their guidance.
#include <imgui.h>

#include <algorithm>

#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_consent(ScreenContext& ctx) {
  ui::begin_screen("consent");
  parts::top_bar(ctx, ctx.t("consent.title"));
  const float w = ctx.width - 2 * parts::kMargin;
  float y = parts::top_bar_height(ctx) + 30.0f;
  const kiosk::MessageArgs args = {{"language", ctx.config.site.petition_language}};
  for (const char* key : {"consent.printed", "consent.stored", "consent.who", "consent.sent",
                          "consent.wipe"}) {
    ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
    ui::paragraph(ctx, "• " + ctx.t(key, args), w);
    y = ImGui::GetCursorPosY() + (ui::look().large_text ? 6.0f : 18.0f);
  }
  // Large text: the buttons keep clear of the navigation bar.
  y = std::min(y, ctx.height - parts::bottom_bar_height(ctx) - parts::kButtonH - 40.0f);
  const float bw = (w - parts::kGap) / 2;
  const auto xs = parts::row_positions(ctx, {bw, bw}, parts::kMargin, w);
  ImGui::SetCursorPos(ImVec2(xs[0], y + 20.0f));
  if (ui::big_button(ctx, "decline", ctx.t("consent.decline"), bw)) ctx.push(kiosk::intent::Decline{});
  ImGui::SetCursorPos(ImVec2(xs[1], y + 20.0f));
  if (ui::big_button(ctx, "agree", ctx.t("consent.agree"), bw, true)) ctx.push(kiosk::intent::Agree{});
  parts::bottom_bar(ctx, {.back = true, .home = true});
  ui::end_screen();
}

}  // namespace app
