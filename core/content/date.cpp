#include "content/date.hpp"

#include <unicode/datefmt.h>
#include <unicode/dtfmtsym.h>
#include <unicode/gregocal.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <charconv>
#include <memory>

#include "locale/calendar.hpp"
#include "locale/language.hpp"

namespace kiosk {

namespace chr = std::chrono;

namespace {

std::string utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// 2024-03-01T00:00 in Kazakhstan (UTC+6 until then) = 2024-02-29T18:00Z.
constexpr int64_t kSingleZoneSince = 1709229600;  // seconds since the epoch
constexpr int kKazakhstanOffsetMinutes = 5 * 60;

}  // namespace

LocalTimeKz local_time_kz(chr::system_clock::time_point instant) {
  const int64_t secs = chr::duration_cast<chr::seconds>(instant.time_since_epoch()).count();
  int offset_minutes = kKazakhstanOffsetMinutes;
  if (secs < kSingleZoneSince) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::TimeZone> tz(icu::TimeZone::createTimeZone("Asia/Almaty"));
    int32_t raw = 0, dst = 0;
    tz->getOffset(static_cast<UDate>(secs) * 1000.0, false, raw, dst, status);
    if (U_SUCCESS(status)) offset_minutes = (raw + dst) / 60000;
  }
  const int64_t local = secs + int64_t{offset_minutes} * 60;
  const chr::sys_seconds ls{chr::seconds(local)};
  const auto day = chr::floor<chr::days>(ls);
  const chr::hh_mm_ss hms(ls - day);
  LocalTimeKz t;
  t.date = chr::year_month_day{day};
  t.hour = static_cast<int>(hms.hours().count());
  t.minute = static_cast<int>(hms.minutes().count());
  t.utc_offset_minutes = offset_minutes;
  return t;
}

int hours_left_in_day(const LocalTimeKz& t) {
  const int minutes_left = 24 * 60 - (t.hour * 60 + t.minute);
  return (minutes_left + 59) / 60;
}

std::string format_date(chr::year_month_day d, const Language& lang) {
  return long_date(d, lang, false);  // locale/calendar.hpp: the one long-date formatter
}

namespace {

// The part of the day for an hour, in the language's words (languages.toml
// day_parts): morning, midday, afternoon, evening, night.
const std::string& part_of_day(int hour, const Language& lang) {
  const size_t i = hour >= 4 && hour < 12 ? 0 : hour >= 12 && hour < 14 ? 1 : hour >= 14 && hour < 18 ? 2
                 : hour >= 18 && hour < 20 ? 3 : 4;
  return lang.day_parts.at(i);
}

std::string fill(std::string_view pattern, std::string_view name, std::string_view value) {
  std::string key(1, '{');
  key.append(name).push_back('}');
  std::string out;
  size_t from = 0;
  for (size_t at = pattern.find(key); at != std::string_view::npos; at = pattern.find(key, from)) {
    out.append(pattern.substr(from, at - from));
    out.append(value);
    from = at + key.size();
  }
  out.append(pattern.substr(from));
  return out;
}

// Dari "۹ صبح", "۵:۱۰ عصر"; Pashto "سهار ۹ بجې", "ماسپښین ۵:۱۰ بجې".
std::string parts_time(int hour, int minute, const Language& lang) {
  const int h12 = hour % 12 == 0 ? 12 : hour % 12;
  std::string time = format_number(lang.code, h12, false);
  if (minute != 0) {
    std::string mm = format_number(lang.code, minute, false);
    if (minute < 10) mm = format_number(lang.code, 0, false) + mm;
    time += ":" + mm;
  }
  return fill(fill(lang.time_pattern, "time", time), "part", part_of_day(hour, lang));
}

}  // namespace

std::string spoken_time(int hour, int minute, const Language& lang) {
  const int h12 = hour % 12 == 0 ? 12 : hour % 12;
  if (lang.clock == "parts") {
    std::string out = fill(minute != 0 ? lang.spoken_minutes : lang.spoken_hour, "hour",
                           format_number(lang.code, h12, false));
    out = fill(out, "minute", format_number(lang.code, minute, false));
    return fill(out, "part", part_of_day(hour, lang));
  }
  const bool twelve = lang.clock == "12h";
  std::string out = std::to_string(twelve ? h12 : hour);
  if (minute != 0) out += (minute < 10 ? ":0" : ":") + std::to_string(minute);
  if (twelve) out += hour < 12 ? " a.m." : " p.m.";
  return out;
}

std::string format_time(int hour, int minute, const Language& lang) {
  if (lang.clock == "parts") return parts_time(hour, minute, lang);
  UErrorCode status = U_ZERO_ERROR;
  icu::SimpleDateFormat df(icu::UnicodeString(u"HH:mm"), icu::Locale(lang.icu_locale.c_str()),
                           status);
  if (U_FAILURE(status)) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", hour, minute);
    return buf;
  }
  df.setTimeZone(*icu::TimeZone::getGMT());
  icu::UnicodeString out;
  df.format((static_cast<double>(hour) * 60 + minute) * 60000.0, out);
  return utf8(out);
}

std::string weekday_name(int iso_weekday, const Language& lang) {
  UErrorCode status = U_ZERO_ERROR;
  icu::DateFormatSymbols symbols(icu::Locale(lang.icu_locale.c_str()), status);
  if (U_FAILURE(status) || iso_weekday < 1 || iso_weekday > 7) return "?";
  int32_t count = 0;
  const icu::UnicodeString* names = symbols.getWeekdays(count, icu::DateFormatSymbols::STANDALONE,
                                                        icu::DateFormatSymbols::WIDE);
  // ICU numbers Sunday = 1 .. Saturday = 7; index 0 is empty.
  const int icu_day = iso_weekday % 7 + 1;
  if (!names || icu_day >= count) return "?";
  return utf8(names[icu_day]);
}

std::string isolate_ltr(std::string_view text, const Language& lang) {
  if (!lang.rtl) return std::string(text);
  return "\u2066" + std::string(text) + "\u2069";
}

std::string format_phone(std::string_view phone, const Language& lang) {
  return isolate_ltr(phone, lang);
}

std::string spoken_phone(std::string_view phone) {
  std::string out;
  size_t i = 0;
  while (i < phone.size()) {
    while (i < phone.size() && phone[i] == ' ') ++i;
    size_t j = i;
    while (j < phone.size() && phone[j] != ' ') ++j;
    if (j > i) {
      if (!out.empty()) out += ", ";
      out.append(phone.substr(i, j - i));
    }
    i = j;
  }
  return out;
}

}  // namespace kiosk
