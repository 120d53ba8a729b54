#include "screenshots.hpp"

namespace app {

std::vector<ScreenshotState> screenshot_states(const kiosk::Config&, const std::string& lang) {
  using kiosk::Step;
  std::vector<ScreenshotState> out;
  for (Step s : {Step::attract, Step::language, Step::situation, Step::guidance, Step::question,
                 Step::review, Step::consent, Step::print, Step::done, Step::staff_pin,
                 Step::staff}) {
    kiosk::Session session;
    session.step = s;
    session.lang = (s == Step::attract) ? std::string() : lang;
    if (s == Step::attract) session.lang = lang;  // attract shows every language anyway
    out.push_back({kiosk::to_string(s), session});
  }
  return out;
}

}  // namespace app
