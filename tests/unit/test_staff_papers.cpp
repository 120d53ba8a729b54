// The staff screen's saved papers and held/damaged records (issue 18): the
// reducer's page, delete question and actions, and core's lines in all five
// languages.
#include <catch2/catch.hpp>

#include <chrono>

#include "base/paths.hpp"
#include "demo_site.hpp"
#include "flow/session.hpp"
#include "view/staff_view.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {

struct Staff {
  FlowContext ctx{demo_site::get().form, FlowSettings{90s, 30s},
                  std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{21}}};
  Session s = wiped();
  Staff() {
    s = reduce(s, intent::Start{}, ctx);
    s = reduce(s, intent::OpenStaff{}, ctx);
    s = reduce(s, intent::StaffUnlocked{}, ctx);
  }
  Transition go(StaffAction a, std::string ref = {}) {
    auto t = step(s, intent::Staff{a, std::move(ref)}, ctx);
    s = t.session;
    return t;
  }
};

}  // namespace

TEST_CASE("saved papers: the page, Print, and Delete only after its yes", "[flow][staff][saved]") {
  Staff d;
  REQUIRE(d.s.step == Step::staff);
  // Print and delete act only on the page.
  CHECK_FALSE(d.go(StaffAction::print_saved, "AB12-CD34").has(Effect::staff_action));
  CHECK_FALSE(d.go(StaffAction::saved_papers).has(Effect::staff_action));
  CHECK(d.s.staff_papers);
  auto print = d.go(StaffAction::print_saved, "AB12-CD34");
  CHECK(print.has(Effect::staff_action));
  CHECK(print.staff == StaffAction::print_saved);
  CHECK(print.staff_reference == "AB12-CD34");
  CHECK_FALSE(d.go(StaffAction::print_saved, "").has(Effect::staff_action));

  // Delete without the question, or for another reference, does nothing.
  CHECK_FALSE(d.go(StaffAction::delete_saved, "AB12-CD34").has(Effect::staff_action));
  CHECK_FALSE(d.go(StaffAction::ask_delete_saved, "AB12-CD34").has(Effect::staff_action));
  CHECK(d.s.staff_delete_asked == "AB12-CD34");
  Session asked = d.s;
  CHECK_FALSE(d.go(StaffAction::delete_saved, "ZZ99-ZZ99").has(Effect::staff_action));
  // "No, keep them": the question goes, nothing is deleted.
  d.s = asked;
  CHECK_FALSE(d.go(StaffAction::keep_saved).has(Effect::staff_action));
  CHECK(d.s.staff_delete_asked.empty());
  CHECK_FALSE(d.go(StaffAction::delete_saved, "AB12-CD34").has(Effect::staff_action));
  // "Yes, delete": once.
  d.go(StaffAction::ask_delete_saved, "AB12-CD34");
  auto del = d.go(StaffAction::delete_saved, "AB12-CD34");
  CHECK(del.has(Effect::staff_action));
  CHECK(del.staff == StaffAction::delete_saved);
  CHECK(del.staff_reference == "AB12-CD34");
  CHECK(d.s.staff_delete_asked.empty());
  CHECK_FALSE(d.go(StaffAction::delete_saved, "AB12-CD34").has(Effect::staff_action));

  // Back to the main staff page; leaving staff mode forgets the page.
  d.go(StaffAction::ask_delete_saved, "AB12-CD34");
  d.go(StaffAction::staff_main);
  CHECK_FALSE(d.s.staff_papers);
  CHECK(d.s.staff_delete_asked.empty());
  d.go(StaffAction::saved_papers);
  d.go(StaffAction::ask_delete_saved, "AB12-CD34");
  d.s = reduce(d.s, intent::LeaveStaff{}, d.ctx);
  CHECK_FALSE(d.s.staff_papers);
  CHECK(d.s.staff_delete_asked.empty());
  d.s = reduce(d.s, intent::OpenStaff{}, d.ctx);
  d.s = reduce(d.s, intent::StaffUnlocked{}, d.ctx);
  CHECK_FALSE(d.s.staff_papers);

  // Outside staff mode none of it does anything.
  Session person = wiped();
  person.step = Step::question;
  for (auto a : {StaffAction::saved_papers, StaffAction::print_saved, StaffAction::ask_delete_saved,
                 StaffAction::delete_saved}) {
    auto t = step(person, intent::Staff{a, "AB12-CD34"}, d.ctx);
    CHECK_FALSE(t.has(Effect::staff_action));
    CHECK_FALSE(t.session.staff_papers);
    CHECK(t.session.staff_delete_asked.empty());
  }
  for (auto a : {StaffAction::saved_papers, StaffAction::staff_main, StaffAction::print_saved,
                 StaffAction::ask_delete_saved, StaffAction::delete_saved, StaffAction::keep_saved})
    CHECK(staff_action_from(to_string(a)) == a);
}

TEST_CASE("the saved papers' page in core: counts, reference and age, the question", "[view][staff][saved]") {
  const auto& tr = demo_site::translations();
  const int64_t now = 1'800'000'000;
  std::vector<SavedPaper> papers(2);
  papers[0].reference = "AB12-CD34";
  papers[0].saved_at = now - (2 * 3600 + 5 * 60);
  papers[0].expires_at = papers[0].saved_at + 24 * 3600;
  papers[1].reference = "EF56-GH78";
  papers[1].saved_at = now - 30;
  papers[1].expires_at = papers[1].saved_at + 24 * 3600;

  const auto en = staff_papers_view(tr, "en", 1, 2, papers, now, "");
  CHECK(en.open == "Saved papers: 2. Records held in memory: 1. Damaged records: 2.");
  REQUIRE(en.records.size() == 2);
  CHECK(en.records[0].find("held in memory, not yet stored: 1") != std::string::npos);
  CHECK(en.records[1].find("Damaged records set aside: 2") != std::string::npos);
  REQUIRE(en.papers.size() == 2);
  CHECK(en.papers[0].reference == "AB12-CD34");
  CHECK(en.papers[0].text == "AB12-CD34: saved 2 h 5 min ago; deleted by itself in 22 h.");
  CHECK(en.papers[1].text == "EF56-GH78: saved 0 h 0 min ago; deleted by itself in 24 h.");
  CHECK(en.none.empty());
  CHECK(en.asking.empty());

  const auto asked = staff_papers_view(tr, "en", 0, 0, {}, now, "AB12-CD34");
  CHECK(asked.records.empty());
  CHECK(asked.none == "No saved papers.");
  CHECK(asked.asking.find("AB12-CD34") != std::string::npos);
  const auto closed = staff_papers_view(tr, "en", -1, -1, {}, now, "");
  CHECK(closed.open.find("?") != std::string::npos);
  REQUIRE(closed.records.size() == 1);
  CHECK(closed.records[0] == tr.tr("en", "staff.records.unknown"));

  CHECK(staff_saved_deleted(tr, "en", "AB12-CD34", "") == "The papers of AB12-CD34 were deleted.");
  CHECK(staff_saved_printed(tr, "en", "AB12-CD34", "no such printer").find("not printed: no such printer") !=
        std::string::npos);

  for (const char* lang : {"ru", "kk", "uk", "fa-AF"}) {
    DYNAMIC_SECTION(lang) {
      const auto v = staff_papers_view(tr, lang, 1, 2, papers, now, "AB12-CD34");
      CHECK(v.open != en.open);
      CHECK(v.papers[0].text.find("AB12-CD34") != std::string::npos);
      CHECK(v.asking.find("AB12-CD34") != std::string::npos);
      for (const char* key :
           {"staff.papers.open", "staff.papers.title", "staff.records.held", "staff.records.damaged",
            "staff.records.unknown", "staff.papers.row", "staff.papers.none", "staff.papers.print",
            "staff.papers.delete", "staff.papers.ask", "staff.papers.yes", "staff.papers.no", "staff.papers.back",
            "staff.papers.printed", "staff.papers.print_failed", "staff.papers.deleted",
            "staff.papers.delete_failed"}) {
        INFO(key);
        CHECK(tr.catalog(lang).has(key));
      }
    }
  }
}

TEST_CASE("back to the attract screen from staff mode or the PIN pad is a wiped session", "[flow][staff]") {
  // Found by fuzz_session (regressions/session): staff opened on the attract
  // screen and chose a language; leaving gave the wipe effect, but the
  // session kept the language.
  Staff d;
  d.s = reduce(d.s, intent::LeaveStaff{}, d.ctx);
  REQUIRE(d.s.step == Step::language);  // Staff() started a session first
  Session s = wiped();
  s = reduce(s, intent::OpenStaff{}, d.ctx);
  s = reduce(s, intent::StaffUnlocked{}, d.ctx);
  s = reduce(s, intent::ChooseLanguage{"kk"}, d.ctx);
  s = reduce(s, intent::Staff{StaffAction::saved_papers}, d.ctx);
  const auto t = step(s, intent::LeaveStaff{}, d.ctx);
  CHECK(t.has(Effect::wipe));
  CHECK(t.session.step == Step::attract);
  CHECK(t.session.lang.empty());
  CHECK_FALSE(t.session.staff_papers);
  // The same back from the PIN pad.
  Session pin = reduce(wiped(), intent::OpenStaff{}, d.ctx);
  pin = reduce(pin, intent::ChooseLanguage{"fa-AF"}, d.ctx);
  const auto back = step(pin, intent::Back{}, d.ctx);
  CHECK(back.session.step == Step::attract);
  CHECK(back.has(Effect::wipe));
  CHECK(back.session.lang.empty());
}
