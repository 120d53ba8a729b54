// The guidance step of the session (filled in by the session issue).
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_guidance(ScreenContext& ctx) {
  ui::begin_screen("guidance");
  ui::title(ctx, ctx.t("app.name"));
  ui::paragraph(ctx, "guidance");
  ui::nav_bar(ctx, true, true);
  ui::end_screen();
}

}  // namespace app
