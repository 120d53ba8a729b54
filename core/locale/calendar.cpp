#include "locale/calendar.hpp"

#include <unicode/calendar.h>
#include <unicode/dtfmtsym.h>
#include <unicode/gregocal.h>
#include <unicode/timezone.h>

#include <cctype>
#include <cstdio>
#include <memory>

#include "base/date.hpp"

#include "locale/language.hpp"

namespace kiosk {

namespace {

// A calendar in UTC: the conversion is of whole days, so no time zone may
// shift a date across midnight.
std::unique_ptr<icu::Calendar> make(const std::string& calendar) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale loc(("en@calendar=" + calendar).c_str());
  std::unique_ptr<icu::Calendar> cal(
      icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), loc, status));
  if (U_FAILURE(status)) return nullptr;
  cal->setLenient(false);
  return cal;
}

// ICU's instant (ms since the epoch, UTC) of a day's midnight, and back.
UDate udate_of(std::chrono::year_month_day date) {
  return static_cast<UDate>(std::chrono::sys_days(date).time_since_epoch().count()) * 86400000.0;
}
std::chrono::year_month_day date_of(UDate ms) {
  const std::chrono::days days{static_cast<long long>(ms / 86400000.0)};
  return std::chrono::year_month_day{std::chrono::sys_days{days}};
}

}  // namespace

std::string calendar_for(const std::string& lang) {
  const Language* l = find_language(lang);  // assets/languages.toml
  return l ? l->calendar() : "gregorian";
}

CalendarDate to_calendar(std::chrono::year_month_day date, const std::string& calendar) {
  if (calendar == "gregorian")
    return {static_cast<int>(date.year()), static_cast<int>(static_cast<unsigned>(date.month())),
            static_cast<int>(static_cast<unsigned>(date.day()))};
  auto cal = make(calendar);
  if (!cal) return {};
  UErrorCode status = U_ZERO_ERROR;
  cal->setTime(udate_of(date), status);
  const int y = cal->get(UCAL_EXTENDED_YEAR, status);
  const int m = cal->get(UCAL_MONTH, status) + 1;
  const int d = cal->get(UCAL_DATE, status);
  if (U_FAILURE(status)) return {};
  return {y, m, d};
}

std::optional<std::chrono::year_month_day> from_calendar(const CalendarDate& date,
                                                         const std::string& calendar) {
  if (calendar == "gregorian") {
    const std::chrono::year_month_day ymd{std::chrono::year{date.year},
                                          std::chrono::month{static_cast<unsigned>(date.month)},
                                          std::chrono::day{static_cast<unsigned>(date.day)}};
    if (!ymd.ok()) return std::nullopt;
    return ymd;
  }
  if (date.month < 1 || date.month > 12 || date.day < 1 ||
      date.day > days_in_month(date.year, date.month, calendar))
    return std::nullopt;
  auto cal = make(calendar);
  if (!cal) return std::nullopt;
  cal->clear();
  cal->set(UCAL_EXTENDED_YEAR, date.year);
  cal->set(UCAL_MONTH, date.month - 1);
  cal->set(UCAL_DATE, date.day);
  UErrorCode status = U_ZERO_ERROR;
  const UDate ms = cal->getTime(status);
  if (U_FAILURE(status)) return std::nullopt;
  return date_of(ms);
}

int days_in_month(int year, int month, const std::string& calendar) {
  if (calendar == "gregorian") {
    const auto last = std::chrono::year_month_day_last{
        std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(month)} / std::chrono::last};
    return static_cast<int>(static_cast<unsigned>(last.day()));
  }
  auto cal = make(calendar);
  if (!cal) return 0;
  cal->clear();
  cal->set(UCAL_EXTENDED_YEAR, year);
  cal->set(UCAL_MONTH, month - 1);
  cal->set(UCAL_DATE, 1);
  UErrorCode status = U_ZERO_ERROR;
  const int n = cal->getActualMaximum(UCAL_DATE, status);
  return U_FAILURE(status) ? 0 : n;
}

std::vector<std::string> month_names(const std::string& lang, const std::string& calendar) {
  const Language* l = find_language(lang);
  const std::string id = l ? l->icu_locale : std::string("en");
  UErrorCode status = U_ZERO_ERROR;
  icu::DateFormatSymbols symbols(icu::Locale(id.c_str()), calendar.c_str(), status);
  std::vector<std::string> out;
  if (U_FAILURE(status)) return out;
  int32_t count = 0;
  const icu::UnicodeString* names =
      // FORMAT, not STANDALONE: ICU 72's fa_AF has the Afghan month names
      // (حمل، ثور …) only there; standalone falls back to Iran's names.
      symbols.getMonths(count, icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::WIDE);
  for (int32_t i = 0; i < count && i < 12; ++i) {
    std::string s;
    names[i].toUTF8String(s);
    out.push_back(s);
  }
  return out;
}

DatePrecision precision_of(const std::string& value) {
  if (value.size() == 4) return DatePrecision::year;
  if (value.size() == 7 && value[4] == '-') return DatePrecision::month;
  return DatePrecision::day;
}

namespace {

std::string iso_of(std::chrono::year_month_day d, DatePrecision p) {
  const int y = static_cast<int>(d.year());
  if (y < 0 || y > 9999) return {};
  if (p == DatePrecision::day) return to_iso(d);
  char out[16];
  if (p == DatePrecision::year) std::snprintf(out, sizeof out, "%04d", y);
  else std::snprintf(out, sizeof out, "%04d-%02u", y, static_cast<unsigned>(d.month()));
  return out;
}

// A partial answer's Gregorian middle: 1 July of a year, the 15th of a month.
std::optional<std::chrono::year_month_day> middle_of(const std::string& value) {
  const auto p = precision_of(value);
  if (p == DatePrecision::day) return std::nullopt;
  for (size_t i = 0; i < value.size(); ++i)
    if (i != 4 && !std::isdigit(static_cast<unsigned char>(value[i]))) return std::nullopt;
  const int y = std::stoi(value.substr(0, 4));
  const unsigned m = p == DatePrecision::month ? static_cast<unsigned>(std::stoi(value.substr(5, 2))) : 7u;
  const std::chrono::year_month_day d{std::chrono::year{y}, std::chrono::month{m},
                                      std::chrono::day{p == DatePrecision::month ? 15u : 1u}};
  if (!d.ok()) return std::nullopt;
  return d;
}

}  // namespace

std::string date_value(CalendarDate picked, DatePrecision precision, const std::string& calendar) {
  // The middle of the picked month (its 15th) or year (the first of its
  // seventh month): which Gregorian month or year holds most of it.
  if (precision == DatePrecision::year) picked.month = 7;
  if (precision != DatePrecision::day) picked.day = precision == DatePrecision::year ? 1 : 15;
  const auto g = from_calendar(picked, calendar);
  return g ? iso_of(*g, precision) : std::string();
}

std::optional<CalendarDate> picker_date(const std::string& value, const std::string& calendar) {
  if (const auto mid = middle_of(value)) return to_calendar(*mid, calendar);
  const auto d = parse_iso_date(value);
  if (!d) return std::nullopt;
  return to_calendar(*d, calendar);
}

std::string with_precision(const std::string& value, DatePrecision precision, const std::string& calendar) {
  auto d = picker_date(value, calendar);
  if (!d) return value;
  const DatePrecision from = precision_of(value);
  if (precision == from) return value;
  // What was not known starts at the first month or day of what was.
  if (from == DatePrecision::year) d->month = 1;
  if (from != DatePrecision::day) d->day = 1;
  return date_value(*d, precision, calendar);
}

}  // namespace kiosk

#include <unicode/datefmt.h>
#include <unicode/dtptngen.h>
#include <unicode/numfmt.h>
#include <unicode/smpdtfmt.h>

namespace kiosk {

namespace {

std::string format_with(const std::string& icu_locale, UDate when, const std::string& pattern = {}) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::DateFormat> fmt;
  if (!pattern.empty()) {
    fmt = std::make_unique<icu::SimpleDateFormat>(icu::UnicodeString::fromUTF8(pattern),
                                                  icu::Locale(icu_locale.c_str()), status);
    if (U_FAILURE(status)) fmt.reset();
  }
  if (!fmt)
    fmt.reset(icu::DateFormat::createDateInstance(icu::DateFormat::kLong, icu::Locale(icu_locale.c_str())));
  if (!fmt) return {};
  fmt->setTimeZone(*icu::TimeZone::getGMT());
  icu::UnicodeString out;
  fmt->format(when, out);
  std::string s;
  out.toUTF8String(s);
  (void)status;
  return s;
}

}  // namespace

std::string long_date(std::chrono::year_month_day date, const Language& lang, bool isolate) {
  const UDate when = udate_of(date);
  const std::string& loc = lang.icu_locale;
  const std::string& pattern = lang.date_pattern;
  if (lang.calendars.size() <= 1) return format_with(loc, when, pattern);
  // The language's own calendar first (Dari: Solar Hijri), then the others
  // in brackets (Gregorian: what the papers and the office use).
  std::string s = format_with(loc + "@calendar=" + lang.calendars.front(), when, pattern);
  for (size_t i = 1; i < lang.calendars.size(); ++i) {
    const std::string other = format_with(loc + "@calendar=" + lang.calendars[i], when, pattern);
    s += isolate ? " (\u2068" + other + "\u2069)" : " (" + other + ")";
  }
  return s;
}

namespace {

// A year ("y") or a month and year ("yMMMM") in the locale's own order.
std::string format_skeleton(const std::string& icu_locale, const char* skeleton, UDate when,
                            const std::string& own = {}) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale loc(icu_locale.c_str());
  std::unique_ptr<icu::DateTimePatternGenerator> gen(icu::DateTimePatternGenerator::createInstance(loc, status));
  if (U_FAILURE(status) || !gen) return {};
  const icu::UnicodeString pattern = !own.empty() && std::string(skeleton) == "yMMMM"
                                         ? icu::UnicodeString::fromUTF8(own)
                                         : gen->getBestPattern(icu::UnicodeString(skeleton), status);
  if (U_FAILURE(status)) return {};
  icu::SimpleDateFormat fmt(pattern, loc, status);
  if (U_FAILURE(status)) return {};
  fmt.setTimeZone(*icu::TimeZone::getGMT());
  icu::UnicodeString out;
  fmt.format(when, out);
  std::string s;
  out.toUTF8String(s);
  return s;
}

}  // namespace

std::string partial_date_words(const std::string& value, const std::string& lang) {
  const auto mid = middle_of(value);
  if (!mid) return {};
  const char* skeleton = precision_of(value) == DatePrecision::year ? "y" : "yMMMM";
  const UDate when = udate_of(*mid);
  const Language* l = find_language(lang);
  if (!l) return format_skeleton("en", skeleton, when);
  const std::string& own = l->month_pattern;
  if (l->calendars.size() <= 1) return format_skeleton(l->icu_locale, skeleton, when, own);
  std::string s = format_skeleton(l->icu_locale + "@calendar=" + l->calendars.front(), skeleton, when, own);
  for (size_t i = 1; i < l->calendars.size(); ++i)
    s += " (\u2068" + format_skeleton(l->icu_locale + "@calendar=" + l->calendars[i], skeleton, when, own) + "\u2069)";
  return s;
}

std::string format_date(const std::string& lang, std::chrono::year_month_day date) {
  const Language* l = find_language(lang);
  if (!l) return format_with("en", udate_of(date));
  return long_date(date, *l, true);
}

std::string format_number(const std::string& lang, int64_t n, bool grouping) {
  const Language* l = find_language(lang);
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::NumberFormat> fmt(
      icu::NumberFormat::createInstance(icu::Locale(l ? l->icu_locale.c_str() : "en"), status));
  if (U_FAILURE(status) || !fmt) return std::to_string(n);
  fmt->setGroupingUsed(grouping);
  icu::UnicodeString out;
  fmt->format(static_cast<int64_t>(n), out);
  std::string s;
  out.toUTF8String(s);
  return s;
}

}  // namespace kiosk
