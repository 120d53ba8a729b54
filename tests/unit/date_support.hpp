// Catch prints a std::chrono::year_month_day as its ISO form ("2026-11-21")
// when a check on dates fails (libstdc++ 12 has no operator<< for it).
#pragma once

#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "base/date.hpp"

namespace Catch {
template <>
struct StringMaker<std::chrono::year_month_day> {
  static std::string convert(const std::chrono::year_month_day& d) { return kiosk::to_iso(d); }
};
}  // namespace Catch
