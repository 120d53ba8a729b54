// Staff PIN pad, opened by the hidden corner gesture.
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_staff_pin(ScreenContext& ctx) {
  ui::begin_screen("staff_pin");
  ui::title(ctx, "Staff");
  ui::nav_bar(ctx, false, false);
  ui::end_screen();
}

}  // namespace app
