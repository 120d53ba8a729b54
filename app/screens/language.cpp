// Language choice: one big button per language, each name in its own script.
#include <imgui.h>

#include "locale/language.hpp"
#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_language(ScreenContext& ctx) {
  ui::begin_screen("language");
  const float w = 760.0f;
  const float x = (ctx.width - w) / 2;
  float y = 90.0f;
  // The question in every offered language, so anyone can read it.
  for (const auto& code : ctx.config.kiosk.languages) {
    ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
    ui::text(ctx, ctx.tr.tr(code, "language.title"),
             {ui::Font::small, ui::Align::center, ctx.width - 2 * parts::kMargin, code});
    y += 44.0f;
  }
  y += 30.0f;
  for (const auto& code : ctx.config.kiosk.languages) {
    const auto* lang = kiosk::find_language(code);
    if (!lang) continue;
    ImGui::SetCursorPos(ImVec2(x, y));
    if (ui::big_button_in(ctx, code, code, lang->native_name, w, ui::ButtonKind::primary))
      ctx.push(kiosk::intent::ChooseLanguage{code});
    y += parts::kButtonH + 24.0f;
  }
  parts::bottom_bar(ctx, {.back = true, .home = false});
  ui::end_screen();
}

}  // namespace app
