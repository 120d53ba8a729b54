// "Delete everything you entered?": drawn over the screen when Start again
// or "I do not agree" was tapped. "No, keep my answers" is the big primary
// button and comes first; only "Yes" deletes.
#include <imgui.h>

#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_ask_overlay(ScreenContext& ctx) {
  parts::begin_overlay(ctx, "ask");
  const auto asking = ctx.session.asking;
  const std::string base = asking == kiosk::Ask::decline       ? "ask.decline."
                           : asking == kiosk::Ask::close_kiosk ? "staff.close."
                                                               : "ask.start_again.";
  // Staff closing the kiosk get their own answers; the person's are about their answers.
  const std::string answers = asking == kiosk::Ask::close_kiosk ? "staff.close." : "ask.";
  const float w = ctx.width - 2 * parts::kMargin;
  float y = ctx.height * 0.2f;
  ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
  ui::title(ctx, ctx.t(base + "title"), w, ui::Align::center);
  y = ImGui::GetCursorPosY() + 30.0f;
  ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
  ui::paragraph(ctx, ctx.t(base + "body"), w, ui::Align::center);
  y = ImGui::GetCursorPosY() + 50.0f;
  const float bw = 800.0f;
  ImGui::SetCursorPos(ImVec2((ctx.width - bw) / 2, y));
  if (ui::big_button(ctx, "ask-no", ctx.t(answers + "no"), bw, true)) ctx.push(kiosk::intent::CancelAsk{});
  y = ImGui::GetCursorPosY() + 40.0f;
  ImGui::SetCursorPos(ImVec2((ctx.width - bw) / 2, y));
  if (ui::big_button(ctx, "ask-yes", ctx.t(answers + "yes"), bw)) ctx.push(kiosk::intent::ConfirmAsk{});
  ImGui::End();
}

}  // namespace app
