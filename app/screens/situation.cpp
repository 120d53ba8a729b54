// The situation step of the session (filled in by the session issue).
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_situation(ScreenContext& ctx) {
  ui::begin_screen("situation");
  ui::title(ctx, ctx.t("app.name"));
  ui::paragraph(ctx, "situation");
  ui::nav_bar(ctx, true, true);
  ui::end_screen();
}

}  // namespace app
