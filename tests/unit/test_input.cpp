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
