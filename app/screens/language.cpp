// Language choice: one big button per language, each name in its own script.
#include <imgui.h>

#include <algorithm>
#include <vector>

#include "locale/language.hpp"
#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_language(ScreenContext& ctx) {
  ui::begin_screen("language");
  const float w = 760.0f;
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
  // One column of buttons while they fit above the bottom bar; else two
  // (six languages, or large text), filled row by row from the start side.
  const auto& codes = ctx.config.kiosk.languages;
  const float room = ctx.height - parts::bottom_bar_height(ctx) - 10.0f - y;
  const float row_gap = roomy ? 48.0f : 24.0f;
  float row_h = parts::kButtonH + row_gap;
  for (const auto& code : codes)
    if (const auto* l = kiosk::find_language(code))
      row_h = std::max(row_h, ui::button_height(ctx, l->native_name, w) + row_gap);
  const int cols = static_cast<float>(codes.size()) * row_h <= room ? 1 : 2;
  const float col_gap = 40.0f;
  const float bw = cols == 1 ? w : std::min(w, (ctx.width - 2 * parts::kMargin - col_gap) / 2);
  const float left = (ctx.width - (cols * bw + (cols - 1) * col_gap)) / 2;
  const std::vector<float> widths(static_cast<size_t>(cols), bw);
  const auto xs = parts::row_positions(ctx, widths, left, cols * bw + (cols - 1) * col_gap, col_gap);
  int i = 0;
  for (const auto& code : codes) {
    const auto* lang = kiosk::find_language(code);
    if (!lang) continue;
    const float bx = xs[static_cast<size_t>(i % cols)];
    const float by = y + static_cast<float>(i / cols) * row_h;
    ++i;
    ImGui::SetCursorPos(ImVec2(bx, by));
    // While listening, the first touch says the language's name in its own
    // voice (core's language_speech) and marks it; a second touch chooses.
    const bool heard = ctx.session.heard_language == code;
    if (heard) {
      const ImVec2 p = ImGui::GetCursorScreenPos();
      ImGui::GetWindowDrawList()->AddRect(ImVec2(p.x - 10, p.y - 10), ImVec2(p.x + bw + 10, p.y + parts::kButtonH + 10),
                                          ui::colour(ui::Colour::accent), 14.0f, 0, 6.0f);
    }
    if (ui::big_button_in(ctx, code, code, lang->native_name, bw, ui::ButtonKind::primary))
      ctx.push(kiosk::intent::TouchLanguage{code});
    // Read aloud, the button reads its name only in the language being
    // read; the others are read as that language calls them (the voice may
    // not speak their script).
    if (code != ctx.lang()) ui::also_read(ctx, ctx.t("petition.language." + code));
  }
  parts::bottom_bar(ctx, {.back = true, .home = false, .access = true});
  ui::end_screen();
}

}  // namespace app
