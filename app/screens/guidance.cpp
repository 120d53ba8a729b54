// Guidance: the deadline first, then where to apply (this kiosk's office
// first), what happens next, rights, free help, and the Ukraine and
// stateless paths, in one list the person scrolls with a finger.
#include <imgui.h>

#include "content/guidance.hpp"
#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_guidance(ScreenContext& ctx) {
  ui::begin_screen("guidance");
  parts::top_bar(ctx, ctx.t("guidance.title"));
  const float w = ctx.width - 2 * parts::kMargin;
  const float top = parts::kTopBar + 10.0f;
  ImGui::SetCursorPos(ImVec2(parts::kMargin, top));
  ImGui::BeginChild("guidance-list", ImVec2(w, ctx.height - top - parts::kBottomBar - 10.0f), false,
                    ImGuiWindowFlags_NoScrollbar);
  parts::drag_scroll();
  const std::vector<kiosk::TextSection> none;
  for (const auto& section : ctx.services ? ctx.services->guidance() : none) {
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
