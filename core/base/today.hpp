// Today's date in Kazakhstan (UTC+5 since 1 March 2024), as the interview
// and the documents use it. content/date.hpp holds the rule and its history.
#pragma once

#include <chrono>

namespace kiosk {

std::chrono::year_month_day local_today();

}  // namespace kiosk
