// Today's date on the kiosk. The kiosk's clock and time zone are the
// operating system's (IT sets Asia/Almaty; Kazakhstan is UTC+5 since 2024).
#pragma once

#include <chrono>

namespace kiosk {

std::chrono::year_month_day local_today();

}  // namespace kiosk
