// Staff screen: the kiosk's state and the actions staff take. Only here can
// the kiosk be closed (core asks first). Drawn in staff.language; the
// status lines come from core's staff view.
#include <imgui.h>

#include <algorithm>

#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_staff(ScreenContext& ctx) {
  if (ctx.session.staff_papers) return draw_staff_papers(ctx);  // issue 18: its own page
  ui::begin_screen("staff");
  const float w = ctx.width - 2 * parts::kMargin;
  // The title at the start side, the accessibility buttons at the end side.
  const auto top = parts::row_positions(ctx, {w - parts::kAccessW - parts::kGap, parts::kAccessW},
                                        parts::kMargin, w);
  ImGui::SetCursorPos(ImVec2(top[0], 40.0f));
  ui::title(ctx, ctx.t("staff.title"), w - parts::kAccessW - parts::kGap);
  // (a narrow layout: the title may wrap, and what follows moves down)
  const bool narrow = parts::narrow(ctx);
  const float below_title = narrow ? std::max(130.0f, ImGui::GetCursorPosY()) - 130.0f : 0.0f;
  parts::access_buttons(ctx, top[1], 30.0f);
  ImGui::SetCursorPos(ImVec2(parts::kMargin, 130.0f + below_title));
  ui::paragraph(ctx, ctx.t("staff.site", {{"site", ctx.config.site.id}}), w);
  float flow = ImGui::GetCursorPosY() + parts::kGap;  // narrow: each below the one before
  if (ctx.ui && !ctx.ui->status.empty()) {
    ImGui::SetCursorPos(ImVec2(parts::kMargin, narrow ? flow : 200.0f));
    ui::paragraph(ctx, ctx.ui->status, w);
    flow = ImGui::GetCursorPosY() + parts::kGap;
  }
  // Actions in two columns, in reading order.
  const std::vector<std::pair<std::string, std::string>> actions = {
      {"queue", "staff.queue"},     {"sync", "staff.sync"},
      {"export", "staff.export"},   {"printer", "staff.printer"},
      {"test-page", "staff.test_page"}, {"reprint", "staff.reprint"},
      {"blank", "staff.blank"},     {"content", "staff.content"}};
  const float bw = (w - parts::kGap) / 2;
  const auto xs = parts::row_positions(ctx, {bw, bw}, parts::kMargin, w);
  float y = narrow ? flow : 300.0f;
  for (size_t i = 0; i < actions.size(); i += 2) {  // a row is as high as its taller button
    const float h = std::max(ui::button_height(ctx, ctx.t(actions[i].second), bw),
                             ui::button_height(ctx, ctx.t(actions[i + 1].second), bw));
    for (size_t j = i; j < i + 2; ++j) {
      ImGui::SetCursorPos(ImVec2(xs[j % 2], y));
      if (ui::big_button(ctx, actions[j].first, ctx.t(actions[j].second), bw))
        ctx.push(kiosk::intent::Staff{kiosk::staff_action_from(actions[j].first)});
    }
    y += h + parts::kGap;
  }
  y = draw_staff_papers_entry(ctx, y);  // issue 18: saved papers, held and damaged records
  // From a person's session, staff may go on with them beside the kiosk
  // (a physical keyboard, longer timeouts): core's StaffAssist.
  const auto& s = ctx.session;
  const bool assist = s.staff_return != kiosk::Step::attract && s.staff_return != kiosk::Step::done;
  float bottom_rows = 2 * parts::kBottomBar;
  if (narrow)  // as high as they are, above the bottom margin
    bottom_rows = parts::kMargin + (assist ? ui::button_height(ctx, ctx.t("staff.assist"), w) + parts::kGap : 0.0f) +
                  std::max(ui::button_height(ctx, ctx.t("staff.leave"), bw), ui::button_height(ctx, ctx.t("staff.exit"), bw));
  y = std::max(y + parts::kGap, ctx.height - bottom_rows);
  // (narrow: "Continue with the person" across the screen, the other two below)
  const bool assist_row = assist && narrow;
  const float cw = assist && !narrow ? (w - 2 * parts::kGap) / 3 : bw;
  const auto bx = assist && !narrow ? parts::row_positions(ctx, {cw, cw, cw}, parts::kMargin, w) : xs;
  size_t col = 0;
  if (assist) {
    ImGui::SetCursorPos(ImVec2(assist_row ? parts::kMargin : bx[col++], y));
    if (ui::big_button(ctx, "assist", ctx.t("staff.assist"), assist_row ? w : cw, true))
      ctx.push(kiosk::intent::StaffAssist{});
    if (assist_row) y = ImGui::GetCursorPosY() + parts::kGap;
  }
  ImGui::SetCursorPos(ImVec2(bx[col++], y));
  if (ui::big_button(ctx, "leave", ctx.t("staff.leave"), cw, !assist))
    ctx.push(kiosk::intent::LeaveStaff{});
  ImGui::SetCursorPos(ImVec2(bx[col], y));
  if (ui::big_button(ctx, "exit", ctx.t("staff.exit"), cw)) ctx.push(kiosk::intent::CloseKiosk{});
  ui::end_screen();
}

}  // namespace app
