// The screen states that --screenshots renders, per language. Each is
// reached by feeding intents to core's reducer, as a person's taps would.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "flow/session.hpp"
#include "form/form.hpp"
#include "screens/screen.hpp"

namespace app {

struct ScreenshotState {
  std::string name;        // file name part: <name>.<lang>.png
  kiosk::Session session;  // the state drawn
  UiState ui;
};

std::vector<ScreenshotState> screenshot_states(const kiosk::Form& form, const std::string& lang,
                                               std::chrono::steady_clock::time_point now);

// Every name screenshot_states() produces, for tests.
const std::vector<std::string>& screenshot_names();

}  // namespace app
