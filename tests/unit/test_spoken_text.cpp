// Texts for listening: where the spoken text differs from the written one,
// the guidance carries a spoken form (locale keys "<key>.spoken", spoken
// times and phone numbers) and read-aloud uses it. The Dari voice never
// spells a Russian address letter by letter (review row D7), no voice reads
// "09:00" as "zero nine zero zero", and Dari hours are written the Afghan
// way (row D3).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "content/content.hpp"
#include "demo_site.hpp"
#include "content/date.hpp"
#include "content/guidance.hpp"
#include "locale/catalog.hpp"
#include "locale/language.hpp"

namespace fs = std::filesystem;

namespace {

using demo_site::content;
using demo_site::translations;

struct ClockCase {
  int hour, minute;
  const char* want;
};

// What `say` (spoken_time or format_time) gives in `code` for each hour and minute.
void check_clock(std::string (*say)(int, int, const kiosk::Language&), const char* code,
                 std::initializer_list<ClockCase> cases) {
  const kiosk::Language* lang = kiosk::find_language(code);
  REQUIRE(lang);
  for (const auto& c : cases) {
    INFO(code << " " << c.hour << ":" << c.minute);
    CHECK(say(c.hour, c.minute, *lang) == c.want);
  }
}

const fs::path kSource(KIOSK_SOURCE_DIR);



// Whether `s` holds a Cyrillic letter (U+0400-U+04FF: D0-D3 lead bytes).
bool has_cyrillic(const std::string& s) {
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0xD0 && c <= 0xD3) return true;
  }
  return false;
}

std::vector<kiosk::TextSection> guidance(const std::string& code) {
  const kiosk::Texts tr(translations(), *kiosk::find_language(code));
  return kiosk::guidance_sections(content(), tr, {"desp-almaty", ""});
}

}  // namespace

TEST_CASE("every guidance line has a spoken form, in the same order", "[content][speech]") {
  for (const auto& lang : kiosk::languages()) {
    for (const auto& s : guidance(lang.code)) {
      INFO(lang.code << " " << s.id);
      CHECK(s.spoken.size() == s.lines.size());
      for (size_t i = 0; i < s.lines.size(); ++i)
        CHECK(s.lines[i].empty() == s.spoken_line(i).empty());
    }
  }
}

TEST_CASE("Dari read-aloud says the Russian address is on the screen, never spells it", "[content][speech]") {
  for (const char* code : {"fa-AF", "en"}) {
    INFO(code);
    size_t shown = 0, said = 0;
    bool told = false;
    const kiosk::Texts tr(translations(), *kiosk::find_language(code));
    const std::string note = tr("place.address_ru.spoken");
    for (const auto& s : guidance(code)) {
      for (size_t i = 0; i < s.lines.size(); ++i) {
        if (has_cyrillic(s.lines[i])) ++shown;
        if (has_cyrillic(s.spoken_line(i))) ++said;
        if (s.spoken_line(i) == note) told = true;
      }
    }
    CHECK(shown >= 5);  // every DESP office's address for the driver is on the screen
    CHECK(said == 0);   // and none is spelled letter by letter
    CHECK(told);
  }
  // A Kazakh reader's Russian address line is also replaced (the voice
  // reads the Kazakh address just before it).
  const kiosk::Texts kk(translations(), *kiosk::find_language("kk"));
  CHECK(kk.spoken("place.address_ru", {{"address", "г. Алматы"}}) != kk("place.address_ru", {{"address", "г. Алматы"}}));
}

TEST_CASE("a key without a spoken form is said as written", "[content][speech]") {
  const kiosk::Texts tr(translations(), *kiosk::find_language("ru"));
  CHECK(tr.spoken("guidance.apply.title") == tr("guidance.apply.title"));
  CHECK(tr.spoken("place.phone", {{"phone", "+7, 727"}}) == "Телефон: +7, 727");
}

TEST_CASE("phone numbers are said in groups, times as people say them", "[content][speech]") {
  CHECK(kiosk::spoken_phone("+7 727 258 45 98") == "+7, 727, 258, 45, 98");
  CHECK(kiosk::spoken_phone(" +7  701 ") == "+7, 701");
  check_clock(kiosk::spoken_time, "ru", {{9, 0, "9"}, {17, 10, "17:10"}, {9, 5, "9:05"}});
  check_clock(kiosk::spoken_time, "en", {{9, 0, "9 a.m."}, {18, 0, "6 p.m."}, {17, 10, "5:10 p.m."}});
  check_clock(kiosk::spoken_time, "fa-AF", {{9, 0, "۹ صبح"}, {17, 10, "۵ و ۱۰ دقیقهٔ عصر"}});
  // The written form stays the 24-hour clock outside Dari.
  check_clock(kiosk::format_time, "ru", {{9, 0, "09:00"}});
  for (const auto& lang : kiosk::languages()) {
    for (const auto& s : guidance(lang.code)) {
      for (size_t i = 0; i < s.lines.size(); ++i) {
        INFO(lang.code << ": " << s.spoken_line(i));
        CHECK(s.spoken_line(i).find(":00") == std::string::npos);
        CHECK(s.spoken_line(i).find("\u2066") == std::string::npos);  // no direction marks
      }
    }
  }
}

TEST_CASE("Dari hours: 12-hour with the part of the day, minutes only when not :00", "[content]") {
  check_clock(kiosk::format_time, "fa-AF",
              {{9, 0, "۹ صبح"}, {12, 0, "۱۲ چاشت"}, {15, 0, "۳ عصر"}, {17, 10, "۵:۱۰ عصر"}, {18, 0, "۶ شام"},
               {21, 5, "۹:۰۵ شب"}});
  std::string all;
  for (const auto& s : guidance("fa-AF"))
    for (const auto& l : s.lines) all += l + "\n";
  CHECK(all.find("۹ صبح تا ۶ شام") != std::string::npos);  // UNHCR Almaty
  CHECK(all.find("۰۹:۰۰") == std::string::npos);
  CHECK(all.find("۱۸:۰۰") == std::string::npos);
}

TEST_CASE("Dari speech gets vowel marks where the Persian voice misreads an Afghan word", "[content][speech]") {
  // espeak-ng's Persian voice reads «ستره محکمه» (Supreme Court) 'sotrah';
  // the spoken form carries a sukun and a fatha: «سْتَره», 'stara'. The
  // screen keeps the plain spelling.
  std::string written, said;
  for (const auto& s : guidance("fa-AF"))
    for (size_t i = 0; i < s.lines.size(); ++i) {
      written += s.lines[i] + "\n";
      said += s.spoken_line(i) + "\n";
    }
  CHECK(written.find("ستره محکمه") != std::string::npos);
  CHECK(written.find("سْتَره") == std::string::npos);
  CHECK(said.find("سْتَره محکمه") != std::string::npos);
}
