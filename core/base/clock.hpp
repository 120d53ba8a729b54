// The kiosk's one clock: the steady clock for idle timers and the wall clock
// for dates and "hours left today", both moved together by a replay's
// "wait" (the offset). The app reads time only here and passes it to core.
// The offset is atomic: a replay's speech player (another thread) plays by
// this clock, so that "wait" lets speech pass as it lets time pass.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace kiosk {

struct KioskClock {
  std::atomic<int64_t> offset_seconds{0};
  void advance(std::chrono::seconds s) { offset_seconds += s.count(); }
  [[nodiscard]] std::chrono::seconds offset() const { return std::chrono::seconds(offset_seconds.load()); }
  [[nodiscard]] std::chrono::steady_clock::time_point steady() const {
    return std::chrono::steady_clock::now() + offset();
  }
  [[nodiscard]] std::chrono::system_clock::time_point wall() const {
    return std::chrono::system_clock::now() + offset();
  }
};

}  // namespace kiosk
