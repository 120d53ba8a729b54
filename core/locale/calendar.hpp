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

// An integer with the language's digits (Dari: Eastern Arabic-Indic digits).
std::string format_number(const std::string& lang, int64_t n, bool grouping = true);

}  // namespace kiosk
