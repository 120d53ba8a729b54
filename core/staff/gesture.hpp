// The hidden staff gesture: several taps in one corner within a short time.
// Pure: positions and times come in, the answer goes out.
#pragma once

#include <chrono>
#include <deque>

namespace kiosk {

class CornerTaps {
 public:
  using Clock = std::chrono::steady_clock;
  CornerTaps(int taps = 5, std::chrono::milliseconds window = std::chrono::milliseconds(3000),
             float corner = 120.0f)
      : taps_(taps), window_(window), corner_(corner) {}

  // Feeds one tap at (x, y) on a screen whose top-left is (0, 0). Returns true
  // when this tap completes the gesture (then it starts counting anew).
  bool tap(float x, float y, Clock::time_point at);

 private:
  int taps_;
  std::chrono::milliseconds window_;
  float corner_;
  std::deque<Clock::time_point> recent_;
};

}  // namespace kiosk
