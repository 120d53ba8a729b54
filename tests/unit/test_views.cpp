// Core's views: what a screen says, computed from the session, the site, the
// content, the translations and the clock that is passed in.
#include <catch2/catch.hpp>

#include "locale/language.hpp"
#include "base/paths.hpp"
#include "demo_site.hpp"
#include "content/date.hpp"
#include "view/guidance_view.hpp"
#include "view/review_view.hpp"

#include <map>

using namespace kiosk;
using namespace std::chrono;

namespace {

const demo_site::Site& site() { return demo_site::get(); }

// An instant given as Kazakhstan's local wall clock (UTC+5).
system_clock::time_point almaty(int y, unsigned m, unsigned d, int hour, int minute = 0) {
  const sys_days date{year{y} / month{m} / day{d}};
  return date + hours{hour - 5} + minutes{minute};
}

// A person who came through a checkpoint and whose last day is 21 Nov 2026.
Session last_day_person(const std::string& lang) {
  Session s;
  s.lang = lang;
  s.step = Step::guidance;
  s.situation.where = kiosk::Where::inside;
  s.situation.entry = kiosk::Entry::checkpoint;
  const std::chrono::year_month_day arrival =
      add_days(std::chrono::year{2026} / 11 / 21, -site().content.deadline.days_after_arrival);
  s.situation.arrival = to_iso(arrival);
  return s;
}

std::string deadline_text(const std::vector<TextSection>& sections) {
  for (const auto& s : sections)
    if (s.id == "deadline") {
      std::string all;
      for (const auto& l : s.lines) all += l + "\n";
      return all;
    }
  return {};
}

}  // namespace

TEST_CASE("guidance view: two people, same answers, different hour", "[view]") {
  const auto& st = site();
  const Session person = last_day_person("en");
  const auto morning = deadline_text(guidance_view(st.content, st.tr, st.config, person, almaty(2026, 11, 21, 8)));
  const auto evening = deadline_text(guidance_view(st.content, st.tr, st.config, person, almaty(2026, 11, 21, 18)));
  CHECK_THAT(morning, Catch::Matchers::Contains("About 16 hours are left today."));
  CHECK_THAT(evening, Catch::Matchers::Contains("About 6 hours are left today."));

  // The kiosk's view object: the second person later the same day is told
  // their own hours, not the first person's.
  GuidanceView view;
  const auto first = deadline_text(view.get(st.content, st.tr, st.config, person, almaty(2026, 11, 21, 10)));
  const Session second = last_day_person("en");
  const auto later = deadline_text(view.get(st.content, st.tr, st.config, second, almaty(2026, 11, 21, 18)));
  CHECK_THAT(first, Catch::Matchers::Contains("About 14 hours are left today."));
  CHECK_THAT(later, Catch::Matchers::Contains("About 6 hours are left today."));
  CHECK(view.builds() == 2);
  // Within the same hour nothing changes, so nothing is made again.
  (void)view.get(st.content, st.tr, st.config, second, almaty(2026, 11, 21, 18, 20));
  CHECK(view.builds() == 2);
  view.clear();
  CHECK(view.builds() == 0);
}

TEST_CASE("guidance view: the deadline across midnight in Asia/Almaty", "[view]") {
  const auto& st = site();
  const Session person = last_day_person("en");
  const auto before = deadline_text(
      guidance_view(st.content, st.tr, st.config, person, almaty(2026, 11, 21, 23, 59)));
  const auto after = deadline_text(
      guidance_view(st.content, st.tr, st.config, person, almaty(2026, 11, 22, 0, 1)));
  CHECK_THAT(before, Catch::Matchers::Contains("Today is the last day."));
  CHECK_THAT(before, Catch::Matchers::Contains("About 1 hour is left today."));
  CHECK_THAT(after, !Catch::Matchers::Contains("Today is the last day."));
  CHECK_THAT(after, Catch::Matchers::Contains("The last day was November 21, 2026."));
  CHECK_THAT(after, Catch::Matchers::Contains("Go to the office today anyway"));
  // UTC midnight is not Almaty's: at 23:30 UTC on the 21st it is already the 22nd there.
  const auto utc_late = deadline_text(guidance_view(st.content, st.tr, st.config, person,
                                                    sys_days{year{2026} / 11 / 21} + hours{23} + minutes{30}));
  CHECK_THAT(utc_late, Catch::Matchers::Contains("The last day was November 21, 2026."));
}

TEST_CASE("guidance view: in every language, the site's office first", "[view]") {
  const auto& st = site();
  for (const std::string& lang : kiosk::language_codes()) {
    const auto sections = guidance_view(st.content, st.tr, st.config, last_day_person(lang),
                                        almaty(2026, 11, 21, 12));
    REQUIRE(sections.size() > 2);
    CHECK(sections.front().id == "deadline");
    CHECK_FALSE(sections.front().lines.empty());
  }
}

TEST_CASE("review view: answers as the person will recognise them", "[view]") {
  const Form* form = &site().form;
  Session s;
  s.answers.values["surname"] = "Testova";
  s.answers.cyrillic["surname"] = "Тестова";
  s.answers.values["birth_date"] = "1991-01-31";
  s.answers.values["grounds"] = "religion political_opinion";
  s.answers.values["phone"] = "+7 701 555 01 23";
  const auto rows_of = [&](const std::string& lang) {
    std::map<std::string, std::string> m;
    for (const auto& r : review_view(s, *form, site().tr, lang)) m[r.field] = r.value;
    return m;
  };
  const auto en = rows_of("en");
  CHECK(en.at("surname") == "Testova — Тестова");
  CHECK_THAT(en.at("birth_date"), Catch::Matchers::Contains("1991"));
  CHECK(en.at("grounds").find(", ") != std::string::npos);
  CHECK(en.at("phone") == "\u2066+7 701 555 01 23\u2069");
  CHECK(en.at("given_name") == site().tr.tr("en", "review.empty"));
  // Dari joins choices with the Persian comma, and dates in its calendar.
  const auto fa = rows_of("fa-AF");
  CHECK(fa.at("grounds").find("\u060C ") != std::string::npos);
  CHECK(fa.at("grounds").find(", ") == std::string::npos);
  CHECK_THAT(fa.at("birth_date"), Catch::Matchers::Contains("دلو"));  // 11 Dalw 1369
  // A birth date known only as a year, or a year and month: that, and what is not known.
  s.answers.values["birth_date"] = "1990";
  CHECK(rows_of("ru").at("birth_date") == partial_date_words("1990", "ru") + " " +
                                              site().tr.tr("ru", "petition.date_year_only"));
  CHECK_THAT(rows_of("en").at("birth_date"), Catch::Matchers::Contains("(day and month unknown)"));
  CHECK_THAT(rows_of("fa-AF").at("birth_date"), Catch::Matchers::Contains("۱۳۶۹"));
  s.answers.values["birth_date"] = "1990-05";
  CHECK(rows_of("en").at("birth_date") == "May 1990 (day unknown)");
}
