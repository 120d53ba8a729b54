// The staff screens' lines: made in core, in staff.language, never in the
// person's language; the technical cause quoted as it came.
#include <catch2/catch.hpp>

#include <cctype>

#include "demo_site.hpp"
#include "view/staff_view.hpp"

using namespace kiosk;

namespace {

sync::RecordService::Status some_records() {
  sync::RecordService::Status st;
  st.outbox_open = true;
  st.sync_enabled = true;
  st.counts.queued = 3;
  st.counts.sending = 1;
  st.counts.sent = 12;
  st.counts.failed_permanent = 2;
  st.counts.exported_unsent = 5;
  return st;
}

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A locale key shown instead of words ("staff.note.busy"), not "Ask staff.".
bool shows_key(const std::string& text) {
  for (size_t at = text.find("staff."); at != std::string::npos; at = text.find("staff.", at + 1))
    if (at + 6 < text.size() && std::islower(static_cast<unsigned char>(text[at + 6]))) return true;
  return false;
}

}  // namespace

TEST_CASE("staff view: the staff screens follow staff.language, not the person's", "[view][staff]") {
  Config config = demo_site::get().config;
  config.staff.language = "ru";
  config.kiosk.start_language = "kk";
  Session s;
  s.lang = "fa-AF";
  s.step = Step::question;
  CHECK(shown_language(s, config) == "fa-AF");
  s.step = Step::staff_pin;
  CHECK(shown_language(s, config) == "ru");
  s.step = Step::staff;
  CHECK(shown_language(s, config) == "ru");
  config.staff.language = "en";
  CHECK(shown_language(s, config) == "en");
  Session before;  // nobody has chosen yet
  CHECK(shown_language(before, config) == "kk");
}

TEST_CASE("staff view: a staff paper is in the person's language, else the staff's", "[view][staff]") {
  Config config = demo_site::get().config;
  config.staff.language = "kk";
  Session s;
  s.step = Step::staff;
  CHECK(staff_paper_language(s, config) == "kk");  // nobody chose a language: not a fixed "ru"
  s.lang = "fa-AF";
  CHECK(staff_paper_language(s, config) == "fa-AF");
}

TEST_CASE("staff view: the records line counts every state, in Russian", "[view][staff]") {
  const StaffView ru(demo_site::translations(), "ru");
  auto st = some_records();
  std::string line = ru.queue(st);
  CHECK(has(line, "Записей в очереди: 4"));
  CHECK(has(line, "Отправлено: 12"));
  CHECK(has(line, "Нужен сотрудник: 2"));
  CHECK(has(line, "USB, ещё не отправлено: 5"));
  CHECK(has(line, "Отправок ещё не было"));
  CHECK_FALSE(has(line, "Records"));  // no English left
  CHECK_FALSE(has(line, "Повреждены"));

  st.counts.damaged = 1;
  st.held = 2;
  st.storage_problem = "/var/lib/asylum-kiosk/outbox.sqlite: disk full";
  st.last_sync = outbox::SyncRun{};
  st.last_sync->outcome = "form_closed";
  st.last_sync->message = "This form is not currently accepting submissions.";
  line = ru.queue(st);
  CHECK(has(line, "Повреждены и отложены: 1"));
  CHECK(has(line, "ещё не записаны в хранилище: 2"));
  CHECK(has(line, "disk full"));  // the cause as it came
  CHECK(has(line, "форма на сервере сейчас не принимает записи"));
  CHECK(has(line, "This form is not currently accepting submissions."));  // Central's own words

  st.last_sync->outcome = "something_new";  // an outcome without words yet: named, not hidden
  CHECK(has(ru.queue(st), "something_new"));

  st.sync_enabled = false;
  CHECK(has(ru.queue(st), "только через USB"));
  st.outbox_open = false;
  line = ru.queue(st);
  CHECK(has(line, "Хранилище записей не открывается"));
  CHECK_FALSE(has(line, "Записей в очереди"));
}

TEST_CASE("staff view: every staff line exists in every language", "[view][staff]") {
  Error cups = make_error(Errc::printer, "the printer is out of paper", "error.printer.paper");
  PrinterStatus printer;
  printer.name = "Office";
  printer.state = PrinterState::stopped;
  printer.reasons = {"media-empty"};
  printer.accepting = false;
  ContentAge age;
  age.as_of = CivilDate{2026, 5, 1};
  age.age_days = 214;
  age.max_age_days = 180;
  age.stale = true;
  for (const char* lang : {"en", "ru", "kk", "uk", "fa-AF"}) {
    INFO(lang);
    const StaffView v(demo_site::translations(), lang);
    const StaffView en(demo_site::translations(), "en");
    std::vector<std::string> lines = {
        v.note(StaffNote::busy),       v.note(StaffNote::sync_started), v.note(StaffNote::sync_off),
        v.note(StaffNote::no_usb),     v.note(StaffNote::nothing_to_reprint),
        v.queue(some_records()),       v.printer(printer),
        v.content(age),                v.problem(cups),
        v.outbox_problem(cups),        v.not_stored(cups),
        v.printed(StaffPaper::test_page, "kk", "Office"),
        v.exported(7, "/media/usb/asylum-kiosk"), v.print_words().reprinted,
        v.print_words().problem(cups)};
    for (const auto& line : lines) {
      INFO(line);
      CHECK_FALSE(line.empty());
      CHECK_FALSE(shows_key(line));
      CHECK_FALSE(has(line, "error."));
      CHECK_FALSE(has(line, "{"));       // every placeholder filled
    }
    CHECK(has(v.printer(printer), "media-empty"));
    CHECK(has(v.problem(cups), "the printer is out of paper"));
    CHECK(has(v.exported(7, "/media/usb/asylum-kiosk"), "/media/usb/asylum-kiosk"));
    CHECK(has(v.printed(StaffPaper::test_page, "kk", "Office"), "Қазақша"));
    if (std::string(lang) != "en") {
      CHECK(v.note(StaffNote::busy) != en.note(StaffNote::busy));
      CHECK(v.queue(some_records()) != en.queue(some_records()));
    }
  }
}

TEST_CASE("staff view: the print service speaks the staff language", "[view][staff]") {
  const StaffView kk(demo_site::translations(), "kk");
  const StaffWords words = kk.print_words();
  CHECK(words.reprinted == demo_site::translations().tr("kk", "staff.reprinted"));
  const std::string line = words.problem(make_error(Errc::printer, "cups said no"));
  CHECK(has(line, "cups said no"));
  CHECK(has(line, "Себебі"));
}
