#include <catch2/catch.hpp>

#include <filesystem>

#include "base/paths.hpp"
#include "input/keyboard.hpp"
#include "locale/calendar.hpp"
#include "locale/language.hpp"

using namespace kiosk;
using namespace std::chrono;

TEST_CASE("every language's keyboards load and carry its special letters", "[input]") {
  for (const auto& lang : languages()) {
    for (const auto& id : keyboards_for(lang.code)) {
      INFO(lang.code << " " << id);
      auto k = load_keyboard(data_dir() / "assets/keyboards" / (id + ".toml"));
      REQUIRE(k.ok());
      CHECK_FALSE(k->rows.empty());
    }
  }
  auto has = [](const std::string& id, const std::vector<std::string>& letters) {
    const auto k = *load_keyboard(data_dir() / "assets/keyboards" / (id + ".toml"));
    for (const auto& l : letters) {
      bool found = false;
      for (const auto& row : k.rows)
        for (const auto& key : row) found = found || key == l;
      INFO(id << " lacks " << l);
      CHECK(found);
    }
  };
  has("kk", {"ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і"});
  has("uk", {"є", "і", "ї", "ґ"});
  has("fa-AF", {"پ", "چ", "ژ", "گ", "ک", "ی", "zwnj"});
}

TEST_CASE("typing and backspace work on user-perceived characters", "[input]") {
  std::string b;
  b = type_key(b, "ب");
  b = type_key(b, "ر");
  b = type_key(b, "zwnj");
  CHECK(b == "بر\u200C");
  b = edit_key(b, EditKey::backspace);
  CHECK(b == "بر");
  // A base letter with a combining mark goes in one press.
  CHECK(edit_key("ab\u0301", EditKey::backspace) == "a");
  CHECK(edit_key("", EditKey::backspace).empty());
  CHECK(edit_key("a", EditKey::space) == "a ");
  CHECK(edit_key("abc", EditKey::clear).empty());
  CHECK(utf8_of(U'ә') == "ә");
  CHECK(utf8_of(0x08).empty());
  CHECK(western_digits("۰۷۰۱ ٥٥٥") == "0701 555");
}

TEST_CASE("a date known only as a year or a year and month, in either calendar", "[input][locale]") {
  CHECK(precision_of("1990") == DatePrecision::year);
  CHECK(precision_of("1990-05") == DatePrecision::month);
  CHECK(precision_of("1990-05-17") == DatePrecision::day);
  CHECK(precision_of("") == DatePrecision::day);
  // Gregorian: the picked year or month itself.
  CHECK(date_value({1990, 5, 17}, DatePrecision::year, "gregorian") == "1990");
  CHECK(date_value({1990, 5, 17}, DatePrecision::month, "gregorian") == "1990-05");
  CHECK(date_value({1990, 5, 17}, DatePrecision::day, "gregorian") == "1990-05-17");
  CHECK(date_value({1990, 2, 30}, DatePrecision::day, "gregorian").empty());
  // Solar Hijri: the Gregorian year or month that holds the middle of it.
  CHECK(date_value({1369, 1, 1}, DatePrecision::year, "persian") == "1990");  // Mar 1990 - Mar 1991
  CHECK(date_value({1370, 1, 1}, DatePrecision::month, "persian") == "1991-04");  // Hamal: 21 Mar - 20 Apr
  CHECK(date_value({1369, 11, 1}, DatePrecision::month, "persian") == "1991-02");  // Dalw
  // The picker shows a stored answer so that picking it again gives it back.
  for (const char* cal : {"gregorian", "persian"}) {
    const int first = std::string(cal) == "persian" ? 1360 : 1981;
    for (int y = first; y < first + 30; ++y) {
      INFO(cal << " " << y);
      const std::string year_only = date_value({y, 1, 1}, DatePrecision::year, cal);
      const auto shown = picker_date(year_only, cal);
      REQUIRE(shown);
      CHECK(shown->year == y);
      for (int m = 1; m <= 12; ++m) {
        INFO(m);
        const std::string ym = date_value({y, m, 1}, DatePrecision::month, cal);
        const auto back = picker_date(ym, cal);
        REQUIRE(back);
        CHECK(back->year == y);
        CHECK(back->month == m);
        CHECK(date_value(*back, DatePrecision::month, cal) == ym);
      }
    }
  }
  CHECK_FALSE(picker_date("19x0", "gregorian"));
  CHECK_FALSE(picker_date("1990-13", "gregorian"));
  // Changing the precision keeps what was picked.
  CHECK(with_precision("1991-04-12", DatePrecision::year, "gregorian") == "1991");
  CHECK(with_precision("1991-04-12", DatePrecision::month, "gregorian") == "1991-04");
  CHECK(with_precision("1991-04", DatePrecision::day, "gregorian") == "1991-04-01");
  CHECK(with_precision("1991", DatePrecision::day, "gregorian") == "1991-01-01");
  CHECK(with_precision("1991", DatePrecision::month, "gregorian") == "1991-01");
  CHECK(with_precision("1990", DatePrecision::month, "persian") == "1990-04");  // Hamal 1369
  CHECK(with_precision("1991", DatePrecision::year, "gregorian") == "1991");
  // 25 March 1991 is 5 Hamal 1370: its month is Hamal, mostly April.
  CHECK(with_precision("1991-03-25", DatePrecision::month, "persian") == "1991-04");
  CHECK(with_precision("1991-03-15", DatePrecision::year, "persian") == "1990");  // still 1369
  CHECK(with_precision("", DatePrecision::year, "persian").empty());
}

TEST_CASE("a year or a year and month in words, in the person's calendars", "[input][locale]") {
  CHECK(partial_date_words("1990-05-17", "en").empty());
  CHECK(partial_date_words("", "en").empty());
  CHECK(partial_date_words("1990", "en") == "1990");
  CHECK(partial_date_words("1990-05", "en") == "May 1990");
  CHECK_THAT(partial_date_words("1990-05", "ru"), Catch::Matchers::Contains("1990"));
  CHECK_THAT(partial_date_words("1990-05", "ru"), Catch::Matchers::Contains("ма"));  // май / мая
  // Dari: the Solar Hijri year first, the Gregorian one beside it.
  const std::string fa = partial_date_words("1990", "fa-AF");
  CHECK_THAT(fa, Catch::Matchers::Contains("۱۳۶۹"));
  CHECK_THAT(fa, Catch::Matchers::Contains("۱۹۹۰"));
  CHECK(fa.find("۱۳۶۹") < fa.find("۱۹۹۰"));
  CHECK_THAT(partial_date_words("1990-05", "fa-AF"), Catch::Matchers::Contains("ثور"));  // Saur 1369
}

TEST_CASE("Solar Hijri dates convert both ways through ICU", "[input][locale]") {
  // Nowruz: 1 Hamal 1403 = 20 March 2024; 1 Hamal 1404 = 21 March 2025.
  CHECK(to_calendar(year{2024} / 3 / 20, "persian") == CalendarDate{1403, 1, 1});
  CHECK(to_calendar(year{2025} / 3 / 21, "persian") == CalendarDate{1404, 1, 1});
  CHECK(*from_calendar({1403, 1, 1}, "persian") == year_month_day{year{2024} / 3 / 20});
  // Round trip over three years of days.
  for (auto d = sys_days{year{2023} / 1 / 1}; d < sys_days{year{2026} / 1 / 1}; d += days{1}) {
    const auto c = to_calendar(year_month_day{d}, "persian");
    REQUIRE(from_calendar(c, "persian") == year_month_day{d});
  }
  CHECK(days_in_month(1403, 1, "persian") == 31);
  CHECK(days_in_month(1403, 7, "persian") == 30);
  CHECK_FALSE(from_calendar({1403, 7, 31}, "persian"));
  CHECK(days_in_month(2024, 2, "gregorian") == 29);
  CHECK_FALSE(from_calendar({2023, 2, 29}, "gregorian"));
  const auto months = month_names("fa-AF", "persian");
  REQUIRE(months.size() == 12);
  CHECK(months[0] == "حمل");  // Afghan name of the first month
  // Russian format context is genitive ("1 января"); the picker shows it with a day.
  CHECK(month_names("ru", "gregorian")[0] == "января");
}
