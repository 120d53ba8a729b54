// Reading in parts, the short guidance, headphones, and the listening start
// (issue 16 points 2, 7 and 9): what core says and when.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "locale/language.hpp"
#include "base/paths.hpp"
#include "config/config.hpp"
#include "content/date.hpp"
#include "demo_site.hpp"
#include "flow/session.hpp"
#include "speech/reading.hpp"
#include "view/guidance_view.hpp"
#include "view/review_view.hpp"

using namespace kiosk;
using namespace std::chrono;
using namespace std::chrono_literals;

namespace {

const demo_site::Site& site() { return demo_site::get(); }

Session at_guidance(const std::string& lang, const std::string& where = "inside") {
  Session s;
  s.lang = lang;
  s.step = Step::guidance;
  s.situation.where = kiosk::where_from(where);
  s.situation.entry = kiosk::Entry::checkpoint;
  s.situation.arrival = "2026-11-19";
  return s;
}

const auto kNoon = sys_days{year{2026} / 11 / 21} + hours{7};  // 12:00 in Almaty

std::string all_lines(const std::vector<TextSection>& sections) {
  std::string out;
  for (const auto& s : sections)
    for (const auto& l : s.lines) out += l + "\n";
  return out;
}

FlowContext context(size_t parts, bool listening) {
  FlowContext c{site().form, FlowSettings{90s, 30s}, year_month_day{year{2026}, month{11}, day{21}}};
  c.parts = parts;
  c.listening = listening;
  return c;
}

}  // namespace

TEST_CASE("reading parts: whole lines in order, none longer than a part, the title first", "[reading]") {
  TextSection a{"a", "Title A", {}, {}, {}};
  for (int i = 0; i < 12; ++i) a.lines.push_back("This is sentence number " + std::to_string(i) + " of a long text.");
  TextSection b{"b", "Title B", {"Name of a place", "Address: Street 1", "", "Another place", "Phone: 1 2 3"}, {}, {}};
  b.spoken = {"", "", "", "", "Phone: one two three"};
  const auto parts = reading_parts({a, b}, "en", 20.0);
  REQUIRE(parts.size() >= 3);
  size_t line = 0, section = 0;
  for (const auto& p : parts) {
    CHECK(p.estimate <= 20.0);
    CHECK(p.estimate == Approx(estimate_seconds(p.text, "en")));
    if (p.section != section) {
      section = p.section;
      line = 0;
    }
    CHECK(p.first >= line);  // in order, never twice
    CHECK(p.end > p.first);
    line = p.end;
  }
  CHECK(parts.front().text.rfind("Title A. This is sentence number 0", 0) == 0);
  // Section b fits in one part: its title, both places, the phone's spoken form.
  const auto& last = parts.back();
  CHECK(last.section == 1);
  CHECK(last.first == 0);
  CHECK(last.end == 5);
  CHECK(last.text == "Title B. Name of a place. Address: Street 1. Another place. Phone: one two three");
  // Every line of section a is in exactly one part.
  size_t covered = 0;
  for (const auto& p : parts)
    if (p.section == 0) covered += p.end - p.first;
  CHECK(covered == a.lines.size());
}

TEST_CASE("the short guidance: deadline, where to go now, free help by phone", "[reading][view]") {
  const auto& st = site();
  for (const std::string& lang : kiosk::language_codes()) {
    INFO(lang);
    const Session person = at_guidance(lang);
    const auto brief = guidance_view(st.content, st.tr, st.config, person, kNoon);
    Session all = person;
    all.guidance_full = true;
    const auto full = guidance_view(st.content, st.tr, st.config, all, kNoon);
    REQUIRE(brief.size() == 4);
    CHECK(brief[0].id == "deadline");
    CHECK(brief[1].id == "help");
    CHECK(brief[2].id == "now");
    CHECK(brief[3].id == "more");
    CHECK(brief[0].lines.size() == 2);  // the last day, the days left
    CHECK(brief[3].lines.front() == st.tr.tr(lang, "guidance.brief.more"));
    CHECK(full.size() > brief.size());
    CHECK(all_lines(brief).size() * 3 < all_lines(full).size());
    // Every free-help organisation with a phone is there by name.
    for (const auto* id : {"unhcr-almaty", "kibhr-almaty", "redcrescent-almaty"}) {
      const Place* p = st.content.find_place(id);
      REQUIRE(p);
      CHECK_THAT(all_lines({brief[1]}), Catch::Matchers::Contains(p->name.get(lang)));
    }
    // The site's office, where to go now, inside the country.
    const Place* office = st.content.find_place(st.config.site.office);
    REQUIRE(office);
    CHECK_THAT(all_lines({brief[2]}), Catch::Matchers::Contains(office->name.get(lang)));
  }
  // At a border the short version tells only what to do there.
  const auto border = guidance_view(st.content, st.tr, st.config, at_guidance("en", "land_border"), kNoon);
  const std::string now = all_lines({border[2]});
  CHECK_THAT(now, Catch::Matchers::Contains("Border Service"));
  CHECK_THAT(now, !Catch::Matchers::Contains(st.tr.tr("en", "guidance.apply.desp")));
}

TEST_CASE("the address for a taxi driver is said to be on the screen, and read in Russian on request",
          "[reading][view]") {
  const auto& st = site();
  Session s = at_guidance("fa-AF");
  s.guidance_full = true;
  const auto sections = guidance_view(st.content, st.tr, st.config, s, kNoon);
  const Place* office = st.content.find_place(st.config.site.office);
  REQUIRE(office);
  int found = 0;
  for (const auto& section : sections)
    for (size_t i = 0; i < section.lines.size(); ++i) {
      if (section.russian_line(i).empty()) continue;
      ++found;
      // The person's voice says "this is the address in Russian, show it".
      CHECK(section.spoken_line(i) == st.tr.tr("fa-AF", "place.address_ru.spoken"));
      CHECK(section.lines[i].find(section.russian_line(i)) != std::string::npos);
    }
  CHECK(found >= 3);
  // No part spells a Russian address out in the Persian voice.
  for (const auto& p : reading_parts(sections, "fa-AF"))
    CHECK(p.text.find(office->address.get("ru")) == std::string::npos);
}

TEST_CASE("the short guidance reaches the free-help phones within a minute (estimated)", "[reading]") {
  const auto& st = site();
  for (const std::string& lang : kiosk::language_codes()) {
    INFO(lang);
    for (const char* where : {"inside", "land_border", "airport"}) {
      INFO(where);
      const auto sections = guidance_view(st.content, st.tr, st.config, at_guidance(lang, where), kNoon);
      const auto parts = reading_parts(sections, lang);
      double before = 0;
      bool reached = false;
      for (const auto& p : parts) {
        CHECK(p.estimate <= kPartSeconds);
        if (sections[p.section].id == "help") {
          reached = true;
          break;
        }
        before += p.estimate;
      }
      CHECK(reached);
      CHECK(before < 30.0);
    }
  }
}

TEST_CASE("next part, repeat, the part that ends while listening, everything", "[reading][flow]") {
  Session s = at_guidance("en");
  auto t = step(s, intent::NextPart{}, context(3, false));
  CHECK(t.session.reading_part == 1);
  CHECK(t.has(Effect::read_part));
  CHECK_FALSE(t.has(Effect::screen_changed));
  t = step(t.session, intent::RepeatPart{}, context(3, false));
  CHECK(t.session.reading_part == 1);
  CHECK(t.has(Effect::read_part));
  // A part said to its end goes on only while the person listens.
  CHECK(step(t.session, intent::PartRead{}, context(3, false)).session.reading_part == 1);
  t = step(t.session, intent::PartRead{}, context(3, true));
  CHECK(t.session.reading_part == 2);
  CHECK(t.has(Effect::read_part));
  // After the last part nothing more is read.
  t = step(t.session, intent::PartRead{}, context(3, true));
  CHECK(t.session.reading_part == 2);
  CHECK_FALSE(t.has(Effect::read_part));
  CHECK_FALSE(step(t.session, intent::NextPart{}, context(3, true)).has(Effect::read_part));
  // Everything: another screen, read from its first part.
  t = step(t.session, intent::ReadAll{true}, context(3, true));
  CHECK(t.session.guidance_full);
  CHECK(t.session.reading_part == 0);
  CHECK(t.has(Effect::screen_changed));
  // The idle warning over the screen does not lose the place.
  Session p = t.session;
  p.reading_part = 1;
  p.last_touch = steady_clock::time_point{};
  const auto warned = step(p, intent::Tick{p.last_touch + 91s, false}, context(3, true));
  CHECK(warned.session.idle_warning);
  CHECK(warned.session.reading_part == 1);
  // Another screen starts at its first part again.
  CHECK(step(p, intent::Next{}, context(3, true)).session.reading_part == 0);
}

TEST_CASE("listening to every part of the guidance is never wiped", "[reading][flow]") {
  Session s = at_guidance("fa-AF");
  s.last_touch = steady_clock::time_point{} + 1000s;
  auto now = s.last_touch;
  // Twelve parts of 55 s each, said one after another without a touch.
  for (int part = 0; part < 12; ++part) {
    for (int t = 0; t < 55; t += 5) {
      now += 5s;
      s = reduce(s, intent::Tick{now, true}, context(12, true));
      REQUIRE(s.step == Step::guidance);
      REQUIRE_FALSE(s.idle_warning);
    }
    s = reduce(s, intent::PartRead{}, context(12, true));
  }
  CHECK(s.reading_part == 11);
  CHECK(now - steady_clock::time_point{} > 1000s + 600s);
  // Then the idle timer runs from the end of the speech.
  s = reduce(s, intent::Tick{now + 89s, false}, context(12, true));
  CHECK_FALSE(s.idle_warning);
  s = reduce(s, intent::Tick{now + 90s, false}, context(12, true));
  CHECK(s.idle_warning);
}

TEST_CASE("the language screen: while listening a touch says the name, a second chooses", "[reading][flow]") {
  Session s;
  s.step = Step::language;
  auto t = step(s, intent::TouchLanguage{"fa-AF"}, context(0, true));
  CHECK(t.session.step == Step::language);
  CHECK(t.session.heard_language == "fa-AF");
  CHECK(t.session.lang.empty());
  CHECK(t.has(Effect::say_language));
  t = step(t.session, intent::TouchLanguage{"kk"}, context(0, true));  // another one: its name
  CHECK(t.session.heard_language == "kk");
  CHECK(t.has(Effect::say_language));
  t = step(t.session, intent::TouchLanguage{"kk"}, context(0, true));
  CHECK(t.session.step == Step::situation);
  CHECK(t.session.lang == "kk");
  CHECK(t.session.heard_language.empty());
  CHECK_FALSE(t.has(Effect::say_language));
  // Without read-aloud one touch chooses.
  t = step(s, intent::TouchLanguage{"ru"}, context(0, false));
  CHECK(t.session.step == Step::situation);
  CHECK(t.session.lang == "ru");
  // The words: the name in its own language, in its own voice.
  const auto said = language_speech(site().tr, "fa-AF");
  CHECK(said.lang == "fa-AF");
  CHECK(said.text == site().tr.tr("fa-AF", "language.heard.spoken"));
}

TEST_CASE("the attract screen's listen says it in every language, each in its voice", "[reading][flow]") {
  Session s;
  CHECK(step(s, intent::Listen{}, context(0, false)).has(Effect::say_attract));
  s.step = Step::language;
  CHECK_FALSE(step(s, intent::Listen{}, context(0, false)).has(Effect::say_attract));
  const auto said = attract_speech(site().tr, site().config);
  // Every language of the site with a voice, in the site's order; Pashto
  // (no voice) is left out rather than read in another language's voice.
  std::vector<std::string> voiced;
  for (const auto& code : site().config.kiosk.languages)
    if (has_voice_in_table(code)) voiced.push_back(code);
  REQUIRE(voiced.size() + 1 == site().config.kiosk.languages.size());
  REQUIRE(said.size() == voiced.size());
  for (size_t i = 0; i < said.size(); ++i) {
    CHECK(said[i].lang == voiced[i]);
    CHECK_FALSE(said[i].text.empty());
  }
  CHECK_THAT(said[2].text, Catch::Matchers::Contains("free"));

  // Pashto's touch on the language screen chooses at once (it cannot say
  // its name), and its name is never said in another voice.
  Session at_language;
  at_language.step = Step::language;
  const auto t = step(at_language, intent::TouchLanguage{"ps-AF"}, context(0, true));
  CHECK(t.session.lang == "ps-AF");
  CHECK(t.session.step == Step::situation);
  CHECK_FALSE(t.has(Effect::say_language));
  CHECK(language_speech(site().tr, "ps-AF").text.empty());
  // What the screens say instead, in Pashto.
  CHECK_FALSE(site().tr.tr("ps-AF", "access.no_voice").empty());
  CHECK(site().tr.tr("ps-AF", "access.no_voice").find("پښتو") != std::string::npos);
  CHECK_THAT(said[2].text, Catch::Matchers::Contains("name"));
}

TEST_CASE("without headphones the review reads the questions, never the answers", "[reading][view]") {
  const auto& st = site();
  Session s;
  s.step = Step::review;
  s.answers.values["surname"] = "Testova";
  s.answers.values["phone"] = "+7 701 555 01 23";
  Config loud = st.config;
  loud.kiosk.headphones = false;
  CHECK_FALSE(answers_aloud(s, loud));
  const auto rows = review_view(s, st.form, st.tr, "en", answers_aloud(s, loud));
  bool surname = false;
  for (const auto& r : rows) {
    CHECK(r.spoken == r.label);
    CHECK(r.spoken.find("Testova") == std::string::npos);
    CHECK(r.spoken.find("555") == std::string::npos);
    surname = surname || r.field == "surname";
  }
  CHECK(surname);
  // With headphones (the person's button, or the site's default) the answer too.
  s.headphones = true;
  CHECK(answers_aloud(s, loud));
  const auto with = review_view(s, st.form, st.tr, "en", answers_aloud(s, loud));
  bool heard = false;
  for (const auto& r : with) heard = heard || r.spoken.find("Testova") != std::string::npos;
  CHECK(heard);
  Config quiet = st.config;
  quiet.kiosk.headphones = true;
  CHECK(answers_aloud(Session{}, quiet));
  // The button is the person's; a wipe forgets it.
  Session pressed = reduce(Session{}, intent::SetHeadphones{true}, context(0, false));
  CHECK(pressed.headphones == std::optional<bool>(true));
  CHECK_FALSE(wiped().headphones.has_value());
}

TEST_CASE("kiosk.headphones in the config: a default of false, true or false only", "[reading][config]") {
  const auto dir = std::filesystem::temp_directory_path() / ("kiosk-headphones-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::filesystem::copy_file(data_dir() / "kiosk-config/demo-office-public.pem", dir / "key.pem",
                             std::filesystem::copy_options::overwrite_existing);
  auto write = [&](const std::string& kiosk_lines) {
    const auto p = dir / "k.toml";
    std::ofstream(p) << "[site]\nid = \"t\"\nkind = \"airport\"\noffice = \"desp-almaty\"\n[kiosk]\n"
                     << kiosk_lines
                     << "[staff]\npin_hash = \"pbkdf2-sha256$1000$ZmljdGl0aW91cy1zYWx0IQ==$/bOA1KlQLBYixDlR773EOwczibh50Jiou6DypZx6XXw=\"\n"
                        "[outbox]\ndata_dir = \"data\"\n[sync]\npublic_key_file = \"key.pem\"\n";
    return p;
  };
  Config c;
  CHECK(check_config(write(""), c).empty());
  CHECK_FALSE(c.kiosk.headphones);
  Config on;
  CHECK(check_config(write("headphones = true\n"), on).empty());
  CHECK(on.kiosk.headphones);
  Config bad;
  const auto problems = check_config(write("headphones = \"yes\"\n"), bad);
  REQUIRE(problems.size() == 1);
  CHECK(problems.front().line == 6);
  CHECK_THAT(problems.front().message, Catch::Matchers::Contains("kiosk.headphones"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("the review is read in parts, questions only through a loudspeaker", "[reading][view]") {
  const auto& st = site();
  Session s;
  s.step = Step::review;
  s.answers.values["surname"] = "Testova";
  for (const std::string& lang : kiosk::language_codes()) {
    INFO(lang);
    const auto section = review_reading(review_view(s, st.form, st.tr, lang, false), st.tr, lang);
    CHECK(section.lines.front() == st.tr.tr(lang, "review.hint"));
    const auto parts = reading_parts({section}, lang);
    REQUIRE(parts.size() >= 2);  // a whole review is more than one minute
    size_t covered = 0;
    for (const auto& p : parts) {
      CHECK(p.estimate <= kPartSeconds);
      CHECK(p.text.find("Testova") == std::string::npos);
      covered += p.end - p.first;
    }
    CHECK(covered == section.lines.size());
  }
}
