// The print step of the session (filled in by the session issue).
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_print(ScreenContext& ctx) {
  ui::begin_screen("print");
  ui::title(ctx, ctx.t("app.name"));
  ui::paragraph(ctx, "print");
  ui::nav_bar(ctx, true, true);
  ui::end_screen();
}

}  // namespace app
