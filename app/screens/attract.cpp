// Attract screen: "Touch to start" in every language the site offers.
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_attract(ScreenContext& ctx) {
  ui::begin_screen("attract");
  for (const auto& code : ctx.config.kiosk.languages) {
    ui::paragraph(ctx, ctx.tr.tr(code, "attract.touch"));
  }
  if (ui::big_button(ctx, "start", ctx.t("attract.touch"), ctx.width - 40))
    ctx.intents.emplace_back(kiosk::intent::Start{});
  ui::end_screen();
}

}  // namespace app
