#include "base/date.hpp"

#include <charconv>
#include <cstdio>

namespace kiosk {

namespace chr = std::chrono;

chr::year_month_day to_ymd(const CivilDate& d) {
  return {chr::year(d.year), chr::month(static_cast<unsigned>(d.month)),
          chr::day(static_cast<unsigned>(d.day))};
}

CivilDate from_ymd(const chr::year_month_day& ymd) {
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

bool is_valid(const CivilDate& d) {
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return false;
  return to_ymd(d).ok();
}

std::string to_iso(const CivilDate& d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

Result<CivilDate> parse_iso_date(std::string_view text) {
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
  CivilDate d;
  if (!num(0, 4, d.year) || !num(5, 2, d.month) || !num(8, 2, d.day) || !is_valid(d)) return bad();
  return d;
}

std::optional<std::chrono::year_month_day> parse_iso_ymd(std::string_view text) {
  auto d = parse_iso_date(text);
  if (!d) return std::nullopt;
  return to_ymd(*d);
}

CivilDate add_days(const CivilDate& d, int64_t days) {
  return from_ymd(chr::year_month_day(chr::sys_days(to_ymd(d)) + chr::days(days)));
}

int64_t days_between(const CivilDate& from, const CivilDate& to) {
  return (chr::sys_days(to_ymd(to)) - chr::sys_days(to_ymd(from))).count();
}

}  // namespace kiosk
