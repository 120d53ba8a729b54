#include <catch2/catch.hpp>

#include <set>

#include "base/paths.hpp"
#include "locale/catalog.hpp"
#include "locale/language.hpp"

TEST_CASE("the five languages are known, Dari is right to left", "[locale]") {
  REQUIRE(kiosk::languages().size() == 5);
  CHECK(kiosk::find_language("fa-AF")->rtl);
  CHECK_FALSE(kiosk::find_language("kk")->rtl);
  CHECK(kiosk::find_language("de") == nullptr);
}

TEST_CASE("every locale loads and has exactly the keys of English", "[locale]") {
  auto t = kiosk::Translations::load(kiosk::data_dir() / "locales");
  REQUIRE(t.ok());
  const auto& en = t->catalog("en").entries();
  for (const auto& lang : kiosk::languages()) {
    const auto& other = t->catalog(lang.code).entries();
    for (const auto& [key, _] : en) {
      INFO(lang.code << " lacks " << key);
      CHECK(other.count(key) == 1);
    }
    for (const auto& [key, _] : other) {
      INFO(lang.code << " has extra " << key);
      CHECK(en.count(key) == 1);
    }
  }
}

TEST_CASE("ICU plural rules choose the right Russian and Ukrainian forms", "[locale]") {
  const std::string ru = "{n, plural, one {# день} few {# дня} many {# дней} other {# дня}}";
  auto f = [&](const std::string& p, const char* loc, int64_t n) {
    return kiosk::format_message(p, loc, {{"n", n}}).value();
  };
  CHECK(f(ru, "ru", 1) == "1 день");
  CHECK(f(ru, "ru", 2) == "2 дня");
  CHECK(f(ru, "ru", 5) == "5 дней");
  CHECK(f(ru, "ru", 21) == "21 день");
  const std::string uk = "{n, plural, one {# день} few {# дні} many {# днів} other {# дня}}";
  CHECK(f(uk, "uk", 3) == "3 дні");
  CHECK(f(uk, "uk", 11) == "11 днів");
}

TEST_CASE("a bad pattern is an error, a missing key is visible", "[locale]") {
  CHECK_FALSE(kiosk::format_message("{n, plural, one {x}", "en", {{"n", int64_t{1}}}).ok());
  auto t = kiosk::Translations::load(kiosk::data_dir() / "locales");
  REQUIRE(t.ok());
  CHECK(t->tr("ru", "no.such.key") == "⟦no.such.key⟧");
  CHECK(t->tr("ru", "nav.back") == "Назад");
}
