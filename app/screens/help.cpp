// "Staff are coming": drawn over the screen after "I need help". The step
// under it is untouched, so "Back to where I was" finds every answer and
// the text being typed as they were. Core holds the idle wipe off while it
// shows (FlowSettings::help_wait) and signals staff (Effect::call_staff).
#include <imgui.h>

#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_help_overlay(ScreenContext& ctx) {
  parts::begin_overlay(ctx, "help");
  const float w = ctx.width - 2 * parts::kMargin;
  float y = ctx.height * 0.2f;
  // A bell above the title: the call was made.
  {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 o = ImGui::GetWindowPos();
    const ImVec2 c(o.x + ctx.width / 2, o.y + y - 70.0f);
    const ImU32 fg = ui::colour(ui::Colour::accent);
    dl->PathArcTo(ImVec2(c.x, c.y + 6), 40.0f, 3.1415926f, 2 * 3.1415926f, 24);
    dl->PathLineTo(ImVec2(c.x + 50, c.y + 46));
    dl->PathLineTo(ImVec2(c.x - 50, c.y + 46));
    dl->PathFillConvex(fg);
    dl->AddCircleFilled(ImVec2(c.x, c.y + 56), 11.0f, fg, 16);
    dl->AddCircleFilled(ImVec2(c.x, c.y - 38), 7.0f, fg, 12);
  }
  ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
  ui::title(ctx, ctx.t("help.title"), w, ui::Align::center);
  y = ImGui::GetCursorPosY() + 30.0f;
  ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
  ui::paragraph(ctx, ctx.t("help.body"), w, ui::Align::center);
  y = ImGui::GetCursorPosY() + 60.0f;
  const float bw = std::max(700.0f, ui::button_width(ctx, ctx.t("help.back")));
  ImGui::SetCursorPos(ImVec2((ctx.width - bw) / 2, y));
  if (ui::big_button(ctx, "help-back", ctx.t("help.back"), bw, true)) ctx.push(kiosk::intent::HelpBack{});
  ImGui::End();
}

}  // namespace app
