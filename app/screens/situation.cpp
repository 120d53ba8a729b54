// Situation: where the person is, whether they came through a checkpoint,
// and when they arrived. Three short pages; the answers decide the deadline.
#include <imgui.h>

#include "base/today.hpp"
#include "form/form.hpp"
#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_situation(ScreenContext& ctx) {
  ui::begin_screen("situation");
  const auto& s = ctx.session;
  parts::top_bar(ctx, ctx.t("situation.title"));
  const float w = ctx.width - 2 * parts::kMargin;
  float y = parts::kTopBar + 40.0f;
  auto choices = [&](const std::vector<std::pair<std::string, std::string>>& items,
                     const std::string& chosen, auto make) {
    for (const auto& [value, key] : items) {
      ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
      if (ui::choice_button(ctx, value, ctx.t(key), w, chosen == value, false)) ctx.push(make(value));
      y += parts::kButtonH + parts::kGap;
    }
  };
  if (s.situation_page == 0) {
    ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
    ui::title(ctx, ctx.t("situation.where.question"), w);
    y += 130.0f;
    choices({{"border", "situation.where.border"},
             {"airport", "situation.where.airport"},
             {"inside", "situation.where.inside"}},
            s.situation.where, [](const std::string& v) { return kiosk::intent::SetWhere{v}; });
  } else if (s.situation_page == 1) {
    ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
    ui::title(ctx, ctx.t("situation.entry.question"), w);
    y += 130.0f;
    choices({{"checkpoint", "situation.entry.checkpoint"},
             {"not_checkpoint", "situation.entry.not_checkpoint"}},
            s.situation.entry, [](const std::string& v) { return kiosk::intent::SetEntry{v}; });
    ImGui::SetCursorPos(ImVec2(parts::kMargin, y + 10.0f));
    ui::paragraph(ctx, ctx.t("situation.entry.safe"), w);
  } else {
    ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
    ui::title(ctx, ctx.t("situation.arrival.question"), w);
    y += 130.0f;
    // The picker writes a draft; Next confirms it (today when untouched).
    parts::date_picker(ctx, s.draft.empty() ? s.situation.arrival : s.draft,
                       kiosk::to_iso(kiosk::local_today()), y);
    parts::problem_line(ctx, y + 480.0f);
  }
  parts::bottom_bar(ctx, {.back = true, .home = true,
                          .next = s.situation_page == 2 ||
                                  (s.situation_page == 0 ? !s.situation.where.empty()
                                                         : !s.situation.entry.empty())});
  ui::end_screen();
}

}  // namespace app
