#include <catch2/catch.hpp>

#include "staff/pin.hpp"

using namespace std::chrono_literals;

TEST_CASE("a PIN hash verifies the PIN and nothing else", "[staff]") {
  auto h = kiosk::hash_pin("2580", 2000);
  REQUIRE(h.ok());
  CHECK(h->rfind("pbkdf2-sha256$2000$", 0) == 0);
  CHECK(kiosk::verify_pin("2580", *h));
  CHECK_FALSE(kiosk::verify_pin("2581", *h));
  CHECK_FALSE(kiosk::verify_pin("", *h));
  // Same PIN, new salt: a different hash.
  CHECK(*kiosk::hash_pin("2580", 2000) != *h);
}

TEST_CASE("malformed PIN hashes never match", "[staff]") {
  CHECK_FALSE(kiosk::verify_pin("1357", ""));
  CHECK_FALSE(kiosk::verify_pin("1357", "1357"));
  CHECK_FALSE(kiosk::verify_pin("1357", "pbkdf2-sha256$x$y$z"));
  CHECK_FALSE(kiosk::verify_pin("1357", "pbkdf2-sha256$10$AAAA$AAAA"));
  CHECK_FALSE(kiosk::hash_pin("12").ok());
}

TEST_CASE("the PIN gate locks after repeated failures and opens later", "[staff]") {
  const auto hash = *kiosk::hash_pin("1357", 1000);
  kiosk::PinGate gate(3, 60s);
  const auto t0 = kiosk::PinGate::Clock::time_point{} + 1000s;
  CHECK_FALSE(gate.attempt("0000", hash, t0));
  CHECK_FALSE(gate.attempt("0000", hash, t0));
  CHECK_FALSE(gate.locked(t0));
  CHECK_FALSE(gate.attempt("0000", hash, t0));
  CHECK(gate.locked(t0));
  // Even the right PIN is refused while locked.
  CHECK_FALSE(gate.attempt("1357", hash, t0 + 30s));
  CHECK(gate.remaining(t0 + 30s) == 30s);
  CHECK(gate.attempt("1357", hash, t0 + 61s));
}

#include "staff/gesture.hpp"

TEST_CASE("five quick taps in the corner open staff mode, others do not", "[staff]") {
  kiosk::CornerTaps g;
  const auto t0 = kiosk::CornerTaps::Clock::time_point{} + 100s;
  using ms = std::chrono::milliseconds;
  for (int i = 0; i < 4; ++i) CHECK_FALSE(g.tap(30, 40, t0 + ms(300 * i)));
  CHECK(g.tap(30, 40, t0 + ms(1300)));
  // Too slow: taps spread over more than three seconds.
  for (int i = 0; i < 5; ++i) CHECK_FALSE(g.tap(30, 40, t0 + 10s + ms(900 * i)));
  // A tap elsewhere in between breaks the sequence.
  for (int i = 0; i < 3; ++i) CHECK_FALSE(g.tap(10, 10, t0 + 20s + ms(100 * i)));
  CHECK_FALSE(g.tap(900, 500, t0 + 20s + ms(350)));
  for (int i = 0; i < 4; ++i) CHECK_FALSE(g.tap(10, 10, t0 + 20s + ms(400 + 100 * i)));
  CHECK(g.tap(10, 10, t0 + 20s + ms(900)));
}

TEST_CASE("check_pin_hash accepts what hash_pin makes and names what is wrong otherwise", "[staff]") {
  CHECK(kiosk::check_pin_hash(*kiosk::hash_pin("2580", 1000)).ok());
  // Four parts with dollars but no usable hash: verify_pin could never match.
  const auto bad = kiosk::check_pin_hash("pbkdf2-sha256$200000$ZmljdGl0aW91cy1zYWx0IQ==$BBBB");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message.find("32 bytes") != std::string::npos);
  CHECK_FALSE(kiosk::check_pin_hash("pbkdf2-sha256$2e5$AAAA$AAAA").ok());
  CHECK_FALSE(kiosk::check_pin_hash("sha1$1000$AAAA$AAAA").ok());
  CHECK_FALSE(kiosk::check_pin_hash("pbkdf2-sha256$1000$AAAA").ok());
}
