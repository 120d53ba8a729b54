// Staff PIN pad, opened by the hidden corner gesture. Wrong PINs count
// towards a lockout (core's PinGate, through Services).
#include <imgui.h>

#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_staff_pin(ScreenContext& ctx) {
  ui::begin_screen("staff_pin");
  const float w = ctx.width - 2 * parts::kMargin;
  ImGui::SetCursorPos(ImVec2(parts::kMargin, 60.0f));
  ui::title(ctx, ctx.t("staff.pin.title"), w, ui::Align::center);
  std::string& pin = ctx.ui->pin;
  // The digits typed, as stars: drawn, not read aloud.
  const auto& stars = ui::layout_text(ctx, std::string(pin.size(), '*') + " ", {ui::Font::title, ui::Align::center, w});
  ui::draw_text(stars, ImVec2(ImGui::GetWindowPos().x + parts::kMargin, ImGui::GetWindowPos().y + 170.0f));
  const int locked = ctx.services ? ctx.services->pin_locked_seconds() : 0;
  ImGui::SetCursorPos(ImVec2(parts::kMargin, 260.0f));
  if (locked > 0)
    ui::warning(ctx, ctx.t("staff.pin.locked", {{"seconds", int64_t{locked}}}), w);
  else if (ctx.ui->pin_wrong)
    ui::warning(ctx, ctx.t("staff.pin.wrong"), w);
  const char* keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "C", "0", "OK"};
  const float kw = 200.0f, kh = 110.0f;
  const float x0 = (ctx.width - 3 * kw - 2 * 20.0f) / 2;
  for (int i = 0; i < 12; ++i) {
    ImGui::SetCursorPos(ImVec2(x0 + static_cast<float>(i % 3) * (kw + 20.0f),
                               340.0f + static_cast<float>(i / 3) * (kh + 20.0f)));
    const std::string k = keys[i];
    if (!ui::key_button(ctx, "pin-" + k, k, kw, kh, k == "OK") || locked > 0) continue;
    if (k == "C") {
      pin.clear();
    } else if (k == "OK") {
      const bool ok = ctx.services && ctx.services->check_pin(pin);
      ctx.ui->pin_wrong = !ok;
      pin.clear();
      if (ok) ctx.push(kiosk::intent::StaffUnlocked{});
    } else if (pin.size() < 12) {
      pin += k;
      ctx.ui->pin_wrong = false;
    }
  }
  parts::bottom_bar(ctx, {.back = true, .home = false, .access = true, .help = false});
  ui::end_screen();
}

}  // namespace app
