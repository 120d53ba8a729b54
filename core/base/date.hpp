// A calendar date with no time and no zone, and its ISO form. The kiosk has
// one date type, std::chrono::year_month_day; this is the one place dates
// are parsed, printed and counted in days: the form's answers, the content's
// deadlines and the records all go through here.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.hpp"

namespace kiosk {

// "YYYY-MM-DD" for logs, files, records and staff.
std::string to_iso(std::chrono::year_month_day d);

// Parses exactly "YYYY-MM-DD" in ASCII digits; fails (Errc::invalid_input)
// on any other shape (spaces, a one-digit month, other digits) or a day that
// does not exist (2023-02-29).
Result<std::chrono::year_month_day> parse_iso_date(std::string_view text);

// `d` plus `days` calendar days (negative goes back).
std::chrono::year_month_day add_days(std::chrono::year_month_day d, int64_t days);

// Calendar days from `from` to `to` (negative when `to` is earlier).
int64_t days_between(std::chrono::year_month_day from, std::chrono::year_month_day to);

}  // namespace kiosk
