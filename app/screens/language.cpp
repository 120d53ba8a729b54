// Language choice: one big button per language, each name in its own script.
#include <imgui.h>

#include <algorithm>

#include "locale/language.hpp"
#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_language(ScreenContext& ctx) {
  ui::begin_screen("language");
  const float w = 760.0f;
  const float x = (ctx.width - w) / 2;
  // A portrait screen has room to spare: the choice sits lower, the
  // buttons further apart for a finger.
  const bool roomy = parts::narrow(ctx);
  float y = roomy ? std::max(90.0f, ctx.height * 0.1f) : 90.0f;
  // The question in every offered language, so anyone can read it.
  for (const auto& code : ctx.config.kiosk.languages) {
    ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
    const ui::TextOpts opts{ui::Font::small, ui::Align::center, ctx.width - 2 * parts::kMargin, code};
    ui::text(ctx, ctx.tr.tr(code, "language.title"), opts);
    y += std::max(44.0f, ui::layout_text(ctx, ctx.tr.tr(code, "language.title"), opts).line_height);
  }
  y += 30.0f;
  for (const auto& code : ctx.config.kiosk.languages) {
    const auto* lang = kiosk::find_language(code);
    if (!lang) continue;
    ImGui::SetCursorPos(ImVec2(x, y));
    // While listening, the first touch says the language's name in its own
    // voice (core's language_speech) and marks it; a second touch chooses.
    const bool heard = ctx.session.heard_language == code;
    if (heard) {
      const ImVec2 p = ImGui::GetCursorScreenPos();
      ImGui::GetWindowDrawList()->AddRect(ImVec2(p.x - 10, p.y - 10), ImVec2(p.x + w + 10, p.y + parts::kButtonH + 10),
                                          ui::colour(ui::Colour::accent), 14.0f, 0, 6.0f);
    }
    if (ui::big_button_in(ctx, code, code, lang->native_name, w, ui::ButtonKind::primary))
      ctx.push(kiosk::intent::TouchLanguage{code});
    // Read aloud, the button reads its name only in the language being
    // read; the others are read as that language calls them (the voice may
    // not speak their script).
    if (code != ctx.lang()) ui::also_read(ctx, ctx.t("petition.language." + code));
    y += parts::kButtonH + (roomy ? 48.0f : 24.0f);
  }
  parts::bottom_bar(ctx, {.back = true, .home = false, .access = true});
  ui::end_screen();
}

}  // namespace app
