#include "base/date.hpp"

#include <charconv>
#include <cstdio>

namespace kiosk {

namespace chr = std::chrono;

std::string to_iso(chr::year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

Result<chr::year_month_day> parse_iso_date(std::string_view text) {
  auto bad = [&] {
    return make_error(Errc::invalid_input,
                      "a date must be written YYYY-MM-DD and exist, not \"" + std::string(text) + "\"");
  };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
  auto num = [&](size_t pos, size_t len, int& out) {
    const char* b = text.data() + pos;
    for (size_t i = 0; i < len; ++i)
      if (b[i] < '0' || b[i] > '9') return false;
    return std::from_chars(b, b + len, out).ec == std::errc{};
  };
  int y = 0, m = 0, d = 0;
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d)) return bad();
  const chr::year_month_day ymd{chr::year{y}, chr::month{static_cast<unsigned>(m)},
                                chr::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return bad();
  return ymd;
}

chr::year_month_day add_days(chr::year_month_day d, int64_t days) {
  return chr::year_month_day{chr::sys_days(d) + chr::days(days)};
}

int64_t days_between(chr::year_month_day from, chr::year_month_day to) {
  return (chr::sys_days(to) - chr::sys_days(from)).count();
}

}  // namespace kiosk
