// Staff screen, issue 18: the "Save for staff" papers (reference, age,
// Print, Delete with a yes/no question) and the records held in memory or
// damaged. Every text is core's (view/staff_view: staff_papers_view); the
// buttons push Staff intents that core turns into the kiosk's actions.
#include <imgui.h>

#include <algorithm>

#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

using kiosk::StaffAction;
using kiosk::intent::Staff;

// The main staff page's entry to the page below: one full-width button whose
// label carries the counts. Returns the y below it.
float draw_staff_papers_entry(ScreenContext& ctx, float y, float x, float w) {
  if (!ctx.services) return y;
  const auto v = ctx.services->staff_papers(ctx.lang());
  ImGui::SetCursorPos(ImVec2(x, y));
  if (ui::big_button(ctx, "saved-papers", v.open, w)) ctx.push(Staff{StaffAction::saved_papers});
  return ImGui::GetCursorPosY() + parts::kGap;
}

void draw_staff_papers(ScreenContext& ctx) {
  ui::begin_screen("staff-papers");
  const float w = ctx.width - 2 * parts::kMargin;
  const auto v = ctx.services ? ctx.services->staff_papers(ctx.lang()) : kiosk::StaffPapersView{};
  const auto top = parts::row_positions(ctx, {w - parts::kAccessW - parts::kGap, parts::kAccessW},
                                        parts::kMargin, w);
  ImGui::SetCursorPos(ImVec2(top[0], 40.0f));
  ui::title(ctx, v.title, w - parts::kAccessW - parts::kGap);
  parts::access_buttons(ctx, top[1], 30.0f);
  float y = 150.0f;
  auto text = [&](const std::string& t, bool warn) {
    ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
    if (warn) ui::warning(ctx, t, w);
    else ui::paragraph(ctx, t, w);
    y = ImGui::GetCursorPosY() + parts::kGap;
  };
  for (const auto& l : v.records) text(l, true);
  if (ctx.ui && !ctx.ui->status.empty()) text(ctx.ui->status, false);
  const float bottom = ctx.height - 2 * parts::kBottomBar;
  if (!v.asking.empty()) {
    // Delete asks first: nothing else on the page until yes or no.
    text(v.asking, true);
    const float bw = (w - parts::kGap) / 2;
    const auto xs = parts::row_positions(ctx, {bw, bw}, parts::kMargin, w);
    ImGui::SetCursorPos(ImVec2(xs[0], y + parts::kGap));
    if (ui::big_button(ctx, "saved-delete-no", v.no, bw, true)) ctx.push(Staff{StaffAction::keep_saved});
    ImGui::SetCursorPos(ImVec2(xs[1], y + parts::kGap));
    if (ui::big_button(ctx, "saved-delete-yes", v.yes, bw))
      ctx.push(Staff{StaffAction::delete_saved, ctx.session.staff_delete_asked});
    ui::end_screen();
    return;
  }
  if (v.papers.empty()) text(v.none, false);
  // One row per saved paper: its line, then Print and Delete at the end side.
  const float bw = 300.0f;
  const float tw = w - 2 * (bw + parts::kGap);
  for (size_t i = 0; i < v.papers.size(); ++i) {
    const auto& p = v.papers[i];
    const float h = std::max(parts::kButtonH, std::max(ui::button_height(ctx, v.print, bw),
                                                       ui::button_height(ctx, v.remove, bw)));
    if (y + h > bottom) break;  // the oldest fit; the rest show when these are gone
    const auto xs = parts::row_positions(ctx, {tw, bw, bw}, parts::kMargin, w);
    ImGui::SetCursorPos(ImVec2(xs[0], y));
    ui::paragraph(ctx, p.text, tw);
    const float text_bottom = ImGui::GetCursorPosY();
    const std::string n = std::to_string(i);
    ImGui::SetCursorPos(ImVec2(xs[1], y));
    if (ui::big_button(ctx, "saved-print-" + n, v.print, bw)) ctx.push(Staff{StaffAction::print_saved, p.reference});
    ImGui::SetCursorPos(ImVec2(xs[2], y));
    if (ui::big_button(ctx, "saved-delete-" + n, v.remove, bw))
      ctx.push(Staff{StaffAction::ask_delete_saved, p.reference});
    y = std::max(y + h, text_bottom) + parts::kGap;
  }
  ImGui::SetCursorPos(ImVec2(parts::kMargin, std::max(y + parts::kGap, bottom)));
  if (ui::big_button(ctx, "staff-main", v.back, (w - parts::kGap) / 2, true)) ctx.push(Staff{StaffAction::staff_main});
  ui::end_screen();
}

}  // namespace app
