// Calendar dates, the kiosk's "today" in Kazakhstan, and dates, times and
// phone numbers written the way each language expects.
//
// Deadlines are counted in calendar days, so a date here is a plain
// std::chrono::year_month_day with no time and no zone. Only the step from "now"
// (an instant) to "today" needs a time zone: Kazakhstan uses one zone, UTC+5,
// since 1 March 2024; see local_date_kz().
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/date.hpp"
#include "base/result.hpp"

namespace kiosk {

struct Language;

// Local wall-clock reading in Kazakhstan.
struct LocalTimeKz {
  std::chrono::year_month_day date{};
  int hour = 0;    // 0..23
  int minute = 0;  // 0..59
  int utc_offset_minutes = 0;
};

// The date and time in Kazakhstan (ICU time zone "Asia/Almaty") at `instant`.
// Kazakhstan moved the whole country to UTC+5 on 1 March 2024 (00:00 local,
// i.e. 2024-02-29T18:00Z). ICU 72 as shipped by Debian 12 carries tzdata
// 2022e, which still says UTC+6 for Almaty; for instants from that moment on
// this function uses UTC+5 whatever ICU says. Earlier instants use ICU's
// historical offset.
LocalTimeKz local_time_kz(std::chrono::system_clock::time_point instant);
inline std::chrono::year_month_day local_date_kz(std::chrono::system_clock::time_point instant) {
  return local_time_kz(instant).date;
}

// Whole hours left in the local day of `t`, rounded up (23:10 -> 1).
int hours_left_in_day(const LocalTimeKz& t);

// A long date in the language's own conventions through ICU DateFormat
// ("29 февраля 2024 г.", "2024 ж. 29 ақпан"). Dari: Solar Hijri (ICU
// calendar "persian", Afghan month names) with the Gregorian date beside it
// in brackets: "۱۰ حوت ۱۴۰۲ (۲۹ فبروری ۲۰۲۴)".
std::string format_date(std::chrono::year_month_day d, const Language& lang);

// A time of day ("09:00") in the language's digits through ICU. Dari gives
// the hour as Afghans say it: 12-hour with the part of the day, minutes
// only when not :00 ("۹ صبح", "۵:۱۰ عصر"), since a 24-hour "۰۹:۰۰" is a
// cluster of dots (the Persian zero) to a Dari reader.
std::string format_time(int hour, int minute, const Language& lang);
// The same time for read-aloud, as people say it: no leading zero and no
// ":00" (espeak-ng reads "09:00" as "nine, zero, zero"); English "9 a.m.",
// "5:10 p.m."; Dari "۵ و ۱۰ دقیقهٔ عصر".
std::string spoken_time(int hour, int minute, const Language& lang);

// A weekday name (1 = Monday .. 7 = Sunday) through ICU, short form.
std::string weekday_name(int iso_weekday, const Language& lang);

// A phone number as it is dialled: always Western digits; inside right-to-
// left text it is wrapped in LEFT-TO-RIGHT ISOLATE (U+2066) ... POP
// DIRECTIONAL ISOLATE (U+2069) so it is not reordered.
std::string format_phone(std::string_view phone, const Language& lang);
// The same number for read-aloud: its groups joined by ", " so that the
// voice pauses between them as a person dictating a number does
// ("+7 727 258 45 98" -> "+7, 727, 258, 45, 98"); no direction marks.
std::string spoken_phone(std::string_view phone);

// Wraps any left-to-right run (addresses in Russian, codes) the same way for
// right-to-left languages; returns it unchanged otherwise.
std::string isolate_ltr(std::string_view text, const Language& lang);

}  // namespace kiosk
