// What every screen gets and gives. A screen draws the Session it is handed
// and pushes Intents for what the person asked; it never changes state.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "flow/session.hpp"
#include "form/form.hpp"
#include "locale/catalog.hpp"

namespace app {

struct ScreenContext {
  const kiosk::Session& session;
  const kiosk::Translations& tr;
  const kiosk::Config& config;
  const kiosk::Form& form;
  std::chrono::steady_clock::time_point now;
  std::vector<kiosk::Intent>& intents;   // what the person asked for this frame
  float width = 0;                       // screen size in pixels
  float height = 0;

  // The session's language, or the site's start language before a choice.
  [[nodiscard]] const std::string& lang() const {
    return session.lang.empty() ? config.kiosk.start_language : session.lang;
  }
  [[nodiscard]] std::string t(const char* key, const kiosk::MessageArgs& args = {}) const {
    return tr.tr(lang(), key, args);
  }
};

// One function per screen, each in its own file; registered in screens.cpp.
using DrawScreen = void (*)(ScreenContext&);
DrawScreen screen_for(kiosk::Step step);

}  // namespace app
