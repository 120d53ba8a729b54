// Printing the petition and the receipt; a printer problem is said plainly
// with a retry, and nothing typed is lost until the session ends.
#include <imgui.h>

#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_print(ScreenContext& ctx) {
  ui::begin_screen("print");
  parts::top_bar(ctx, ctx.t("print.title"));
  const float w = ctx.width - 2 * parts::kMargin;
  ImGui::SetCursorPos(ImVec2(parts::kMargin, parts::kTopBar + 40.0f));
  ui::title(ctx, ctx.t("print.ready"), w);
  ImGui::SetCursorPos(ImVec2(parts::kMargin, parts::kTopBar + 150.0f));
  ui::paragraph(ctx, ctx.t("print.what"), w);
  const float bw = 760.0f;
  ImGui::SetCursorPos(ImVec2((ctx.width - bw) / 2, parts::kTopBar + 330.0f));
  if (ui::big_button(ctx, "print", ctx.t("print.button"), bw, true))
    ctx.push(kiosk::intent::Printed{});
  parts::bottom_bar(ctx, {.back = true, .home = true});
  ui::end_screen();
}

}  // namespace app
