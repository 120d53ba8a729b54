// Dates in the person's calendar. Dari speakers date things in the Solar
// Hijri calendar; the kiosk lets them enter a date that way and stores the
// Gregorian date (ICU does the conversion).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

struct CalendarDate {
  int year = 0;
  int month = 0;  // 1-based
  int day = 0;
  bool operator==(const CalendarDate&) const = default;
};

// The calendar a language enters dates in: "persian" for Dari, else "gregorian".
std::string calendar_for(const std::string& lang);

// `date` expressed in `calendar` ("gregorian" or "persian").
CalendarDate to_calendar(std::chrono::year_month_day date, const std::string& calendar);

// The Gregorian date of `date` in `calendar`; nothing when it does not exist
// (e.g. day 31 of a 30-day month).
std::optional<std::chrono::year_month_day> from_calendar(const CalendarDate& date,
                                                         const std::string& calendar);

// Days in `month` of `year` in `calendar`.
int days_in_month(int year, int month, const std::string& calendar);

// Month names in the language (ICU's format context), e.g. Afghan month
// names حمل، ثور … for Dari's persian calendar.
std::vector<std::string> month_names(const std::string& lang, const std::string& calendar);

// How much of a date the person knows: the whole date, the year and month,
// or only the year ("I know only the year" is common with Afghan tazkiras).
enum class DatePrecision { day, month, year };

// The precision of a stored date answer: "1990" year, "1990-05" month,
// anything else day.
DatePrecision precision_of(const std::string& value);

// The stored answer for a date picked in `calendar` at `precision`: a whole
// Gregorian ISO date ("1991-04-12"), or the Gregorian year-month ("1990-05")
// or year ("1990") that holds the middle of the picked month or year. For
// the Gregorian calendar that is the picked month or year itself; a Solar
// Hijri year 1369 gives 1990 (it runs from March 1990 to March 1991), the
// month Hamal 1370 gives 1991-04. Empty when the date does not exist.
std::string date_value(CalendarDate picked, DatePrecision precision, const std::string& calendar);

// What the picker shows for a stored answer, in `calendar`: the date itself,
// or for a year or year-month the middle of it, so that date_value() at the
// same precision gives the answer back. Nothing for text that is no date.
std::optional<CalendarDate> picker_date(const std::string& value, const std::string& calendar);

// `value` at another precision, as the picker shows it in `calendar`: the
// day (and month) dropped, or, where more becomes known, the first month
// and day of the year or month shown. Empty stays empty.
std::string with_precision(const std::string& value, DatePrecision precision, const std::string& calendar);

}  // namespace kiosk

namespace kiosk {

struct Language;

// The one long-date formatter: a date as people write it in `lang` (ICU long
// date style) in the language's calendars (assets/languages.toml): the first
// is the date, the others follow in brackets ("۱۰ حوت ۱۴۰۲ (۲۹ فبروری ۲۰۲۴)").
// `isolate` wraps each bracketed date in FSI..PDI so that bidi keeps it whole.
std::string long_date(std::chrono::year_month_day date, const Language& lang, bool isolate);

// long_date(date, lang, isolate = true), for a language code.
std::string format_date(const std::string& lang, std::chrono::year_month_day date);

// A date known only as a year ("1990") or a year and month ("1990-05"),
// written in `lang` like long_date(): its own calendar first, the others in
// brackets ("ثور ۱۳۶۹ (مۍ ۱۹۹۰)", "май 1990 г."). Empty when `value` is not
// such a date.
std::string partial_date_words(const std::string& value, const std::string& lang);

// An integer with the language's digits (Dari: Eastern Arabic-Indic digits).
std::string format_number(const std::string& lang, int64_t n, bool grouping = true);

}  // namespace kiosk
