// The kiosk's one clock: the steady clock for idle timers and the wall clock
// for dates and "hours left today", both moved together by a replay's
// "wait" (the offset). The app reads time only here and passes it to core.
#pragma once

#include <chrono>

namespace kiosk {

struct KioskClock {
  std::chrono::seconds offset{0};
  [[nodiscard]] std::chrono::steady_clock::time_point steady() const {
    return std::chrono::steady_clock::now() + offset;
  }
  [[nodiscard]] std::chrono::system_clock::time_point wall() const {
    return std::chrono::system_clock::now() + offset;
  }
};

}  // namespace kiosk
