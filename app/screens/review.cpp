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
  // Without a voice for the language the hint also says that nothing is read.
  const std::string hint = voice ? ctx.t("review.hint") : ctx.t("review.hint") + " " + ctx.t("access.no_voice");
  // A narrow layout: the hint across the screen, the buttons below it.
  const bool stacked = parts::narrow(ctx);
  const float bar = parts::top_bar_height(ctx);
  float rw = voice ? std::max(260.0f, ui::button_width(ctx, repeat)) : 0.0f;
  float nw = voice ? std::max(300.0f, ui::button_width(ctx, next)) : 0.0f;
  float phones_w = parts::headphones_width(ctx);
  if (stacked && rw + nw + phones_w + 2 * parts::kGap > w && voice) {  // each as wide as its words
    rw = ui::button_width(ctx, repeat);
    nw = ui::button_width(ctx, next);
    phones_w = std::max(ui::button_width(ctx, ctx.t("access.headphones")), 2 * parts::kButtonH);
  }
  const float hint_w = stacked ? w : w - rw - nw - phones_w - 3 * parts::kGap;
  const float hint_h = ui::layout_text(ctx, hint, {ui::Font::body, ui::Align::start, hint_w}).height;
  const float buttons_y = stacked ? bar + 22.0f + hint_h + 16.0f : bar + 6.0f;
  // (and the headphones in a row of their own if the three do not fit)
  const bool phones_below = stacked && voice && rw + nw + phones_w + 2 * parts::kGap > w;
  auto xs = stacked ? parts::row_positions(ctx, {rw, nw, phones_w}, parts::kMargin, w)
                    : parts::row_positions(ctx, {hint_w, rw, nw, phones_w}, parts::kMargin, w);
  if (phones_below) xs[2] = parts::row_positions(ctx, {phones_w}, parts::kMargin, w)[0];
  const float phones_y = phones_below ? buttons_y + parts::kButtonH + parts::kGap : buttons_y;
  const size_t b0 = stacked ? 0 : 1;
  ImGui::SetCursorPos(ImVec2(stacked ? parts::kMargin : xs[0], bar + 22.0f));
  ui::paragraph(ctx, hint, hint_w);
  if (voice) {
    ImGui::SetCursorPos(ImVec2(xs[b0], buttons_y));
    if (ui::big_button(ctx, "repeat", repeat, rw)) ctx.push(kiosk::intent::RepeatPart{});
    ImGui::SetCursorPos(ImVec2(xs[b0 + 1], buttons_y));
    if (ui::big_button(ctx, "next-part", next, nw)) ctx.push(kiosk::intent::NextPart{});
  }
  parts::headphones_button(ctx, xs[b0 + 2], phones_y, phones_w);
  // The rows of the part being read: line 0 of the reading is the hint.
  const bool say_answers = kiosk::answers_aloud(ctx.session, ctx.config);
  const auto rows = kiosk::review_view(ctx.session, ctx.form, ctx.tr, ctx.lang(), say_answers);
  const auto reading = kiosk::reading_parts({kiosk::review_reading(rows, ctx.tr, ctx.lang())}, ctx.lang());
  const kiosk::ReadingPart* part =
      ctx.session.reading_part < reading.size() ? &reading[ctx.session.reading_part] : nullptr;
  // Below the buttons, or below the hint where it wraps (large text).
  const float top = stacked ? phones_y + (voice ? parts::kButtonH + 20.0f : 0.0f)
                            : std::max(bar + 116.0f, bar + 22.0f + hint_h + 12.0f);
  ImGui::SetCursorPos(ImVec2(parts::kMargin, top));
  ImGui::BeginChild("answers", ImVec2(w, ctx.height - top - parts::bottom_bar_height(ctx) - 10.0f), false,
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
