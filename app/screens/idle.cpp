// "Are you still there?": drawn over any screen while the session is idle,
// with a countdown to the wipe and one big Continue.
#include <imgui.h>

#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_idle_overlay(ScreenContext& ctx) {
  parts::begin_overlay(ctx, "idle");
  const float w = ctx.width - 2 * parts::kMargin;
  const int left = kiosk::idle_seconds_left(ctx.session, ctx.now,
                                            kiosk::FlowSettings{
                                                std::chrono::seconds(ctx.config.kiosk.idle_warning_seconds),
                                                std::chrono::seconds(ctx.config.kiosk.idle_countdown_seconds),
                                                std::chrono::seconds(ctx.config.kiosk.staff_hold_seconds),
                                                std::chrono::seconds(ctx.config.kiosk.help_wait_seconds),
                                                std::chrono::seconds(ctx.config.kiosk.assisted_idle_seconds)});
  ImGui::SetCursorPos(ImVec2(parts::kMargin, ctx.height * 0.22f));
  ui::title(ctx, ctx.t("idle.title"), w, ui::Align::center);
  ImGui::SetCursorPos(ImVec2(parts::kMargin, ctx.height * 0.22f + 130.0f));
  ui::paragraph(ctx, ctx.t("idle.countdown", {{"seconds", int64_t{left}}}), w, ui::Align::center);
  const float bw = 700.0f;
  ImGui::SetCursorPos(ImVec2((ctx.width - bw) / 2, ctx.height * 0.22f + 280.0f));
  if (ui::big_button(ctx, "continue", ctx.t("idle.continue"), bw, true))
    ctx.push(kiosk::intent::StillHere{});
  ImGui::End();
}

}  // namespace app
