// Situation: where the person is, whether they came through a checkpoint,
// and when they arrived. Three short pages; the answers decide the deadline.
#include <imgui.h>

#include <algorithm>

#include "base/date.hpp"
#include "form/form.hpp"
#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_situation(ScreenContext& ctx) {
  ui::begin_screen("situation");
  const auto& s = ctx.session;
  parts::top_bar(ctx, ctx.t("app.name"));
  const float w = ctx.width - 2 * parts::kMargin;
  const bool large = ui::look().large_text;
  float y = parts::top_bar_height(ctx) + (large ? 20.0f : 40.0f);
  // Large text: titles a size smaller, so that the date picker fits.
  // Returns the title's height (without ImGui's item spacing).
  auto title = [&](const std::string& text) {
    const ui::TextOpts opts{large ? ui::Font::heading : ui::Font::title, ui::Align::start, w};
    ui::text(ctx, text, opts);
    return ui::layout_text(ctx, text, opts).height;
  };
  auto choices = [&](const std::vector<std::pair<std::string, std::string>>& items,
                     const std::string& chosen, auto make) {
    for (const auto& [value, key] : items) {
      ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
      if (ui::choice_button(ctx, value, ctx.t(key), w, chosen == value, false)) ctx.push(make(value));
      y += ui::choice_height(ctx, ctx.t(key), w) + parts::kGap;
    }
  };
  if (s.situation_page == 0) {
    ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
    const float title_h = title(ctx.t("situation.where.title"));
    y += parts::narrow(ctx) ? std::max(130.0f, title_h + 24.0f) : 130.0f;  // narrow: a title may wrap
    choices({{"land_border", "situation.where.land_border"},
             {"airport", "situation.where.airport"},
             {"airport_transit", "situation.where.airport_transit"},
             {"inside", "situation.where.inside"}},
            kiosk::to_string(s.situation.where),
            [](const std::string& v) { return kiosk::intent::SetWhere{kiosk::where_from(v)}; });
  } else if (s.situation_page == 1) {
    ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
    const float title_h = title(ctx.t("situation.entry.title"));
    y += parts::narrow(ctx) ? std::max(130.0f, title_h + 24.0f) : 130.0f;  // narrow: a title may wrap
    choices({{"checkpoint", "situation.entry.checkpoint"},
             {"not_checkpoint", "situation.entry.no_checkpoint"},
             {"unsure", "situation.entry.unsure_choice"}},
            kiosk::to_string(s.situation.entry),
            [](const std::string& v) { return kiosk::intent::SetEntry{kiosk::entry_from(v)}; });
    ImGui::SetCursorPos(ImVec2(parts::kMargin, y + 10.0f));
    ui::paragraph(ctx, ctx.t("situation.entry.unsure_hint"), w);
  } else {
    ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
    y += title(ctx.t("situation.date.title")) + 8.0f;
    // In large text the choice's own label says it; the longer hint would
    // push the picker under the navigation.
    if (!large) {
      ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
      ui::paragraph(ctx, ctx.t("situation.date.realised"), w);
      y += ui::layout_text(ctx, ctx.t("situation.date.realised"), {ui::Font::body, ui::Align::start, w}).height + 8.0f;
    }
    // "This is the day I learned I cannot go back": a choice of its own, so
    // that day never stands on the petition as the date of entry.
    ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
    if (ui::choice_button(ctx, "realised", ctx.t("situation.date.realised_choice"), w,
                          s.situation.realised, true))
      ctx.push(kiosk::intent::SetRealised{!s.situation.realised});
    y += ui::choice_height(ctx, ctx.t("situation.date.realised_choice"), w) + 16.0f;
    // Today and yesterday are one tap; any other day on the picker below.
    const auto today = ctx.today;
    const auto yesterday = kiosk::add_days(today, -1);
    const float bw = (w - parts::kGap) / 2;
    const auto xs = parts::row_positions(ctx, {bw, bw}, parts::kMargin, w);
    ImGui::SetCursorPos(ImVec2(xs[0], y));
    if (ui::big_button(ctx, "today", ctx.t("situation.date.today"), bw))
      ctx.push(kiosk::intent::SetArrival{kiosk::to_iso(today), s.situation.realised});
    ImGui::SetCursorPos(ImVec2(xs[1], y));
    if (ui::big_button(ctx, "yesterday", ctx.t("situation.date.yesterday"), bw))
      ctx.push(kiosk::intent::SetArrival{kiosk::to_iso(yesterday), s.situation.realised});
    y += parts::kButtonH + (large ? 4.0f : 20.0f);
    if (!large) {
      ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
      ui::caption(ctx, ctx.t("situation.date.pick"), w);
      y += 50.0f;
    }
    // The picker writes a draft; Next confirms it (today when untouched).
    parts::date_picker(ctx, s.draft.empty() ? s.situation.arrival : s.draft,
                       kiosk::to_iso(today), y);
    parts::problem_line(ctx, ctx.height - parts::bottom_bar_height(ctx) - 64.0f);
  }
  // (The date page's words for the chosen day sit where "I need help"
  // would be: it is on the two other pages.)
  parts::bottom_bar(ctx, {.back = true, .home = true,
                          .next = s.situation_page == 2 ||
                                  (s.situation_page == 0 ? s.situation.where != kiosk::Where::none
                                                         : s.situation.entry != kiosk::Entry::none),
                          .help = s.situation_page != 2});
  ui::end_screen();
}

}  // namespace app
