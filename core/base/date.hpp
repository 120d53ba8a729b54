// A calendar date with no time and no zone, and its ISO form. The one place
// dates are parsed and printed: the form's answers (std::chrono), the
// content's deadlines (CivilDate) and the records all go through here.
#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace kiosk {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  auto operator<=>(const CivilDate&) const = default;
};

// True when year/month/day name a real day of the Gregorian calendar.
bool is_valid(const CivilDate& d);

// "YYYY-MM-DD" for logs, files, records and staff.
std::string to_iso(const CivilDate& d);

// Parses "YYYY-MM-DD" (digits only); fails (Errc::invalid_input) on any
// other shape or a day that does not exist (2023-02-29).
Result<CivilDate> parse_iso_date(std::string_view text);
// The same parse, as std::chrono's date; nothing when it fails.
std::optional<std::chrono::year_month_day> parse_iso_ymd(std::string_view text);

// `d` plus `days` calendar days (negative goes back).
CivilDate add_days(const CivilDate& d, int64_t days);

// Calendar days from `from` to `to` (negative when `to` is earlier).
int64_t days_between(const CivilDate& from, const CivilDate& to);

// The same day as std::chrono's year_month_day, and back.
std::chrono::year_month_day to_ymd(const CivilDate& d);
CivilDate from_ymd(const std::chrono::year_month_day& ymd);

}  // namespace kiosk
