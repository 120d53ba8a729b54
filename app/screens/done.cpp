// Done: what to do now; the session wipes itself shortly after.
#include <imgui.h>

#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_done(ScreenContext& ctx) {
  ui::begin_screen("done");
  const float w = ctx.width - 2 * parts::kMargin;
  ImGui::SetCursorPos(ImVec2(parts::kMargin, ctx.height * 0.2f));
  ui::title(ctx, ctx.t("done.title"), w, ui::Align::center);
  ImGui::SetCursorPos(ImVec2(parts::kMargin, ctx.height * 0.2f + 130.0f));
  ui::paragraph(ctx, ctx.t("done.body"), w, ui::Align::center);
  ImGui::SetCursorPos(ImVec2(parts::kMargin, ctx.height * 0.2f + 330.0f));
  ui::paragraph(ctx, ctx.t("done.wipe"), w, ui::Align::center);
  const float bw = 640.0f;
  ImGui::SetCursorPos(ImVec2((ctx.width - bw) / 2, ctx.height * 0.2f + 460.0f));
  if (ui::big_button(ctx, "finish", ctx.t("done.finish"), bw, true)) ctx.push(kiosk::intent::Home{});
  ui::end_screen();
}

}  // namespace app
