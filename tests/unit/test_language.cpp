// The language table (assets/languages.toml): the one place per-language
// facts live. Its facts agree with ICU and with the other data files, and a
// broken table is refused with FILE:LINE.
#include <catch2/catch.hpp>
#include <unicode/numsys.h>
#include <unicode/uscript.h>

#include <filesystem>
#include <fstream>

#include "base/paths.hpp"
#include "input/keyboard.hpp"
#include "content/date.hpp"
#include "document/samples.hpp"
#include "locale/calendar.hpp"
#include "locale/language.hpp"
#include "outbox_fixtures.hpp"
#include "speech/speech.hpp"

namespace fs = std::filesystem;

TEST_CASE("the language table holds the five languages and their facts", "[language]") {
  REQUIRE(kiosk::languages_problem().ok());
  std::vector<std::string> codes;
  for (const auto& l : kiosk::languages()) codes.push_back(l.code);
  CHECK(codes == std::vector<std::string>{"kk", "ru", "en", "fa-AF", "ps-AF", "uk"});
  const auto* dari = kiosk::find_language("fa-AF");
  REQUIRE(dari);
  CHECK(dari->rtl);
  CHECK(dari->script == "Arab");
  CHECK(kiosk::speech::voice_for("fa-AF") == "fa");
  CHECK(kiosk::calendar_for("fa-AF") == "persian");
  CHECK(kiosk::keyboards_for("fa-AF") == std::vector<std::string>{"fa-AF", "en", "digits"});
  CHECK(kiosk::keyboards_for("en") == std::vector<std::string>{"en", "ru", "digits"});
  CHECK(kiosk::find_language("ru")->petition);
  CHECK(kiosk::find_language("kk")->petition);
  CHECK_FALSE(kiosk::find_language("en")->petition);
  CHECK(kiosk::find_language("xx") == nullptr);
  CHECK(dari->clock == "parts");
  CHECK(dari->day_parts.front() == "صبح");
  CHECK(kiosk::find_language("en")->clock == "12h");
  CHECK(kiosk::find_language("ru")->clock == "24h");
  CHECK(dari->speech_seconds_per_char > kiosk::find_language("ru")->speech_seconds_per_char);
}

TEST_CASE("the table's scripts and digits are what ICU says of each locale, its keyboards exist",
          "[language]") {
  for (const auto& l : kiosk::languages()) {
    INFO(l.code);
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode scripts[4];
    const int n = uscript_getCode(l.icu_locale.c_str(), scripts, 4, &status);
    REQUIRE(U_SUCCESS(status));
    REQUIRE(n >= 1);
    CHECK(l.script == uscript_getShortName(scripts[0]));
    status = U_ZERO_ERROR;
    std::unique_ptr<icu::NumberingSystem> ns(
        icu::NumberingSystem::createInstance(icu::Locale(l.icu_locale.c_str()), status));
    REQUIRE(U_SUCCESS(status));
    CHECK(l.digits == ns->getName());
    for (const auto& k : l.keyboards) CHECK(fs::exists(kiosk::data_dir() / "assets/keyboards" / (k + ".toml")));
  }
}

TEST_CASE("a language is added with data alone, a broken table names its line", "[language]") {
  const fs::path dir = odk_test::fresh_dir("language");
  const fs::path file = dir / "languages.toml";
  std::ofstream(file) << "[[language]]\ncode = \"ps\"\nicu_locale = \"ps_AF\"\nname = \"پښتو\"\n"
                         "script = \"Arab\"\ndirection = \"rtl\"\nvoice = \"\"\n"
                         "calendars = [\"persian\", \"gregorian\"]\ndigits = \"arabext\"\n"
                         "keyboards = [\"ps\", \"en\", \"digits\"]\n";
  auto ok = kiosk::load_languages(file);
  REQUIRE(ok);
  REQUIRE(ok->size() == 1);
  CHECK(ok->front().rtl);
  CHECK(ok->front().voice.empty());
  CHECK(ok->front().calendar() == "persian");
  CHECK(ok->front().clock == "24h");  // the defaults when the table says nothing
  CHECK(ok->front().speech_seconds_per_char == Approx(0.13));
  const std::string pashto = "[[language]]\ncode = \"ps\"\nicu_locale = \"ps_AF\"\nname = \"پښتو\"\n"
                             "script = \"Arab\"\ndirection = \"rtl\"\ncalendars = [\"persian\"]\n"
                             "digits = \"arabext\"\nkeyboards = [\"ps\"]\n";
  std::ofstream(file) << pashto << "clock = \"parts\"\nday_parts = [\"a\", \"b\", \"c\", \"d\", \"e\"]\n"
                                   "time_pattern = \"{part} {time}\"\nspeech_seconds_per_char = 0.2\n";
  ok = kiosk::load_languages(file);
  REQUIRE(ok);
  CHECK(ok->front().clock == "parts");
  CHECK(ok->front().day_parts.back() == "e");
  CHECK(ok->front().time_pattern == "{part} {time}");
  CHECK(kiosk::format_time(21, 5, ok->front()).rfind("e ", 0) == 0);  // the night's word first
  std::ofstream(file) << pashto << "clock = \"parts\"\nday_parts = [\"a\"]\n";
  CHECK_FALSE(kiosk::load_languages(file));  // five parts of the day, or none
  CHECK(ok->front().speech_seconds_per_char == Approx(0.2));
  std::ofstream(file) << pashto << "clock = \"sundial\"\n";
  CHECK_FALSE(kiosk::load_languages(file));
  std::ofstream(file) << pashto << "speech_seconds_per_char = 7\n";
  CHECK_FALSE(kiosk::load_languages(file));
  std::ofstream(file) << "[[language]]\ncode = \"ps\"\nicu_locale = \"ps_AF\"\nname = \"پښتو\"\n"
                         "script = \"Arab\"\ndirection = \"sideways\"\ndigits = \"arabext\"\n";
  auto bad = kiosk::load_languages(file);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().where == file.string() + ":1");
  std::ofstream(file) << "[[language]]\ncode = = \"ps\"\n";
  bad = kiosk::load_languages(file);
  REQUIRE_FALSE(bad);
  CHECK(bad.error().where == file.string() + ":2");
  fs::remove_all(dir);
}

TEST_CASE("one long-date formatter: the screen, the receipt and the samples agree", "[language]") {
  using namespace std::chrono;
  const year_month_day leap{year{2024}, month{2}, day{29}};
  for (const auto& l : kiosk::languages()) {
    INFO(l.code);
    const std::string plain = kiosk::long_date(leap, l, false);
    CHECK(kiosk::format_date(leap, l) == plain);                         // content, receipts
    std::string screen = kiosk::format_date(l.code, leap);                // answers on screen
    for (const char* mark : {"\u2068", "\u2069"})
      for (auto at = screen.find(mark); at != std::string::npos; at = screen.find(mark)) screen.erase(at, 3);
    CHECK(screen == plain);
  }
  CHECK(kiosk::long_date(leap, *kiosk::find_language("fa-AF"), false).rfind("۱۰ حوت ۱۴۰۲ (", 0) == 0);
}

TEST_CASE("language_for_text: a key or a language name is shaped in the language of its script", "[language]") {
  auto code = [](std::string_view text, std::string_view preferred) -> std::string {
    const kiosk::Language* l = kiosk::language_for_text(text, preferred);
    return l ? l->code : "";
  };
  CHECK(code("ب", "en") == "fa-AF");           // a Dari letter on an English keyboard
  CHECK(code("دری", "ru") == "fa-AF");
  CHECK(code("Українська", "uk") == "uk");    // the screen's own language first
  CHECK(code("Ә", "uk") == "uk");             // same script: the screen's language
  CHECK(code("Русский", "fa-AF") == "kk");    // else the table's first Cyrillic language
  CHECK(code("English", "ru") == "en");
  CHECK(code("7", "fa-AF").empty());          // digits belong to no one
  CHECK(code("", "ru").empty());
  CHECK(code("«Ж»", "en") == "kk");           // signs before the first letter are passed over
}

TEST_CASE("a list is joined as its language joins one", "[language]") {
  CHECK(std::string(kiosk::list_separator("fa-AF")) == "\u060C ");
  CHECK(std::string(kiosk::list_separator("ru")) == ", ");
  CHECK(std::string(kiosk::list_separator("xx")) == ", ");  // unknown: the Latin comma
}
