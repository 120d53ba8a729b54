// Staff screen: queue, sync, export, printer, reprint, exit.
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_staff(ScreenContext& ctx) {
  ui::begin_screen("staff");
  ui::title(ctx, "Staff");
  if (ui::big_button(ctx, "leave", "Leave staff mode", 400))
    ctx.intents.emplace_back(kiosk::intent::LeaveStaff{});
  ui::end_screen();
}

}  // namespace app
