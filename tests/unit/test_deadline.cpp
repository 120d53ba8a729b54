// The deadline rule and the dates around it: month ends, leap years, both
// entry kinds, and Kazakhstan's time zone (UTC+5 since 1 March 2024).
#include <catch2/catch.hpp>

#include <chrono>

#include "base/date.hpp"
#include "content/date.hpp"
#include "content/deadline.hpp"
#include "locale/language.hpp"
#include "date_support.hpp"

using namespace std::chrono_literals;
using Date = std::chrono::year_month_day;
using kiosk::EntryKind;

namespace {

// Counted from the next day for both entry kinds (the general civil-law
// rule): the date arithmetic. The kiosk's rule (kShort) counts irregular
// entry the short way; see the test below.
const kiosk::DeadlineRule kRule{5, 1, "seed 000", false};
const kiosk::DeadlineRule kShort{5, 1, "seed 000"};

Date last_day(EntryKind kind, Date arrival) {
  auto d = kiosk::compute_deadline(kRule, kind, arrival, arrival);
  REQUIRE(d.ok());
  return d->last_day;
}

std::chrono::system_clock::time_point utc(int y, int m, int d, int hh, int mm) {
  using namespace std::chrono;
  const sys_days day = year_month_day(year(y), month(static_cast<unsigned>(m)),
                                      std::chrono::day(static_cast<unsigned>(d)));
  return time_point_cast<system_clock::duration>(day + hours(hh) + minutes(mm));
}

}  // namespace

TEST_CASE("deadline: 5 calendar days through a checkpoint, 1 day otherwise", "[deadline]") {
  CHECK(last_day(EntryKind::checkpoint, 2026y / 11 / 21) == 2026y / 11 / 26);
  CHECK(last_day(EntryKind::not_through_checkpoint, 2026y / 11 / 21) == 2026y / 11 / 22);
}

TEST_CASE("deadline: irregular entry counts the short way, and the counting is marked unconfirmed",
          "[deadline]") {
  // "Today, within 24 hours at the latest": the day of arrival is the last day.
  auto d = kiosk::compute_deadline(kShort, EntryKind::not_through_checkpoint, 2026y / 12 / 1, 2026y / 12 / 1);
  REQUIRE(d.ok());
  CHECK(d->last_day == 2026y / 12 / 1);
  CHECK(d->last_day_is_today());
  CHECK(d->same_day);
  CHECK_FALSE(d->counting_confirmed);
  // The next day it has passed (the person is told to go today anyway).
  d = kiosk::compute_deadline(kShort, EntryKind::not_through_checkpoint, 2026y / 11 / 30, 2026y / 12 / 1);
  REQUIRE(d.ok());
  CHECK(d->passed());
  // Through a checkpoint: still arrival + 5.
  d = kiosk::compute_deadline(kShort, EntryKind::checkpoint, 2026y / 11 / 30, 2026y / 12 / 1);
  REQUIRE(d.ok());
  CHECK(d->last_day == 2026y / 12 / 5);
  CHECK_FALSE(d->same_day);
}

TEST_CASE("deadline: across month and year ends", "[deadline]") {
  CHECK(last_day(EntryKind::checkpoint, 2025y / 1 / 29) == 2025y / 2 / 3);
  CHECK(last_day(EntryKind::checkpoint, 2025y / 4 / 28) == 2025y / 5 / 3);
  CHECK(last_day(EntryKind::checkpoint, 2025y / 12 / 28) == 2026y / 1 / 2);
  CHECK(last_day(EntryKind::not_through_checkpoint, 2025y / 4 / 30) == 2025y / 5 / 1);
  CHECK(last_day(EntryKind::not_through_checkpoint, 2025y / 12 / 31) == 2026y / 1 / 1);
}

TEST_CASE("deadline: leap years", "[deadline]") {
  CHECK(last_day(EntryKind::checkpoint, 2024y / 2 / 26) == 2024y / 3 / 2);
  CHECK(last_day(EntryKind::checkpoint, 2023y / 2 / 26) == 2023y / 3 / 3);
  CHECK(last_day(EntryKind::not_through_checkpoint, 2024y / 2 / 28) == 2024y / 2 / 29);
  CHECK(last_day(EntryKind::not_through_checkpoint, 2024y / 2 / 29) == 2024y / 3 / 1);
  CHECK(last_day(EntryKind::not_through_checkpoint, 2023y / 2 / 28) == 2023y / 3 / 1);
  CHECK(last_day(EntryKind::not_through_checkpoint, 2100y / 2 / 28) == 2100y / 3 / 1);
  CHECK(last_day(EntryKind::not_through_checkpoint, 2000y / 2 / 28) == 2000y / 2 / 29);
  CHECK(last_day(EntryKind::checkpoint, 2028y / 2 / 25) == 2028y / 3 / 1);
}

TEST_CASE("deadline: days left, last day today, passed", "[deadline]") {
  auto d = kiosk::compute_deadline(kRule, EntryKind::checkpoint, 2024y / 2 / 27, 2024y / 3 / 1);
  REQUIRE(d.ok());
  CHECK(d->last_day == 2024y / 3 / 3);
  CHECK(d->days_left == 2);
  CHECK_FALSE(d->last_day_is_today());
  d = kiosk::compute_deadline(kRule, EntryKind::not_through_checkpoint, 2024y / 2 / 29, 2024y / 3 / 1);
  REQUIRE(d.ok());
  CHECK(d->last_day_is_today());
  d = kiosk::compute_deadline(kRule, EntryKind::not_through_checkpoint, 2024y / 2 / 28, 2024y / 3 / 1);
  REQUIRE(d.ok());
  CHECK(d->passed());
  CHECK(d->days_left == -1);
}

TEST_CASE("deadline: a future or impossible date is refused with a locale key", "[deadline]") {
  auto future = kiosk::compute_deadline(kRule, EntryKind::checkpoint, 2026y / 11 / 22, 2026y / 11 / 21);
  REQUIRE_FALSE(future.ok());
  CHECK(future.error().user_key == "error.date.future");
  auto bad = kiosk::compute_deadline(kRule, EntryKind::checkpoint, 2023y / 2 / 29, 2023y / 3 / 1);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().user_key == "error.date.invalid");
}

TEST_CASE("parse_iso_date takes exactly YYYY-MM-DD in ASCII digits and a day that exists", "[deadline]") {
  CHECK(kiosk::parse_iso_date("2024-02-29").value() == 2024y / 2 / 29);
  CHECK(kiosk::parse_iso_date("0999-12-31").value() == 999y / 12 / 31);
  CHECK(kiosk::to_iso(2024y / 2 / 9) == "2024-02-09");
  for (const char* text : {"2023-02-29",          // no such day
                           "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00",
                           "2024-2-01", "2024-02-1",  // one digit
                           " 2024-02-01", "2024-02-01 ", "2024-02-01x", "x2024-02-01",
                           "2024/02/01", "20240201", "", "+024-02-01", "2024-+2-01",
                           "۲۰۲۴-۰۲-۰۱",  // Persian digits
                           "2024-02-۱"}) {  // ten bytes, a Persian day
    INFO(text);
    const auto d = kiosk::parse_iso_date(text);
    REQUIRE_FALSE(d.ok());
    CHECK(d.error().code == kiosk::Errc::invalid_input);
  }
}

TEST_CASE("add_days and days_between count calendar days", "[deadline]") {
  CHECK(kiosk::add_days(2024y / 2 / 28, 1) == 2024y / 2 / 29);
  CHECK(kiosk::add_days(2024y / 3 / 1, -1) == 2024y / 2 / 29);
  CHECK(kiosk::add_days(2025y / 12 / 31, 1) == 2026y / 1 / 1);
  CHECK(kiosk::days_between(2024y / 2 / 1, 2024y / 3 / 1) == 29);
  CHECK(kiosk::days_between(2024y / 3 / 1, 2024y / 2 / 1) == -29);
}

TEST_CASE("today in Kazakhstan: UTC+5 since March 2024 even where ICU's tzdata says +6", "[deadline]") {
  // 18:30 UTC is 23:30 in UTC+5 (still the same day) but 00:30 next day in +6.
  CHECK(kiosk::local_date_kz(utc(2025, 1, 1, 18, 30)) == 2025y / 1 / 1);
  CHECK(kiosk::local_date_kz(utc(2025, 1, 1, 19, 0)) == 2025y / 1 / 2);
  CHECK(kiosk::local_time_kz(utc(2025, 1, 1, 18, 30)).utc_offset_minutes == 300);
  // Before the change Almaty was UTC+6 (ICU's historical data).
  CHECK(kiosk::local_date_kz(utc(2023, 6, 1, 18, 30)) == 2023y / 6 / 2);
  CHECK(kiosk::local_time_kz(utc(2023, 6, 1, 18, 30)).utc_offset_minutes == 360);
  // The switch night: 2024-03-01 00:00 (+6) became 2024-02-29 23:00 (+5).
  CHECK(kiosk::local_date_kz(utc(2024, 2, 29, 17, 30)) == 2024y / 2 / 29);
  CHECK(kiosk::local_date_kz(utc(2024, 2, 29, 18, 30)) == 2024y / 2 / 29);
  CHECK(kiosk::local_date_kz(utc(2024, 2, 29, 19, 30)) == 2024y / 3 / 1);
}

TEST_CASE("deadline from an instant: the last evening still counts as the last day", "[deadline]") {
  // Entered without a checkpoint on 5 April 2025; at 23:30 local on 6 April
  // (18:30 UTC) the person still has today. With UTC+6 it would be 7 April.
  const auto now = kiosk::local_time_kz(utc(2025, 4, 6, 18, 30));
  auto d = kiosk::compute_deadline(kRule, EntryKind::not_through_checkpoint, 2025y / 4 / 5, now.date);
  REQUIRE(d.ok());
  CHECK(d->last_day_is_today());
  CHECK(kiosk::hours_left_in_day(now) == 1);
  // Through a checkpoint on 31 March 2025: last day 5 April, across a month end.
  d = kiosk::compute_deadline(kRule, EntryKind::checkpoint, 2025y / 3 / 31,
                              kiosk::local_date_kz(utc(2025, 4, 5, 18, 59)));
  REQUIRE(d.ok());
  CHECK(d->last_day == 2025y / 4 / 5);
  CHECK(d->last_day_is_today());
}

TEST_CASE("dates are written in each language's conventions, Dari in Solar Hijri", "[deadline]") {
  const Date leap = 2024y / 2 / 29;
  auto f = [&](const char* code) { return kiosk::format_date(leap, *kiosk::find_language(code)); };
  // ICU puts a narrow no-break space (U+202F) before the year abbreviation.
  CHECK(f("ru") == "29 февраля 2024\u202fг.");
  CHECK(f("uk") == "29 лютого 2024\u202fр.");
  CHECK(f("kk") == "2024\u202fж. 29 ақпан");
  CHECK(f("en") == "February 29, 2024");
  // 29 Feb 2024 = 10 Hut 1402 (Afghan month name), Gregorian beside it.
  const std::string fa = f("fa-AF");
  CHECK(fa.rfind("۱۰ حوت ۱۴۰۲ (", 0) == 0);
  CHECK(fa.find("۲۰۲۴)") != std::string::npos);
  // Nowruz: 1 Hamal 1403 = 20 March 2024.
  CHECK(kiosk::format_date(2024y / 3 / 20, *kiosk::find_language("fa-AF")).rfind("۱ حمل ۱۴۰۳", 0) == 0);
}

TEST_CASE("phone numbers stay dialable: Western digits, isolated left-to-right in Dari", "[deadline]") {
  const std::string phone = "+7 727 258 45 98";
  CHECK(kiosk::format_phone(phone, *kiosk::find_language("ru")) == phone);
  CHECK(kiosk::format_phone(phone, *kiosk::find_language("fa-AF")) == "\u2066" + phone + "\u2069");
  CHECK(kiosk::weekday_name(1, *kiosk::find_language("ru")) == "понедельник");
  CHECK(kiosk::weekday_name(5, *kiosk::find_language("fa-AF")) == "جمعه");
}
