// Printing the petition and the receipt. A printer problem is said plainly,
// with a retry and the way to staff; nothing typed is lost until the
// session ends.
#include <imgui.h>

#include <utility>

#include "finish/finish.hpp"
#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_print(ScreenContext& ctx) {
  ui::begin_screen("print");
  parts::top_bar(ctx, ctx.t("print.title"));
  const float w = ctx.width - 2 * parts::kMargin;
  const PrintState st = ctx.services ? ctx.services->print_state() : PrintState{};
  float y = parts::top_bar_height(ctx) + 40.0f;
  auto line = [&](const std::string& text, bool warn = false) {
    ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
    if (warn) ui::warning(ctx, text, w);
    else ui::paragraph(ctx, text, w);
    y = ImGui::GetCursorPosY() + 20.0f;
  };
  const float bw = 700.0f;
  auto button = [&](const std::string& id, const std::string& label, bool primary) {
    ImGui::SetCursorPos(ImVec2((ctx.width - bw) / 2, y + 10.0f));
    const bool hit = ui::big_button(ctx, id, label, bw, primary);
    y += parts::kButtonH + 30.0f;
    return hit;
  };
  const std::string petition_language = ctx.config.site.petition_language == "kk"
                                            ? ctx.t("language.name.kk")
                                            : ctx.t("language.name.ru");
  // The sealed copy could not be stored: say what became of it in core's
  // words (held in memory, or not kept), but printing goes on (the person
  // needs the papers either way) and staff see the reason.
  if (ctx.ui) {
    bool first = true;
    for (const auto& l : kiosk::record_lines(ctx.tr, ctx.lang(), ctx.ui->record)) line(l, std::exchange(first, false));
  }
  switch (st.phase) {
    case PrintPhase::idle:
      line(ctx.t("print.explain", {{"language", petition_language}}));
      if (button("print", ctx.t("print.start"), true)) ctx.push(kiosk::intent::Print{});
      break;
    case PrintPhase::working:
      line(ctx.t("print.printing"));
      break;
    case PrintPhase::printed:
      line(ctx.t("print.done"));
      if (button("next", ctx.t("nav.next"), true)) ctx.push(kiosk::intent::Printed{});
      break;
    case PrintPhase::failed:
      line(ctx.t(st.user_key.empty() ? "error.generic" : st.user_key), true);
      line(ctx.t("print.ask_staff"));
      if (button("retry", ctx.t("print.retry"), true)) ctx.push(kiosk::intent::Print{});
      if (button("save", ctx.t("print.save_for_staff"), false)) ctx.push(kiosk::intent::SaveForStaff{});
      break;
    case PrintPhase::no_printer:
      line(ctx.t("print.no_printer"));
      if (button("save", ctx.t("print.save_for_staff"), true)) ctx.push(kiosk::intent::SaveForStaff{});
      break;
    case PrintPhase::saved:
      line(ctx.t("print.saved"));
      if (button("next", ctx.t("nav.next"), true)) ctx.push(kiosk::intent::Printed{});
      break;
  }
  parts::bottom_bar(ctx, {.back = st.phase == PrintPhase::idle, .home = true});
  ui::end_screen();
}

}  // namespace app
