// Whole sessions driven through core's reducer, without a window.
#include <catch2/catch.hpp>

#include <algorithm>

#include "base/paths.hpp"
#include "flow/session.hpp"
#include "locale/transliterate.hpp"

using namespace std::chrono_literals;
using namespace kiosk;

namespace {

const Form& petition() {
  static const Form form = [] {
    auto f = load_form(data_dir() / "assets/form/petition.toml");
    if (!f) throw std::runtime_error(f.error().describe());
    return std::move(f).value();
  }();
  return form;
}

struct Driver {
  FlowContext ctx{petition(), FlowSettings{90s, 30s},
                  std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::month{11},
                                              std::chrono::day{21}}};
  Session s = wiped();

  Driver& operator<<(const Intent& i) {
    s = reduce(s, i, ctx);
    return *this;
  }
  [[nodiscard]] std::string field() const {
    const Field* f = current_field(s, ctx.form);
    return f ? f->id : current_top_field(s, ctx.form).id + "[list]";
  }
  // Types `text` and presses Next; confirms a Cyrillic proposal as offered.
  void answer(const std::string& text) {
    *this << intent::SetDraft{text} << intent::Next{};
    if (s.confirming_cyrillic) *this << intent::Next{};
  }
  void to_interview(const std::string& lang) {
    *this << intent::Start{} << intent::ChooseLanguage{lang} << intent::SetWhere{"inside"}
          << intent::SetEntry{"not_checkpoint"} << intent::SetArrival{"2026-11-20"}
          << intent::Next{};
  }
};

}  // namespace

TEST_CASE("a session goes from attract through language to situation", "[flow]") {
  Driver d;
  CHECK(d.s.step == Step::attract);
  d << intent::Start{};
  CHECK(d.s.step == Step::language);
  d << intent::ChooseLanguage{"fa-AF"};
  CHECK(d.s.step == Step::situation);
  CHECK(d.s.lang == "fa-AF");
  d << intent::Back{};
  CHECK(d.s.step == Step::language);
  d << intent::Home{};
  CHECK(d.s.step == Step::attract);
  CHECK(d.s.lang.empty());
}

TEST_CASE("the situation asks where, how and when; a future date is refused", "[flow]") {
  Driver d;
  d << intent::Start{} << intent::ChooseLanguage{"ru"};
  d << intent::Next{};  // nothing chosen yet: stays
  CHECK(d.s.situation_page == 0);
  d << intent::SetWhere{"airport"};
  CHECK(d.s.situation_page == 1);
  d << intent::SetEntry{"checkpoint"};
  CHECK(d.s.situation_page == 2);
  d << intent::SetArrival{"2026-11-22"};
  REQUIRE(d.s.problem);
  CHECK(d.s.problem->key == "form.error.date_future");
  CHECK(d.s.step == Step::situation);
  // The picker writes a draft; Next confirms it.
  d << intent::SetDraft{"2026-11-19"};
  CHECK(d.s.step == Step::situation);
  d << intent::Next{};
  CHECK(d.s.step == Step::guidance);
  CHECK(d.s.situation.arrival == "2026-11-19");
  d << intent::Back{};
  CHECK(d.s.step == Step::situation);
  CHECK(d.s.situation_page == 2);
}

TEST_CASE("an untouched arrival picker means today", "[flow]") {
  Driver d;
  d << intent::Start{} << intent::ChooseLanguage{"kk"} << intent::SetWhere{"land_border"}
    << intent::SetEntry{"checkpoint"} << intent::Next{};
  CHECK(d.s.step == Step::guidance);
  CHECK(d.s.situation.arrival == "2026-11-21");
}

TEST_CASE("a whole petition in Dari: names confirmed in Cyrillic, family, review", "[flow]") {
  Driver d;
  d.to_interview("fa-AF");
  REQUIRE(d.s.step == Step::question);
  CHECK(d.field() == "surname");
  // The arrival date was carried into the entry date; how the person came
  // in is their own statement on the petition, never pre-filled.
  CHECK(d.s.answers.get("entry_date") == "2026-11-20");
  CHECK(d.s.answers.values.count("entry_manner") == 0);

  // A required question cannot be skipped or left empty.
  d << intent::Skip{};
  CHECK(d.field() == "surname");
  d << intent::Next{};
  REQUIRE(d.s.problem);
  CHECK(d.s.problem->key == "form.error.required");

  // A Dari name gets a Cyrillic proposal that the person corrects.
  d << intent::SetDraft{"رحیمی"} << intent::Next{};
  REQUIRE(d.s.confirming_cyrillic);
  CHECK(d.s.cyrillic_draft == to_cyrillic("رحیمی"));
  d << intent::SetCyrillic{"Рахими"} << intent::Next{};
  CHECK(d.s.answers.cyrillic.at("surname") == "Рахими");
  CHECK(d.field() == "given_name");

  d.answer("زرغونه");
  CHECK(d.field() == "patronymic");
  d << intent::Skip{};  // optional
  CHECK(d.s.answers.values.count("patronymic") == 0);
  CHECK(d.field() == "other_names");
  d << intent::Skip{};
  d << intent::ToggleOption{"female"} << intent::Next{};
  CHECK(d.s.answers.get("sex") == "female");
  d.answer("1994-03-21");
  d.answer("هرات");
  // Stateless: the citizenship question is not asked.
  d << intent::ToggleOption{"stateless"} << intent::Next{};
  CHECK(d.field() == "ethnicity");
  d << intent::Skip{} << intent::Skip{};
  CHECK(d.field() == "languages");
  d << intent::Skip{};
  d << intent::ToggleOption{"married"} << intent::Next{};
  INFO((d.s.problem ? d.s.problem->key : std::string("no problem")) << " draft=" << d.s.draft);

  // Family: a repeatable group with its own list screen.
  REQUIRE(d.field() == "family[list]");
  d << intent::AddItem{};
  CHECK(d.field() == "name");
  d.answer("احمد رحیمی");
  d.answer("2019-06-01");
  d << intent::ToggleOption{"child"} << intent::Next{};
  CHECK(d.field() == "family[list]");
  d << intent::AddItem{} << intent::Back{};  // an empty new item is dropped
  CHECK(d.s.answers.groups.at("family").size() == 1);
  d << intent::Next{};
  CHECK(d.field() == "relatives_home");
  d << intent::Skip{};

  d << intent::Skip{} << intent::Skip{};  // education, profession
  d.answer("هرات، ناحیه ۳");
  CHECK(d.field() == "entry_date");
  d << intent::Next{};  // keeps the carried-over date
  d.answer("Алматы, аэропорт");
  CHECK(d.field() == "entry_manner");
  d << intent::Next{};  // nothing chosen: a required question stays
  CHECK(d.field() == "entry_manner");
  d << intent::ToggleOption{"not_checkpoint"} << intent::Next{};
  CHECK(d.field() == "realised_date");
  d << intent::Skip{};  // the day they learned they cannot go back: optional
  d << intent::Skip{};  // transit countries
  d << intent::ToggleOption{"passport"} << intent::ToggleOption{"none"};
  CHECK(d.s.draft == "none");  // "none" replaces the documents
  d << intent::Next{};
  CHECK(d.field() == "documents_missing_reason");
  d.answer("گذرنامه در راه گم شد");
  CHECK(d.field() == "document_number");
  d << intent::Skip{} << intent::Skip{} << intent::Skip{} << intent::Skip{};  // number, issuer, date, attachments
  d << intent::ToggleOption{"religion"} << intent::ToggleOption{"social_group"} << intent::Next{};
  d.answer("داستان من");
  d << intent::Skip{};
  d.answer("+7 701 555 01 23");
  REQUIRE(d.s.step == Step::review);

  const auto& a = d.s.answers;
  CHECK(a.get("given_name") == "زرغونه");
  CHECK(a.cyrillic.at("given_name") == to_cyrillic("زرغونه"));
  CHECK(a.get("grounds") == "religion social_group");
  CHECK(a.groups.at("family")[0].values.at("relation") == "child");
  CHECK_FALSE(a.groups.at("family")[0].cyrillic.at("name").empty());

  // Change one answer from the review: back to review after it.
  d << intent::EditAnswer{"documents"};
  CHECK(d.field() == "documents");
  CHECK(d.s.draft == "none");
  d << intent::ToggleOption{"passport"} << intent::Next{};
  CHECK(d.s.step == Step::review);
  // The reason for missing documents no longer applies and is dropped.
  CHECK(d.s.answers.values.count("documents_missing_reason") == 0);

  d << intent::Next{};
  CHECK(d.s.step == Step::consent);
  d << intent::Agree{};
  CHECK(d.s.step == Step::print);
  CHECK(d.s.consented);
  d << intent::Printed{};
  CHECK(d.s.step == Step::done);
  d << intent::Next{};
  CHECK(d.s.step == Step::attract);
  CHECK(d.s.answers.empty());
}

TEST_CASE("declining consent keeps nothing", "[flow]") {
  Driver d;
  d.to_interview("uk");
  d.answer("Тестенко");
  d.s.step = Step::consent;  // the rest of the interview is not the point here
  d << intent::Decline{};
  CHECK(d.s.step == Step::done);
  CHECK(d.s.declined);
  CHECK(d.s.answers.empty());
  CHECK(d.s.lang == "uk");  // the goodbye is still in their language
}

TEST_CASE("changing language keeps every answer", "[flow]") {
  Driver d;
  d.to_interview("ru");
  d.answer("Петренко");
  CHECK(d.s.answers.cyrillic.at("surname") == "Петренко");  // already Cyrillic: no question
  d << intent::ChooseLanguage{"uk"};
  CHECK(d.s.lang == "uk");
  CHECK(d.field() == "given_name");
  CHECK(d.s.answers.get("surname") == "Петренко");
}

TEST_CASE("validation messages stay until the answer changes", "[flow]") {
  Driver d;
  d.to_interview("en");
  d.answer("Testova");
  d.answer("Anna");
  d << intent::Skip{} << intent::Skip{};
  d << intent::ToggleOption{"female"} << intent::Next{};
  d << intent::SetDraft{"2030-01-01"} << intent::Next{};
  REQUIRE(d.s.problem);
  CHECK(d.s.problem->key == "form.error.date_future");
  CHECK(d.field() == "birth_date");
  d << intent::SetDraft{"2000-01-01"};
  CHECK_FALSE(d.s.problem);
}

TEST_CASE("inactivity warns, then wipes; a touch keeps the session", "[flow]") {
  Driver d;
  const auto t0 = std::chrono::steady_clock::time_point{} + 1h;
  d.to_interview("ru");
  d.answer("Иванова");
  d << intent::Touch{t0} << intent::Tick{t0 + 89s};
  CHECK_FALSE(d.s.idle_warning);
  d << intent::Tick{t0 + 91s};
  CHECK(d.s.idle_warning);
  CHECK(idle_seconds_left(d.s, t0 + 91s, d.ctx.settings) == 29);
  Session kept = reduce(d.s, intent::Touch{t0 + 95s}, d.ctx);
  CHECK_FALSE(kept.idle_warning);
  CHECK(kept.answers.get("surname") == "Иванова");
  d << intent::Tick{t0 + 120s};
  CHECK(d.s.step == Step::attract);
  CHECK(d.s.lang.empty());
  CHECK(d.s.answers.empty());
}

TEST_CASE("staff mode returns to where the session was", "[flow]") {
  Driver d;
  d.to_interview("ru");
  d << intent::OpenStaff{};
  CHECK(d.s.step == Step::staff_pin);
  d << intent::Back{};
  CHECK(d.s.step == Step::question);
  d << intent::OpenStaff{} << intent::StaffUnlocked{};
  CHECK(d.s.step == Step::staff);
  d << intent::LeaveStaff{};
  CHECK(d.s.step == Step::question);
  CHECK(d.field() == "surname");
}

TEST_CASE("progress counts only the questions that are asked", "[flow]") {
  Driver d;
  d.to_interview("en");
  const auto [i0, total0] = progress(d.s, d.ctx.form);
  CHECK(i0 == 1);
  d.answer("Testova");
  CHECK(progress(d.s, d.ctx.form).first == 2);
  // documents_missing_reason and citizenship depend on answers.
  Answers none;
  none.values["documents"] = "none";
  none.values["citizenship_status"] = "citizen";
  Session s2 = d.s;
  s2.answers = none;
  CHECK(progress(s2, d.ctx.form).second == total0 + 2);
}

TEST_CASE("transliteration proposals for Latin and Dari names", "[flow][locale]") {
  CHECK(to_cyrillic("Shevchenko") == "Шевченко");
  CHECK(to_cyrillic("Olena Kovalenko") == "Олена Коваленко");
  CHECK(to_cyrillic("Иванов") == "Иванов");
  CHECK(is_cyrillic(to_cyrillic("محمد رحیمی")));
  CHECK(to_cyrillic("محمد رحیمی").find(' ') != std::string::npos);
  CHECK(is_cyrillic("Әлия Қасымова"));
  CHECK_FALSE(is_cyrillic("Aliya"));
}

TEST_CASE("advice never becomes testimony: 'not sure' and 'learned later' fill nothing false",
          "[flow]") {
  Driver d;
  d << intent::Start{} << intent::ChooseLanguage{"ru"} << intent::SetWhere{"inside"}
    << intent::SetEntry{"unsure"};
  CHECK(d.s.situation.entry == "unsure");
  CHECK(d.s.situation_page == 2);
  d << intent::SetRealised{true} << intent::SetArrival{"2026-11-18", true} << intent::Next{};
  REQUIRE(d.s.step == Step::question);
  CHECK(d.s.situation.realised);
  // "Not sure" is kept as the situation only; the petition's entry kind is empty.
  CHECK(d.s.answers.values.count("entry_manner") == 0);
  // "The day I learned I cannot go back" is its own answer, not the entry date.
  CHECK(d.s.answers.values.count("entry_date") == 0);
  CHECK(d.s.answers.get("realised_date") == "2026-11-18");
  // "I prefer to explain to the officer" is an answer the person can give.
  const Field* manner = d.ctx.form.find("entry_manner");
  REQUIRE(manner);
  CHECK(std::find(manner->options.begin(), manner->options.end(), "explain") != manner->options.end());
  CHECK(validate(*manner, "explain", d.ctx.today) == std::nullopt);
}

TEST_CASE("sanity checks: a child born before the parent, an arrival before birth", "[flow]") {
  Driver d;
  d.s.answers.values["birth_date"] = "1994-03-21";
  const Form& form = d.ctx.form;
  const Field* entry = form.find("entry_date");
  REQUIRE(entry);
  auto p = cross_check(d.s.answers, *entry, -1, *entry, "1990-01-01");
  REQUIRE(p);
  CHECK(p->key == "form.error.before_birth");
  CHECK_FALSE(cross_check(d.s.answers, *entry, -1, *entry, "2026-11-20"));
  const Field* family = form.find("family");
  REQUIRE(family);
  d.s.answers.groups["family"].push_back(GroupItem{{{"name", "Тест"}, {"birth_date", "1980-05-05"}}, {}});
  const Field& relation = family->fields.back();
  REQUIRE(relation.id == "relation");
  p = cross_check(d.s.answers, *family, 0, relation, "child");
  REQUIRE(p);
  CHECK(p->key == "form.error.child_before_parent");
  CHECK_FALSE(cross_check(d.s.answers, *family, 0, relation, "parent"));
  // A year-only birth date compares on the year.
  d.s.answers.values["birth_date"] = "1994";
  CHECK_FALSE(cross_check(d.s.answers, *entry, -1, *entry, "1994-01-01"));
  CHECK(cross_check(d.s.answers, *entry, -1, *entry, "1993-12-31"));
}

TEST_CASE("a birth date may be a year only, or a year and month", "[flow][form]") {
  const Field* birth = petition().find("birth_date");
  REQUIRE(birth);
  CHECK(birth->partial_date);
  const std::chrono::year_month_day today{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{21}};
  CHECK_FALSE(validate(*birth, "1990", today));
  CHECK_FALSE(validate(*birth, "1990-05", today));
  CHECK_FALSE(validate(*birth, "1990-05-17", today));
  CHECK(validate(*birth, "1990-13", today)->key == "form.error.date");
  CHECK(validate(*birth, "2027", today)->key == "form.error.date_future");
  CHECK(validate(*birth, "1850", today)->key == "form.error.date_too_old");
  CHECK(validate(*birth, "19x0", today)->key == "form.error.date");
  // Other dates stay whole dates.
  CHECK(validate(*petition().find("entry_date"), "2026", today)->key == "form.error.date");
}
