// Guidance: the deadline first, then where to apply (this kiosk's office
// first), what happens next, rights, free help, and the Ukraine and
// stateless paths, in one list the person scrolls with a finger.
#include <imgui.h>

#include "base/today.hpp"
#include "content/guidance.hpp"
#include "finish/finish.hpp"
#include "locale/language.hpp"
#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

namespace {

// The texts depend only on the language and the situation, so they are made
// once per change, not every frame.
const std::vector<kiosk::TextSection>& sections_for(ScreenContext& ctx) {
  static std::string key;
  static std::vector<kiosk::TextSection> cached;
  const auto& s = ctx.session.situation;
  const auto today = kiosk::local_today();
  const std::string now_key = ctx.lang() + "|" + s.where + "|" + s.entry + "|" + s.arrival + "|" +
                              kiosk::to_iso(today);
  if (now_key == key) return cached;
  key = now_key;
  cached.clear();
  const kiosk::Language* lang = kiosk::find_language(ctx.lang());
  if (!lang || !ctx.services) return cached;
  const kiosk::Texts texts(ctx.tr, *lang);
  const auto& content = ctx.services->content();
  if (const auto deadline = kiosk::session_deadline(content, s, today)) {
    const auto kz = kiosk::local_time_kz(std::chrono::system_clock::now());
    cached.push_back({"deadline", texts("deadline.title"),
                      kiosk::describe_deadline(*deadline, kz.date, kiosk::hours_left_in_day(kz), texts)});
  }
  for (auto& section : kiosk::guidance_sections(content, texts, {ctx.config.site.office, s.where}))
    cached.push_back(std::move(section));
  return cached;
}

}  // namespace

void draw_guidance(ScreenContext& ctx) {
  ui::begin_screen("guidance");
  parts::top_bar(ctx, ctx.t("guidance.title"));
  const float w = ctx.width - 2 * parts::kMargin;
  const float top = parts::kTopBar + 10.0f;
  ImGui::SetCursorPos(ImVec2(parts::kMargin, top));
  ImGui::BeginChild("guidance-list", ImVec2(w, ctx.height - top - parts::kBottomBar - 10.0f), false,
                    ImGuiWindowFlags_NoScrollbar);
  parts::drag_scroll();
  for (const auto& section : sections_for(ctx)) {
    ui::heading(ctx, section.title, w - 16.0f);
    for (size_t i = 0; i < section.lines.size(); ++i) {
      const std::string& line = section.lines[i];
      if (line.empty()) continue;
      // Drawn as written, read aloud in its spoken form (core TextSection).
      ui::text(ctx, line, {ui::Font::body, ui::Align::start, w - 16.0f, {}, 0, section.spoken_line(i)});
      ImGui::Dummy(ImVec2(1, 6));
    }
    ImGui::Dummy(ImVec2(1, 30));
  }
  parts::scroll_fades();
  ImGui::EndChild();
  parts::bottom_bar(ctx, {.back = true, .home = true, .next = true,
                          .next_label = ctx.t("guidance.prepare")});
  ui::end_screen();
}

}  // namespace app
