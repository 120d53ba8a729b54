// Staff PIN: stored only as a salted, slow PBKDF2-SHA256 hash in the config;
// repeated wrong PINs lock the staff door for a while.
#pragma once

#include <chrono>
#include <filesystem>
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

// The PBKDF2 cost below which check-config refuses a PIN hash (the cost
// hash-pin uses). A 4-digit PIN is 10,000 guesses; at this cost each costs
// about 0.1 s on one core, so a short PIN still falls to an offline search
// in hours: README recommends 6 or more digits.
inline constexpr int kMinPinIterations = 200000;

// "" when `stored` is a well-formed PIN hash of at least `min_iterations`,
// else a plain sentence for check-config ("staff.pin_hash ...").
std::string pin_hash_problem(const std::string& stored, int min_iterations = kMinPinIterations);

// The demo configuration's PIN (kiosk-config/demo.toml). A site that kept
// it must not run as a real kiosk (see staff/secrets.hpp).
inline constexpr const char* kDemoPin = "1357";

// Counts wrong PINs and locks entry after too many. Time is passed in.
// With a `state_file` (in data_dir) the count and the lockout survive a
// restart: they are written (0600, atomically) on every failure and read
// back by the constructor, so restarting the kiosk does not reset them.
class PinGate {
 public:
  using Clock = std::chrono::steady_clock;
  PinGate(int max_attempts, std::chrono::seconds lockout)
      : max_attempts_(max_attempts), lockout_(lockout) {}
  PinGate(int max_attempts, std::chrono::seconds lockout, std::filesystem::path state_file,
          Clock::time_point now = Clock::now());

  // True while entry is refused.
  [[nodiscard]] bool locked(Clock::time_point now) const { return now < locked_until_; }
  [[nodiscard]] std::chrono::seconds remaining(Clock::time_point now) const;

  // Checks `pin` unless locked; counts failures; resets on success.
  bool attempt(const std::string& pin, const std::string& stored, Clock::time_point now);

 private:
  void save(Clock::time_point now) const;

  int max_attempts_;
  std::chrono::seconds lockout_;
  int failures_ = 0;
  Clock::time_point locked_until_{};
  std::filesystem::path state_file_;  // empty: in memory only
};

}  // namespace kiosk
