// The done step of the session (filled in by the session issue).
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_done(ScreenContext& ctx) {
  ui::begin_screen("done");
  ui::title(ctx, ctx.t("app.name"));
  ui::paragraph(ctx, "done");
  ui::nav_bar(ctx, true, true);
  ui::end_screen();
}

}  // namespace app
