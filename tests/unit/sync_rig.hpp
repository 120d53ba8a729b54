// What the loopback sync tests (test_sync.cpp, test_sync_central.cpp) start
// with: the fake Central, a fresh outbox, and settings that point at the
// server. Tests take the parts by name:
//   odk_test::SyncRig rig("sync-500");
//   auto& [server, clock, box, s] = rig;
#pragma once

#include <catch2/catch.hpp>

#include <memory>
#include <string>

#include "fake_openrosa.hpp"
#include "outbox_fixtures.hpp"

namespace odk_test {

// An empty outbox in fresh_dir(name); the test fails if it cannot be opened.
inline std::unique_ptr<kiosk::outbox::Outbox> open_box(const std::string& name) {
  auto b = kiosk::outbox::Outbox::open(fresh_dir(name));
  if (!b) FAIL(b.error().describe());
  return std::move(*b);
}

// Whether the settings read the rig's FakeClock (backoff skipped by advancing
// it) or the real clock.
enum class RigClock { fake, real };

struct SyncRig {
  FakeCentral server;
  FakeClock clock;
  std::unique_ptr<kiosk::outbox::Outbox> box;
  kiosk::sync::Settings s;

  explicit SyncRig(const std::string& dir_name, RigClock c = RigClock::fake)
      : box(open_box(dir_name)),
        s(loopback_settings(server.url(), c == RigClock::fake ? &clock : nullptr)) {}
  SyncRig(const SyncRig&) = delete;  // s.clock points at this rig's clock
  SyncRig& operator=(const SyncRig&) = delete;
};

// One pass whose first POST the server answers with `fault` (a refused token
// or app user): the pass ends as an auth problem and none of the box's
// `records` records has an attempt counted. The pass's report.
inline kiosk::sync::PassReport auth_refused_pass(SyncRig& rig, Fault fault, size_t records) {
  rig.server.script({fault});
  auto rep = kiosk::sync::run_pass(*rig.box, rig.s).value();
  CHECK(rep.run.outcome == kiosk::sync::Outcome::auth);
  const auto all = rig.box->list().value();
  REQUIRE(all.size() == records);
  for (const auto& r : all) CHECK(r.attempts == 0);
  return rep;
}

}  // namespace odk_test

// The short names both sync test files use (this header is theirs alone).
using kiosk::outbox::Outbox;
using kiosk::outbox::State;
using odk_test::Fault;
using odk_test::FakeCentral;
using odk_test::open_box;
using odk_test::RigClock;
using odk_test::SyncRig;
namespace ks = kiosk::sync;
