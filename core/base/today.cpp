#include "base/today.hpp"

#include "content/date.hpp"

namespace kiosk {

// Kazakhstan's date, whatever the machine's time zone says (see
// local_time_kz: ICU 72's tzdata still has the old UTC+6 for Almaty).
std::chrono::year_month_day local_today() {
  const CivilDate d = local_date_kz(std::chrono::system_clock::now());
  return std::chrono::year_month_day{std::chrono::year{d.year},
                                     std::chrono::month{static_cast<unsigned>(d.month)},
                                     std::chrono::day{static_cast<unsigned>(d.day)}};
}

}  // namespace kiosk
