// Staff PIN: stored only as a salted, slow PBKDF2-SHA256 hash in the config;
// repeated wrong PINs lock the staff door for a while.
#pragma once

#include <chrono>
#include <string>

#include "base/result.hpp"

namespace kiosk {

// "pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>" with a random salt.
Result<std::string> hash_pin(const std::string& pin, int iterations = 200000);

// True when `pin` matches `stored` (constant-time compare). A malformed
// `stored` never matches.
bool verify_pin(const std::string& pin, const std::string& stored);

// Ok when `stored` has the form hash_pin() makes and verify_pin() accepts
// (scheme, 1000-10000000 iterations, base64 salt, a 32-byte base64 hash);
// else an error saying which part is wrong. A malformed hash would lock
// staff out for good, so the site loader refuses it.
Status check_pin_hash(const std::string& stored);

// Counts wrong PINs and locks entry after too many. Pure: time is passed in.
class PinGate {
 public:
  using Clock = std::chrono::steady_clock;
  PinGate(int max_attempts, std::chrono::seconds lockout)
      : max_attempts_(max_attempts), lockout_(lockout) {}

  // True while entry is refused.
  [[nodiscard]] bool locked(Clock::time_point now) const { return now < locked_until_; }
  [[nodiscard]] std::chrono::seconds remaining(Clock::time_point now) const;

  // Checks `pin` unless locked; counts failures; resets on success.
  bool attempt(const std::string& pin, const std::string& stored, Clock::time_point now);

 private:
  int max_attempts_;
  std::chrono::seconds lockout_;
  int failures_ = 0;
  Clock::time_point locked_until_{};
};

}  // namespace kiosk
