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
  // (a portrait screen's narrow layout may wrap the title: the site below it)
  const float site_y = parts::narrow(ctx) ? std::max(130.0f, ImGui::GetCursorPosY()) : 130.0f;
  parts::access_buttons(ctx, top[1], 30.0f);
  ImGui::SetCursorPos(ImVec2(parts::kMargin, site_y));
  ui::paragraph(ctx, ctx.t("staff.site", {{"site", ctx.config.site.id}}), w);
  float list_top = ImGui::GetCursorPosY() + parts::kGap;
  if (ctx.ui && !ctx.ui->status.empty()) {
    ImGui::SetCursorPos(ImVec2(parts::kMargin, list_top));
    ui::paragraph(ctx, ctx.ui->status, w);
    list_top = ImGui::GetCursorPosY() + parts::kGap;
  }
  // The bottom row first, measured: it always shows in full, at the bottom.
  // From a person's session, staff may go on with them beside the kiosk
  // (a physical keyboard, longer timeouts): core's StaffAssist.
  const auto& s = ctx.session;
  const bool assist = s.staff_return != kiosk::Step::attract && s.staff_return != kiosk::Step::done;
  const float bw = (w - parts::kGap) / 2;
  // (a portrait screen's narrow layout: "Continue with the person" across
  // the screen above the other two, whose words would not fit in thirds)
  const bool stacked = assist && parts::narrow(ctx);
  const float cw = assist && !stacked ? (w - 2 * parts::kGap) / 3 : bw;
  std::vector<std::pair<std::string, std::string>> bottom_row;
  if (assist && !stacked) bottom_row.emplace_back("assist", "staff.assist");
  bottom_row.emplace_back("leave", "staff.leave");
  bottom_row.emplace_back("exit", "staff.exit");
  float bottom_h = 0;
  for (const auto& [id, key] : bottom_row) bottom_h = std::max(bottom_h, ui::button_height(ctx, ctx.t(key), cw));
  const float assist_h = stacked ? ui::button_height(ctx, ctx.t("staff.assist"), w) + parts::kGap : 0.0f;
  const float bottom_y = ctx.height - 30.0f - bottom_h;
  const float list_end = bottom_y - assist_h;

  // The actions in two columns, in reading order, and the saved papers' entry
  // below them: a list that scrolls when large text makes it taller than the
  // space between the status and the bottom row.
  const std::vector<std::pair<std::string, std::string>> actions = {
      {"queue", "staff.queue"},     {"sync", "staff.sync"},
      {"export", "staff.export"},   {"printer", "staff.printer"},
      {"test-page", "staff.test_page"}, {"reprint", "staff.reprint"},
      {"blank", "staff.blank"},     {"content", "staff.content"}};
  list_top = std::max(list_top, 230.0f);
  ImGui::SetCursorPos(ImVec2(parts::kMargin, list_top));
  ImGui::BeginChild("staff-actions", ImVec2(w, list_end - parts::kGap - list_top), false, ImGuiWindowFlags_NoScrollbar);
  parts::drag_scroll();
  const float lw = w - 8.0f;  // room for the scroll fades' edge
  const float lbw = (lw - parts::kGap) / 2;
  const auto xs = parts::row_positions(ctx, {lbw, lbw}, 0.0f, lw);
  float y = 0.0f;
  for (size_t i = 0; i < actions.size(); i += 2) {  // a row is as high as its taller button
    const float h = std::max(ui::button_height(ctx, ctx.t(actions[i].second), lbw),
                             ui::button_height(ctx, ctx.t(actions[i + 1].second), lbw));
    for (size_t j = i; j < i + 2; ++j) {
      ImGui::SetCursorPos(ImVec2(xs[j % 2], y));
      if (ui::big_button(ctx, actions[j].first, ctx.t(actions[j].second), lbw))
        ctx.push(kiosk::intent::Staff{kiosk::staff_action_from(actions[j].first)});
    }
    y += h + parts::kGap;
  }
  draw_staff_papers_entry(ctx, y, 0.0f, lw);  // issue 18: saved papers, held and damaged records
  parts::scroll_fades();
  ImGui::EndChild();

  if (stacked) {
    ImGui::SetCursorPos(ImVec2(parts::kMargin, list_end));
    if (ui::big_button(ctx, "assist", ctx.t("staff.assist"), w, true)) ctx.push(kiosk::intent::StaffAssist{});
  }
  const auto bx = parts::row_positions(ctx, std::vector<float>(bottom_row.size(), cw), parts::kMargin, w);
  for (size_t i = 0; i < bottom_row.size(); ++i) {
    const auto& [id, key] = bottom_row[i];
    ImGui::SetCursorPos(ImVec2(bx[i], bottom_y));
    const bool primary = id == "assist" || (id == "leave" && !assist);
    if (!ui::big_button(ctx, id, ctx.t(key), cw, primary)) continue;
    if (id == "assist") ctx.push(kiosk::intent::StaffAssist{});
    else if (id == "leave") ctx.push(kiosk::intent::LeaveStaff{});
    else ctx.push(kiosk::intent::CloseKiosk{});
  }
  ui::end_screen();
}

}  // namespace app
