// Sync settings for a test server on 127.0.0.1: short timeouts, a test
// token, and optionally a clock the test moves. Shared by the unit tests
// (through outbox_fixtures.hpp) and the http fuzz target.
#pragma once

#include <atomic>
#include <chrono>
#include <string>

#include "outbox/outbox.hpp"
#include "sync/sync.hpp"

namespace odk_test {

// A controllable clock for sync settings.
struct FakeClock {
  std::atomic<int64_t> now{kiosk::outbox::now_ms()};
  void advance(int64_t ms) { now += ms; }
};

inline kiosk::sync::Settings loopback_settings(const std::string& url, FakeClock* clock = nullptr) {
  kiosk::sync::Settings s;
  s.server_url = url;
  s.kind = "central";
  s.project_id = 1;
  s.auth = "token";
  s.secret = "testtoken";
  s.connect_timeout = std::chrono::milliseconds(1000);
  s.read_timeout = std::chrono::milliseconds(500);
  s.retry_base = std::chrono::milliseconds(60000);
  s.retry_max = std::chrono::milliseconds(3600000);
  if (clock) s.clock = [clock] { return clock->now.load(); };
  return s;
}

}  // namespace odk_test
