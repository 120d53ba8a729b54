// Review: every answer in order; tapping one opens that question, and Next
// on it comes back here.
#include <imgui.h>

#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"
#include "view/review_view.hpp"

namespace app {

void draw_review(ScreenContext& ctx) {
  ui::begin_screen("review");
  parts::top_bar(ctx, ctx.t("review.title"));
  const float w = ctx.width - 2 * parts::kMargin;
  // The hint at the start side, the headphones button at the end side:
  // through a loudspeaker only the questions are read, never the answers.
  const float phones_w = parts::headphones_width(ctx);
  const auto xs = parts::row_positions(ctx, {w - phones_w - parts::kGap, phones_w}, parts::kMargin, w);
  ImGui::SetCursorPos(ImVec2(xs[0], parts::kTopBar + 22.0f));
  ui::paragraph(ctx, ctx.t("review.hint"), w - phones_w - parts::kGap);
  parts::headphones_button(ctx, xs[1], parts::kTopBar + 6.0f);
  const float top = parts::kTopBar + 116.0f;
  ImGui::SetCursorPos(ImVec2(parts::kMargin, top));
  ImGui::BeginChild("answers", ImVec2(w, ctx.height - top - parts::kBottomBar - 10.0f), false,
                    ImGuiWindowFlags_NoScrollbar);
  parts::drag_scroll();
  const bool say_answers = kiosk::answers_aloud(ctx.session, ctx.config);
  for (const auto& row : kiosk::review_view(ctx.session, ctx.form, ctx.tr, ctx.lang(), say_answers)) {
    const ui::PersonalText personal;  // the row shows the person's answer
    if (ui::list_row(ctx, "row-" + row.field, row.label, row.value, w - 8.0f, row.spoken))
      ctx.push(kiosk::intent::EditAnswer{row.field});
  }
  parts::scroll_fades();
  ImGui::EndChild();
  parts::bottom_bar(ctx, {.back = true, .home = true, .next = true,
                          .next_label = ctx.t("review.continue")});
  ui::end_screen();
}

}  // namespace app
