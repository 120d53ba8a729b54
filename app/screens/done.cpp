// Done: what to do now, or, after "I do not agree", that nothing was kept.
// The session wipes itself shortly after.
#include <imgui.h>

#include <algorithm>

#include "finish/finish.hpp"
#include "locale/language.hpp"
#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_done(ScreenContext& ctx) {
  ui::begin_screen("done");
  const float w = ctx.width - 2 * parts::kMargin;
  float y = ctx.height * 0.12f;
  auto line = [&](const std::string& text, bool big = false) {
    ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
    if (big) ui::title(ctx, text, w, ui::Align::center);
    else ui::paragraph(ctx, text, w, ui::Align::center);
    y = ImGui::GetCursorPosY() + 22.0f;
  };
  line(ctx.t("done.title"), true);
  if (ctx.services) {
    // What to do now (or that nothing was kept) comes from core.
    for (const auto& l : kiosk::done_lines(ctx.services->content(), ctx.config, ctx.tr,
                                           ctx.session, ctx.today,
                                           ctx.ui ? ctx.ui->record : kiosk::outbox::RecordFate::stored))
      line(l);
  } else {
    if (ctx.session.declined) line(ctx.t("consent.declined"));
    line(ctx.t("done.wiped"));
    line(ctx.t("done.goodbye"));
  }
  const float bw = 640.0f;
  ImGui::SetCursorPos(ImVec2((ctx.width - bw) / 2, y + 20.0f));
  if (ui::big_button(ctx, "finish", ctx.t("nav.finish"), bw, true)) ctx.push(kiosk::intent::Home{});
  // "I need help" at the start side of the bottom, clear of the
  // accessibility buttons in the middle.
  {
    const float hw = std::max(300.0f, ui::button_width(ctx, ctx.t("nav.help")));
    // (a narrow layout has no room beside them: centred above them)
    if (parts::narrow(ctx))
      ImGui::SetCursorPos(ImVec2((ctx.width - hw) / 2, ctx.height - 90.0f - 56.0f - parts::kGap - parts::kButtonH));
    else
      ImGui::SetCursorPos(ImVec2(ui::rtl(ctx) ? ctx.width - parts::kMargin - hw : parts::kMargin,
                                 ctx.height - parts::kBottomBar + 22.0f));
    parts::help_button(ctx, hw);
  }
  parts::access_buttons_bottom(ctx);
  ui::end_screen();
}

}  // namespace app
