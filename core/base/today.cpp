#include "base/today.hpp"

#include "content/date.hpp"

namespace kiosk {

// Kazakhstan's date, whatever the machine's time zone says (see
// local_time_kz: ICU 72's tzdata still has the old UTC+6 for Almaty).
std::chrono::year_month_day local_today() {
  return local_date_kz(std::chrono::system_clock::now());
}

}  // namespace kiosk
