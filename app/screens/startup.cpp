// The screen a kiosk shows when it cannot start: its site config is wrong,
// or its content or texts do not load. A person reads, in each language,
// that the kiosk is not set up and to ask staff; staff read why (the same
// FILE:LINE lines as check-config and the journal) and how to fix it.
#include "screens/startup.hpp"

#include <imgui.h>

#include <algorithm>
#include <utility>
#include <vector>

#include "locale/language.hpp"
#include "screens/parts.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_startup_problem(ScreenContext& ctx, const StartupProblem& problem) {
  ui::begin_screen("startup-problem");
  const float w = ctx.width - 2 * parts::kMargin;
  float y = parts::kMargin;
  auto put = [&](const std::string& text, const ui::TextOpts& opts, float gap) {
    ImGui::SetCursorPos(ImVec2(parts::kMargin, y + gap));
    ui::text(ctx, text, opts);
    y = ImGui::GetCursorPosY();
  };
  auto height = [&](const std::string& text, const ui::TextOpts& opts) {
    return ui::layout_text(ctx, text, opts).height;
  };

  // For the person: one line in each language, in its own script and direction.
  for (const auto& lang : kiosk::languages())
    put(problem.tr ? problem.tr->tr(lang.code, "error.config") : problem.fallback,
        {ui::Font::heading, ui::Align::center, w, lang.code, 0}, 6.0f);

  // For staff: why, and what to do, in Russian and English (the reasons
  // themselves are the checker's English sentences).
  y += 20.0f;
  ImGui::GetWindowDrawList()->AddLine(ImVec2(parts::kMargin, y), ImVec2(parts::kMargin + w, y),
                                      ui::colour(ui::Colour::muted), 2.0f);
  y += 12.0f;
  std::vector<std::pair<std::string, const char*>> fixes;
  const std::string command = "asylum-kioskctl check-config " + problem.config_path;
  std::string head = problem.fallback_staff;
  if (problem.tr) {
    head = problem.tr->tr("ru", "startup.staff") + "  /  " + problem.tr->tr("en", "startup.staff");
    for (const char* code : {"ru", "en"})
      fixes.emplace_back(problem.tr->tr(code, "startup.fix", {{"command", command}}), code);
  }
  put(head, {ui::Font::body, ui::Align::start, w, "ru", 0}, 4.0f);

  // The fix goes at the bottom; the reasons fill what is left above it.
  const ui::TextOpts fix_opts{ui::Font::small, ui::Align::start, w, {}, ui::colour(ui::Colour::muted)};
  float fix_height = 0;
  for (const auto& [text, code] : fixes) {
    ui::TextOpts o = fix_opts;
    o.lang = code;
    fix_height += height(text, o) + 4.0f;
  }
  const float reasons_end = ctx.height - parts::kMargin - fix_height - 16.0f;
  const ui::TextOpts reason_opts{ui::Font::small, ui::Align::start, w, "en", 0};
  const ui::TextOpts more_opts{ui::Font::small, ui::Align::start, w, "en", ui::colour(ui::Colour::muted)};
  const float more_height = height("(+0)", more_opts);
  for (size_t i = 0; i < problem.reasons.size(); ++i) {
    const bool last = i + 1 == problem.reasons.size();
    const float need = height(problem.reasons[i], reason_opts) + 4.0f + (last ? 0 : more_height);
    if (y + need > reasons_end) {  // no room: say how many more
      put("(+" + std::to_string(problem.reasons.size() - i) + ")", more_opts, 4.0f);
      break;
    }
    put(problem.reasons[i], reason_opts, 4.0f);
  }
  y = std::max(y + 16.0f, reasons_end);
  for (const auto& [text, code] : fixes) {
    ui::TextOpts o = fix_opts;
    o.lang = code;
    put(text, o, 4.0f);
  }
  ui::end_screen();
}

}  // namespace app
