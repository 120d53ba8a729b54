// The review step of the session (filled in by the session issue).
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_review(ScreenContext& ctx) {
  ui::begin_screen("review");
  ui::title(ctx, ctx.t("app.name"));
  ui::paragraph(ctx, "review");
  ui::nav_bar(ctx, true, true);
  ui::end_screen();
}

}  // namespace app
