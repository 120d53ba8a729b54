#include "staff/gesture.hpp"

namespace kiosk {

bool CornerTaps::tap(float x, float y, Clock::time_point at) {
  if (x > corner_ || y > corner_ || x < 0 || y < 0) {
    recent_.clear();  // a tap elsewhere breaks the sequence
    return false;
  }
  recent_.push_back(at);
  while (!recent_.empty() && at - recent_.front() > window_) recent_.pop_front();
  if (static_cast<int>(recent_.size()) >= taps_) {
    recent_.clear();
    return true;
  }
  return false;
}

}  // namespace kiosk
