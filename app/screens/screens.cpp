// The one place that maps each step of the session to the file drawing it.
#include "screens/screen.hpp"

namespace app {

void draw_attract(ScreenContext&);
void draw_language(ScreenContext&);
void draw_situation(ScreenContext&);
void draw_guidance(ScreenContext&);
void draw_question(ScreenContext&);
void draw_review(ScreenContext&);
void draw_consent(ScreenContext&);
void draw_print(ScreenContext&);
void draw_done(ScreenContext&);
void draw_staff_pin(ScreenContext&);
void draw_staff(ScreenContext&);

DrawScreen screen_for(kiosk::Step step) {
  switch (step) {
    case kiosk::Step::attract: return draw_attract;
    case kiosk::Step::language: return draw_language;
    case kiosk::Step::situation: return draw_situation;
    case kiosk::Step::guidance: return draw_guidance;
    case kiosk::Step::question: return draw_question;
    case kiosk::Step::review: return draw_review;
    case kiosk::Step::consent: return draw_consent;
    case kiosk::Step::print: return draw_print;
    case kiosk::Step::done: return draw_done;
    case kiosk::Step::staff_pin: return draw_staff_pin;
    case kiosk::Step::staff: return draw_staff;
  }
  return draw_attract;
}

}  // namespace app
