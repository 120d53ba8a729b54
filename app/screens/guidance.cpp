// Guidance: the deadline, the office for this kiosk first, what happens
// next, rights and free help. The content comes from assets/content.
#include <imgui.h>

#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_guidance(ScreenContext& ctx) {
  ui::begin_screen("guidance");
  parts::top_bar(ctx, ctx.t("guidance.title"));
  const float w = ctx.width - 2 * parts::kMargin;
  ImGui::SetCursorPos(ImVec2(parts::kMargin, parts::kTopBar + 30.0f));
  ui::paragraph(ctx, ui::date_words(ctx, ctx.session.situation.arrival), w);
  parts::bottom_bar(ctx, {.back = true, .home = true, .next = true,
                          .next_label = ctx.t("guidance.prepare")});
  ui::end_screen();
}

}  // namespace app
