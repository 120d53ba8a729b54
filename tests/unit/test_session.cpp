#include <catch2/catch.hpp>

#include "flow/session.hpp"

using namespace std::chrono_literals;
using namespace kiosk;

TEST_CASE("a session goes from attract through language to situation", "[flow]") {
  FlowSettings fs;
  Session s = wiped();
  CHECK(s.step == Step::attract);
  s = reduce(s, intent::Start{}, fs);
  CHECK(s.step == Step::language);
  s = reduce(s, intent::ChooseLanguage{"fa-AF"}, fs);
  CHECK(s.step == Step::situation);
  CHECK(s.lang == "fa-AF");
  s = reduce(s, intent::Back{}, fs);
  CHECK(s.step == Step::language);
  s = reduce(s, intent::Home{}, fs);
  CHECK(s.step == Step::attract);
  CHECK(s.lang.empty());
}

TEST_CASE("inactivity warns, then wipes; a touch keeps the session", "[flow]") {
  FlowSettings fs{90s, 30s};
  const auto t0 = std::chrono::steady_clock::time_point{} + 1h;
  Session s = wiped();
  s = reduce(s, intent::Start{}, fs);
  s = reduce(s, intent::ChooseLanguage{"ru"}, fs);
  s = reduce(s, intent::Touch{t0}, fs);
  s = reduce(s, intent::Tick{t0 + 89s}, fs);
  CHECK_FALSE(s.idle_warning);
  s = reduce(s, intent::Tick{t0 + 91s}, fs);
  CHECK(s.idle_warning);
  CHECK(idle_seconds_left(s, t0 + 91s, fs) == 29);
  Session kept = reduce(s, intent::Touch{t0 + 95s}, fs);
  CHECK_FALSE(kept.idle_warning);
  CHECK(kept.lang == "ru");
  s = reduce(s, intent::Tick{t0 + 120s}, fs);
  CHECK(s.step == Step::attract);
  CHECK(s.lang.empty());
}
