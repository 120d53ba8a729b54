// The consent step of the session (filled in by the session issue).
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_consent(ScreenContext& ctx) {
  ui::begin_screen("consent");
  ui::title(ctx, ctx.t("app.name"));
  ui::paragraph(ctx, "consent");
  ui::nav_bar(ctx, true, true);
  ui::end_screen();
}

}  // namespace app
