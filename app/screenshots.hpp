// The list of screen states that --screenshots renders, per language.
#pragma once

#include <string>
#include <vector>

#include "config/config.hpp"
#include "flow/session.hpp"

namespace app {

struct ScreenshotState {
  std::string name;        // file name part: <name>.<lang>.png
  kiosk::Session session;  // the state drawn
};

std::vector<ScreenshotState> screenshot_states(const kiosk::Config& config, const std::string& lang);

}  // namespace app
