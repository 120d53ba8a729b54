// Review: every answer in order; tapping one opens that question, and Next
// on it comes back here.
#include <imgui.h>

#include <algorithm>

#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"
#include "view/review_view.hpp"

namespace app {

void draw_review(ScreenContext& ctx) {
  ui::begin_screen("review");
  parts::top_bar(ctx, ctx.t("review.title"));
  const float w = ctx.width - 2 * parts::kMargin;
  // The hint at the start side; "Repeat", "Next part" and the headphones
  // button at the end side: through a loudspeaker only the questions are
  // read, never the answers. The list is read in parts (core's words).
  const bool voice = ctx.ui && ctx.ui->speech_available;
  const std::string repeat = ctx.t("reading.repeat"), next = ctx.t("reading.next");
  const float rw = voice ? std::max(260.0f, ui::button_width(ctx, repeat)) : 0.0f;
  const float nw = voice ? std::max(300.0f, ui::button_width(ctx, next)) : 0.0f;
  const float phones_w = parts::headphones_width(ctx);
  const float hint_w = w - rw - nw - phones_w - 3 * parts::kGap;
  const auto xs = parts::row_positions(ctx, {hint_w, rw, nw, phones_w}, parts::kMargin, w);
  // Without a voice for the language the hint also says that nothing is read.
  const std::string hint = voice ? ctx.t("review.hint") : ctx.t("review.hint") + " " + ctx.t("access.no_voice");
  ImGui::SetCursorPos(ImVec2(xs[0], parts::kTopBar + 22.0f));
  ui::paragraph(ctx, hint, hint_w);
  if (voice) {
    ImGui::SetCursorPos(ImVec2(xs[1], parts::kTopBar + 6.0f));
    if (ui::big_button(ctx, "repeat", repeat, rw)) ctx.push(kiosk::intent::RepeatPart{});
    ImGui::SetCursorPos(ImVec2(xs[2], parts::kTopBar + 6.0f));
    if (ui::big_button(ctx, "next-part", next, nw)) ctx.push(kiosk::intent::NextPart{});
  }
  parts::headphones_button(ctx, xs[3], parts::kTopBar + 6.0f);
  // The rows of the part being read: line 0 of the reading is the hint.
  const bool say_answers = kiosk::answers_aloud(ctx.session, ctx.config);
  const auto rows = kiosk::review_view(ctx.session, ctx.form, ctx.tr, ctx.lang(), say_answers);
  const auto reading = kiosk::reading_parts({kiosk::review_reading(rows, ctx.tr, ctx.lang())}, ctx.lang());
  const kiosk::ReadingPart* part =
      ctx.session.reading_part < reading.size() ? &reading[ctx.session.reading_part] : nullptr;
  // Below the buttons, or below the hint where it wraps (large text).
  const float hint_h = ui::layout_text(ctx, hint, {ui::Font::body, ui::Align::start, hint_w}).height;
  const float top = std::max(parts::kTopBar + 116.0f, parts::kTopBar + 22.0f + hint_h + 12.0f);
  ImGui::SetCursorPos(ImVec2(parts::kMargin, top));
  ImGui::BeginChild("answers", ImVec2(w, ctx.height - top - parts::kBottomBar - 10.0f), false,
                    ImGuiWindowFlags_NoScrollbar);
  parts::drag_scroll();
  size_t line = 1;
  for (const auto& row : rows) {
    const ui::PersonalText personal;  // the row shows the person's answer
    const ImVec2 top_left = ImGui::GetCursorScreenPos();
    if (ui::list_row(ctx, "row-" + row.field, row.label, row.value, w - 8.0f, row.spoken))
      ctx.push(kiosk::intent::EditAnswer{row.field});
    if (part && line >= part->first && line < part->end) {  // being read: a bar at the start side
      const float bottom = ImGui::GetCursorScreenPos().y - 28.0f;
      const float bx = ui::rtl(ctx) ? top_left.x + w - 8.0f - 8.0f : top_left.x;
      ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(bx, top_left.y), ImVec2(bx + 8.0f, bottom),
                                                ui::colour(ui::Colour::accent), 4.0f);
    }
    ++line;
  }
  parts::scroll_fades();
  ImGui::EndChild();
  parts::bottom_bar(ctx, {.back = true, .home = true, .next = true,
                          .next_label = ctx.t("review.continue")});
  ui::end_screen();
}

}  // namespace app
