// Whole sessions driven through core's reducer, without a window.
#include <catch2/catch.hpp>

#include <algorithm>

#include "base/paths.hpp"
#include "flow/name_check.hpp"
#include "flow/session.hpp"
#include "petition_form.hpp"
#include "locale/transliterate.hpp"

using namespace std::chrono_literals;
using namespace kiosk;

namespace {

using test_support::petition;

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
  // Up to the first name question; the first question (a document with
  // the name in Latin letters?) is answered `latin_document`.
  void to_interview(const std::string& lang, const std::string& latin_document = "no") {
    *this << intent::Start{} << intent::ChooseLanguage{lang} << intent::SetWhere{Where::inside}
          << intent::SetEntry{Entry::not_checkpoint} << intent::SetArrival{"2026-11-20"}
          << intent::Next{};
    if (field() == "latin_document")
      *this << intent::ToggleOption{latin_document} << intent::Next{};
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

TEST_CASE("the situation asks where, how and when, a future date is refused", "[flow]") {
  Driver d;
  d << intent::Start{} << intent::ChooseLanguage{"ru"};
  d << intent::Next{};  // nothing chosen yet: stays
  CHECK(d.s.situation_page == 0);
  d << intent::SetWhere{Where::airport};
  CHECK(d.s.situation_page == 1);
  d << intent::SetEntry{Entry::checkpoint};
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
  d << intent::Start{} << intent::ChooseLanguage{"kk"} << intent::SetWhere{Where::land_border}
    << intent::SetEntry{Entry::checkpoint} << intent::Next{};
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
  CHECK(d.s.asking == Ask::decline);  // one tap never deletes: it asks
  CHECK(d.s.answers.get("surname") == "Тестенко");
  d << intent::ConfirmAsk{};
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

TEST_CASE("inactivity warns, then wipes, a touch keeps the session", "[flow]") {
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
  CHECK(i0 == 2);  // after "a document in Latin letters?"
  d.answer("Testova");
  CHECK(progress(d.s, d.ctx.form).first == 3);
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

// [SECTION] effects: what a transition asks the kiosk to do ---------------------

namespace {

std::vector<Effect> effects_of(Driver& d, const Intent& i) {
  auto t = step(d.s, i, d.ctx);
  d.s = t.session;
  return t.effects;
}

bool has(const std::vector<Effect>& e, Effect x) { return std::find(e.begin(), e.end(), x) != e.end(); }

}  // namespace

TEST_CASE("effects: consent stores the record once, printing is asked, never assumed", "[flow][effects]") {
  Driver d;
  d.to_interview("ru");
  d.answer("Петренко");
  d.s.step = Step::review;
  CHECK(effects_of(d, intent::Print{}).empty());  // no printing before consent
  CHECK(effects_of(d, intent::Next{}) == std::vector<Effect>{Effect::screen_changed});
  const auto agreed = effects_of(d, intent::Agree{});
  CHECK(has(agreed, Effect::store_record));
  CHECK_FALSE(has(agreed, Effect::print_papers));
  CHECK(std::count(agreed.begin(), agreed.end(), Effect::store_record) == 1);
  CHECK(effects_of(d, intent::Print{}) == std::vector<Effect>{Effect::print_papers});
  CHECK(effects_of(d, intent::SaveForStaff{}) == std::vector<Effect>{Effect::save_papers});
  // Staff open their screen over the print screen: the papers stay for reprint.
  CHECK_FALSE(has(effects_of(d, intent::OpenStaff{}), Effect::forget_papers));
  CHECK_FALSE(has(effects_of(d, intent::LeaveStaff{}), Effect::forget_papers));
  REQUIRE(d.s.step == Step::print);
  const auto printed = effects_of(d, intent::Printed{});
  CHECK(d.s.step == Step::done);
  CHECK_FALSE(has(printed, Effect::forget_papers));
  CHECK_FALSE(has(printed, Effect::store_record));
  const auto finish = effects_of(d, intent::Next{});
  CHECK(has(finish, Effect::wipe));
  CHECK(d.s.answers.empty());
}

TEST_CASE("effects: every way out of a session wipes it", "[flow][effects]") {
  SECTION("start again") {
    Driver d;
    d.to_interview("uk");
    d.answer("Тестенко");
    CHECK_FALSE(has(effects_of(d, intent::Home{}), Effect::wipe));
    CHECK(has(effects_of(d, intent::ConfirmAsk{}), Effect::wipe));
  }
  SECTION("the idle countdown") {
    Driver d;
    d.to_interview("fa-AF");
    const auto t0 = d.s.last_touch;
    CHECK_FALSE(has(effects_of(d, intent::Tick{t0 + 100s}), Effect::wipe));
    CHECK(d.s.idle_warning);
    CHECK(has(effects_of(d, intent::Tick{t0 + 121s}), Effect::wipe));
    CHECK(d.s.step == Step::attract);
  }
  SECTION("declining consent forgets the answers but not the person's screen") {
    Driver d;
    d.to_interview("kk");
    d.answer("Тестов");
    d.s.step = Step::consent;
    CHECK(effects_of(d, intent::Decline{}) == std::vector<Effect>{Effect::screen_changed});
    const auto e = effects_of(d, intent::ConfirmAsk{});
    CHECK(has(e, Effect::forget_answers));
    CHECK_FALSE(has(e, Effect::wipe));
    CHECK_FALSE(has(e, Effect::store_record));
  }
}

TEST_CASE("effects: the keyboard, speech and accessibility follow the screen", "[flow][effects]") {
  Driver d;
  d << intent::Start{};
  auto e = effects_of(d, intent::ChooseLanguage{"ru"});
  CHECK(has(e, Effect::screen_changed));
  // Choosing the same language again is the same screen: speech goes on.
  CHECK_FALSE(has(effects_of(d, intent::ChooseLanguage{"ru"}), Effect::screen_changed));
  d << intent::SetWhere{Where::inside} << intent::SetEntry{Entry::checkpoint} << intent::SetArrival{"2026-11-20"};
  e = effects_of(d, intent::Next{});  // guidance -> first question
  CHECK(has(e, Effect::reset_keyboard));
  // Typing is the same screen.
  CHECK(effects_of(d, intent::SetDraft{"Пет"}).empty());
  // The idle countdown ticking once a second is the same screen; its start is not.
  const auto t0 = d.s.last_touch;
  CHECK(has(effects_of(d, intent::Tick{t0 + 91s}), Effect::screen_changed));
  CHECK(effects_of(d, intent::Tick{t0 + 92s}).empty());
  // Someone changed the look on the attract screen and walked away.
  Driver a;
  const auto t1 = a.s.last_touch;
  CHECK_FALSE(has(effects_of(a, intent::Tick{t1 + 10s}), Effect::reset_access));
  CHECK(has(effects_of(a, intent::Tick{t1 + 91s}), Effect::reset_access));
}

TEST_CASE("effects: staff actions and closing the kiosk only from staff mode", "[flow][effects]") {
  Driver d;
  d.to_interview("en");
  CHECK(effects_of(d, intent::CloseKiosk{}).empty());
  CHECK(effects_of(d, intent::Staff{StaffAction::sync}).empty());
  {
    // Staff come to help while "Delete everything?" shows: the question goes, nothing is deleted.
    Driver help = d;
    help << intent::Home{};
    REQUIRE(help.s.asking == Ask::start_again);
    help << intent::OpenStaff{};
    CHECK(help.s.asking == Ask::none);
    CHECK_FALSE(step(help.s, intent::ConfirmAsk{}, help.ctx).has(Effect::wipe));
  }
  d << intent::OpenStaff{};
  CHECK(effects_of(d, intent::CloseKiosk{}).empty());  // the PIN comes first
  d << intent::StaffUnlocked{};
  auto t = step(d.s, intent::Staff{StaffAction::export_usb}, d.ctx);
  CHECK(t.has(Effect::staff_action));
  CHECK(t.staff == StaffAction::export_usb);
  // Closing asks first: one tap on "Close the kiosk" closes nothing.
  auto ask = step(d.s, intent::CloseKiosk{}, d.ctx);
  CHECK_FALSE(ask.has(Effect::close_kiosk));
  CHECK(ask.session.asking == Ask::close_kiosk);
  CHECK(ask.session.step == Step::staff);
  {
    Driver no = d;
    no << intent::CloseKiosk{};
    CHECK_FALSE(step(no.s, intent::CancelAsk{}, no.ctx).has(Effect::close_kiosk));
    no << intent::CancelAsk{};
    CHECK(no.s.asking == Ask::none);
    // Leaving staff mode while the question shows drops it, and the person's answers stay.
    no << intent::CloseKiosk{} << intent::LeaveStaff{};
    CHECK(no.s.asking == Ask::none);
    CHECK(no.s.step == Step::question);
    CHECK(no.s.lang == "en");
  }
  d << intent::CloseKiosk{};
  auto yes = step(d.s, intent::ConfirmAsk{}, d.ctx);
  CHECK(yes.has(Effect::close_kiosk));
  CHECK_FALSE(yes.has(Effect::wipe));
  CHECK(yes.session.asking == Ask::none);
  for (auto a : {StaffAction::queue, StaffAction::sync, StaffAction::export_usb, StaffAction::printer,
                 StaffAction::test_page, StaffAction::reprint, StaffAction::blank, StaffAction::content})
    CHECK(staff_action_from(to_string(a)) == a);
  CHECK(staff_action_from("rm -rf") == StaffAction::none);
}

TEST_CASE("one tap never throws away the work: Start again and I do not agree ask first", "[flow]") {
  Driver d;
  d.to_interview("fa-AF");
  d.answer("Testzada");
  const Answers before = d.s.answers;
  const Step where = d.s.step;
  d << intent::Home{};
  CHECK(d.s.asking == Ask::start_again);
  CHECK(d.s.step == where);
  // "No" (the default) keeps every answer and the screen.
  d << intent::CancelAsk{};
  CHECK(d.s.asking == Ask::none);
  CHECK(d.s.answers.values == before.values);
  CHECK(d.s.answers.cyrillic == before.cyrillic);
  CHECK(d.s.step == where);
  // "Yes" deletes everything.
  d << intent::Home{} << intent::ConfirmAsk{};
  CHECK(d.s.step == Step::attract);
  CHECK(d.s.answers.empty());
  // Nothing entered yet, or the last screen: no question needed.
  Driver e;
  e << intent::Start{} << intent::Home{};
  CHECK(e.s.step == Step::attract);
  CHECK(e.s.asking == Ask::none);
  // A question left open is still answered by the idle wipe when the person has gone.
  Driver f;
  f.to_interview("ru");
  f << intent::Home{};
  const auto t0 = f.s.last_touch;
  f << intent::Tick{t0 + 121s};
  CHECK(f.s.step == Step::attract);
}

TEST_CASE("listening is being here: speech holds off the idle warning", "[flow]") {
  Driver d;
  d.to_interview("fa-AF");
  d.s.step = Step::guidance;  // a long guidance read aloud
  const auto t0 = d.s.last_touch;
  for (int sec = 10; sec <= 600; sec += 10) d << intent::Tick{t0 + std::chrono::seconds(sec), true};
  CHECK_FALSE(d.s.idle_warning);
  CHECK(d.s.step == Step::guidance);
  // The warning comes idle_warning seconds after the speech ends.
  const auto end = t0 + 600s;
  d << intent::Tick{end + 89s};
  CHECK_FALSE(d.s.idle_warning);
  d << intent::Tick{end + 91s};
  CHECK(d.s.idle_warning);
  // The warning speaking itself does not hold off its own countdown.
  d << intent::Tick{end + 100s, true} << intent::Tick{end + 122s, true};
  CHECK(d.s.step == Step::attract);
}

TEST_CASE("after a printer problem the session waits for staff", "[flow]") {
  Driver d;
  d.ctx.settings.staff_hold = 900s;
  d.to_interview("uk");
  d.s.step = Step::consent;
  d << intent::Agree{};
  REQUIRE(d.s.step == Step::print);
  const auto t0 = d.s.last_touch;
  d << intent::PrintOutcome{true};
  CHECK(d.s.waiting_for_staff);
  // The person went to find staff: two minutes later nothing is lost.
  d << intent::Tick{t0 + 121s};
  CHECK(d.s.step == Step::print);
  CHECK_FALSE(d.s.idle_warning);
  CHECK(idle_seconds_left(d.s, t0 + 121s, d.ctx.settings) == 0);
  // It does end, with its own warning, if nobody comes.
  d << intent::Tick{t0 + 901s};
  CHECK(d.s.idle_warning);
  CHECK(idle_seconds_left(d.s, t0 + 901s, d.ctx.settings) == 29);
  d << intent::Tick{t0 + 931s};
  CHECK(d.s.step == Step::attract);
  // Printed after all: the normal time again.
  Driver e;
  e.to_interview("uk");
  e.s.step = Step::print;
  e.s.consented = true;
  e << intent::PrintOutcome{true} << intent::PrintOutcome{false};
  CHECK_FALSE(e.s.waiting_for_staff);
  e << intent::Tick{e.s.last_touch + 91s};
  CHECK(e.s.idle_warning);
}

TEST_CASE("a Latin passport spelling gives the Cyrillic proposal of the Dari name", "[flow][locale]") {
  Driver d;
  d.to_interview("fa-AF", "yes");
  REQUIRE(d.field() == "surname_latin");
  // Only Latin letters are taken here.
  d << intent::SetDraft{"رحیمی"} << intent::Next{};
  REQUIRE(d.s.problem);
  CHECK(d.s.problem->key == "form.error.latin");
  CHECK(d.field() == "surname_latin");
  d.answer("RAHIMI");  // as printed in the passport
  CHECK(d.s.answers.get("surname_latin") == "Rahimi");
  CHECK(d.field() == "given_name_latin");
  d.answer("zarghuna");  // the keyboard has no capitals
  CHECK(d.s.answers.get("given_name_latin") == "Zarghuna");

  REQUIRE(d.field() == "surname");
  d << intent::SetDraft{"رحیمی"} << intent::Next{};
  REQUIRE(d.s.confirming_cyrillic);
  CHECK(d.s.cyrillic_draft == "Рахими");
  CHECK_FALSE(d.s.cyrillic_check);
  d << intent::Next{};
  CHECK(d.s.answers.get("surname") == "رحیمی");
  CHECK(d.s.answers.cyrillic.at("surname") == "Рахими");

  // A given name the letter rules would spell «Зргуна»: the passport's
  // spelling wins.
  d << intent::SetDraft{"زرغونه"} << intent::Next{};
  REQUIRE(d.s.confirming_cyrillic);
  CHECK(d.s.cyrillic_draft == "Заргуна");
  d << intent::Next{};
  CHECK(d.s.answers.cyrillic.at("given_name") == "Заргуна");
  CHECK(d.field() == "patronymic");

  // Without the document the Latin questions are not asked, and the
  // spelling given before no longer makes the proposal.
  d << intent::Back{} << intent::Back{} << intent::Back{} << intent::Back{} << intent::Back{};
  REQUIRE(d.field() == "latin_document");
  d << intent::ToggleOption{"no"} << intent::Next{};
  REQUIRE(d.field() == "surname");
  d << intent::SetDraft{"پښتونګل"} << intent::Next{};
  REQUIRE(d.s.confirming_cyrillic);
  CHECK(d.s.cyrillic_draft != "Рахими");
  CHECK(d.s.cyrillic_check);
}

TEST_CASE("a Dari name that is not in the list is marked for staff", "[flow][locale]") {
  Driver d;
  d.to_interview("fa-AF");
  REQUIRE(d.field() == "surname");
  d << intent::SetDraft{"علی"} << intent::Next{};
  REQUIRE(d.s.confirming_cyrillic);
  CHECK(d.s.cyrillic_draft == "Али");
  CHECK_FALSE(d.s.cyrillic_check);
  // The person corrects it in lower case: stored with a capital.
  d << intent::SetCyrillic{"алиев"} << intent::Next{};
  CHECK(d.s.answers.cyrillic.at("surname") == "Алиев");
  d << intent::SetDraft{"پښتونګل"} << intent::Next{};
  REQUIRE(d.s.confirming_cyrillic);
  CHECK(d.s.cyrillic_check);
  CHECK(is_cyrillic(d.s.cyrillic_draft));
  // The next question starts without the mark.
  d << intent::Next{};
  CHECK(d.field() == "patronymic");
  CHECK_FALSE(d.s.cyrillic_check);
}

TEST_CASE("names typed in Cyrillic are stored with capital initials", "[flow][locale]") {
  Driver d;
  d.to_interview("uk");
  d.answer("шевчук");
  d.answer("тарас");
  CHECK(d.s.answers.get("surname") == "Шевчук");
  CHECK(d.s.answers.cyrillic.at("surname") == "Шевчук");
  CHECK(d.s.answers.cyrillic.at("given_name") == "Тарас");
}

TEST_CASE("the Cyrillic check view: the proposal, the staff note, the Russian reading", "[flow][locale]") {
  Driver d;
  d.to_interview("fa-AF");
  CHECK_FALSE(name_check_view(d.s));  // a name question, not its check
  d << intent::SetDraft{"محمد رحیمی"} << intent::Next{};
  auto v = name_check_view(d.s);
  REQUIRE(v);
  CHECK(v->typed == "محمد رحیمی");
  CHECK(v->proposal == "Мохаммад Рахими");
  CHECK(v->staff_note_key.empty());  // both names are in the list
  CHECK(v->readout.lang == "ru");
  CHECK(v->readout.text == "Мохаммад, Рахими.");
  // The person corrects it: the view reads the corrected spelling.
  d << intent::SetCyrillic{"Мухаммад Рахими"};
  CHECK(name_check_view(d.s)->readout.text == "Мухаммад, Рахими.");
  d << intent::Next{};
  d << intent::SetDraft{"پښتونګل"} << intent::Next{};
  v = name_check_view(d.s);
  REQUIRE(v);
  CHECK(v->staff_note_key == "question.cyrillic.staff");
}

TEST_CASE("Listen on the Cyrillic check: core asks the Russian voice to read the proposal",
          "[flow][speech]") {
  Driver d;
  d.to_interview("fa-AF");
  // Not on a name question: nothing to read.
  auto t = step(d.s, intent::ListenCyrillic{}, d.ctx);
  CHECK_FALSE(t.has(Effect::hear));
  d << intent::SetDraft{"محمد رحیمی"} << intent::Next{};
  REQUIRE(d.s.confirming_cyrillic);
  t = step(d.s, intent::ListenCyrillic{}, d.ctx);
  REQUIRE(t.has(Effect::hear));
  CHECK(t.hear.lang == "ru");
  CHECK(t.hear.text == name_check_view(d.s)->readout.text);
  CHECK(t.hear.text == "Мохаммад, Рахими.");
  // Listening changes nothing on screen: the screen is not read again.
  CHECK_FALSE(t.has(Effect::screen_changed));
  CHECK(screen_key(t.session) == screen_key(d.s));
  // It reads the spelling as corrected, and nothing when it is empty.
  d << intent::SetCyrillic{"Мохаммад Рахимий"};
  CHECK(step(d.s, intent::ListenCyrillic{}, d.ctx).hear.text == "Мохаммад, Рахимий.");
  d << intent::SetCyrillic{""};
  CHECK_FALSE(step(d.s, intent::ListenCyrillic{}, d.ctx).has(Effect::hear));
  // Not over the idle warning.
  d << intent::SetCyrillic{"Мохаммад Рахими"};
  Session warned = d.s;
  warned.idle_warning = true;
  CHECK_FALSE(step(warned, intent::ListenCyrillic{}, d.ctx).has(Effect::hear));
  // The staff note for a name spelled from its letters.
  d << intent::Next{} << intent::SetDraft{"پښتونګل"} << intent::Next{};
  REQUIRE(d.s.confirming_cyrillic);
  CHECK(name_check_view(d.s)->staff_note_key == "question.cyrillic.staff");
  CHECK(step(d.s, intent::ListenCyrillic{}, d.ctx).has(Effect::hear));
}

TEST_CASE("advice never becomes testimony: 'not sure' and 'learned later' fill nothing false",
          "[flow]") {
  Driver d;
  d << intent::Start{} << intent::ChooseLanguage{"ru"} << intent::SetWhere{Where::inside}
    << intent::SetEntry{Entry::unsure};
  CHECK(d.s.situation.entry == Entry::unsure);
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

namespace {
// The interview at the birth date question, in `lang`.
Driver at_birth_date(const std::string& lang) {
  Driver d;
  d.to_interview(lang);
  for (size_t k = 0; k < d.ctx.form.fields.size(); ++k)
    if (d.ctx.form.fields[k].id == "birth_date") d.s.cursor = Cursor{k, -1, 0};
  d.s.draft.clear();
  REQUIRE(d.field() == "birth_date");
  return d;
}
}  // namespace

TEST_CASE("'I know only the year': the person says so and picks the year", "[flow][form]") {
  Driver d = at_birth_date("ru");
  CHECK(d.s.date_precision == DatePrecision::day);
  // Saying "only the year" is not an answer: the year must still be picked.
  d << intent::SetDatePrecision{DatePrecision::year};
  CHECK(d.s.date_precision == DatePrecision::year);
  CHECK(d.s.draft.empty());
  d << intent::Next{};
  REQUIRE(d.s.problem);
  CHECK(d.s.problem->key == "form.error.required");
  // The picker writes the year alone; Next takes it.
  d << intent::SetDraft{date_value({1980, 1, 1}, DatePrecision::year, "gregorian")} << intent::Next{};
  CHECK_FALSE(d.s.problem);
  CHECK(d.s.answers.get("birth_date") == "1980");
  CHECK(d.field() != "birth_date");
  // Coming back, the picker is still at "only the year".
  d << intent::Back{};
  REQUIRE(d.field() == "birth_date");
  CHECK(d.s.date_precision == DatePrecision::year);
  CHECK(d.s.draft == "1980");
  // Year and month, then the whole date: what was picked stays.
  d << intent::SetDatePrecision{DatePrecision::month};
  CHECK(d.s.draft == "1980-01");
  d << intent::SetDraft{"1980-06"} << intent::SetDatePrecision{DatePrecision::day};
  CHECK(d.s.draft == "1980-06-01");
  CHECK(d.s.date_precision == DatePrecision::day);
  d << intent::SetDraft{"1980-06-17"} << intent::SetDatePrecision{DatePrecision::month};
  CHECK(d.s.draft == "1980-06");
  d << intent::Next{};
  CHECK(d.s.answers.get("birth_date") == "1980-06");
}

TEST_CASE("'only the year' in the Solar Hijri picker stores the Gregorian year", "[flow][form]") {
  Driver d = at_birth_date("fa-AF");
  // 25 March 1991 = 5 Hamal 1370; its year 1370 is mostly 1991, its month mostly April.
  d << intent::SetDraft{"1991-03-25"} << intent::SetDatePrecision{DatePrecision::month};
  CHECK(d.s.draft == "1991-04");
  d << intent::SetDatePrecision{DatePrecision::year};
  CHECK(d.s.draft == "1991");
  d << intent::Next{};
  CHECK(d.s.answers.get("birth_date") == "1991");
}

TEST_CASE("only a date that may be partial offers 'only the year'", "[flow][form]") {
  Driver d = at_birth_date("ru");
  // The entry date must be a whole date.
  for (size_t k = 0; k < d.ctx.form.fields.size(); ++k)
    if (d.ctx.form.fields[k].id == "entry_date") d.s.cursor = Cursor{k, -1, 0};
  REQUIRE(d.field() == "entry_date");
  d << intent::SetDraft{"2026-11-20"} << intent::SetDatePrecision{DatePrecision::year};
  CHECK(d.s.date_precision == DatePrecision::day);
  CHECK(d.s.draft == "2026-11-20");
  // Nor on a question that is no date.
  Driver n;
  n.to_interview("ru");
  n << intent::SetDraft{"Тестова"} << intent::SetDatePrecision{DatePrecision::year};
  CHECK(n.s.draft == "Тестова");
  CHECK(n.s.date_precision == DatePrecision::day);
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
