// Why the kiosk cannot start, drawn instead of the session (see startup.cpp).
#pragma once

#include <string>
#include <vector>

#include "locale/catalog.hpp"
#include "screens/screen.hpp"

namespace app {

struct StartupProblem {
  std::vector<std::string> reasons;  // "FILE:LINE: message", as check-config prints them
  std::string config_path;
  // The texts; nullptr when the locale files themselves do not load, and
  // then the two English fallbacks below are shown.
  const kiosk::Translations* tr = nullptr;
  std::string fallback = "This kiosk is not set up correctly. Ask staff.";
  std::string fallback_staff = "For staff: the kiosk cannot start because:";
};

// One full screen; ctx supplies the size and an (empty) session.
void draw_startup_problem(ScreenContext& ctx, const StartupProblem& problem);

}  // namespace app
