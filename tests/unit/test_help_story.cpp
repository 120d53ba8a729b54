// Issue 16 points 5 and 6 in core: "I need help" (the wipe waits, staff are
// signalled, staff may go on beside the person) and the story editor (a
// caret, line breaks, read-back only when asked).
#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "base/paths.hpp"
#include "flow/session.hpp"
#include "petition_form.hpp"
#include "input/keyboard.hpp"
#include "staff/help_call.hpp"

using namespace std::chrono_literals;
using namespace kiosk;
namespace fs = std::filesystem;

namespace {

using test_support::petition;

struct Driver {
  FlowContext ctx{petition(), FlowSettings{90s, 30s, 900s, 600s, 1200s},
                  std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::month{11},
                                              std::chrono::day{21}}};
  Session s = wiped();
  std::vector<Effect> effects;

  Driver& operator<<(const Intent& i) {
    auto t = step(s, i, ctx);
    s = t.session;
    effects = t.effects;
    return *this;
  }
  [[nodiscard]] bool had(Effect e) const { return std::find(effects.begin(), effects.end(), e) != effects.end(); }
  [[nodiscard]] std::string field() const {
    const Field* f = current_field(s, ctx.form);
    return f ? f->id : current_top_field(s, ctx.form).id + "[list]";
  }
  void to_interview(const std::string& lang) {
    *this << intent::Start{} << intent::ChooseLanguage{lang} << intent::SetWhere{kiosk::Where::inside}
          << intent::SetEntry{kiosk::Entry::not_checkpoint} << intent::SetArrival{"2026-11-20"} << intent::Next{};
    if (field() == "latin_document") *this << intent::ToggleOption{"no"} << intent::Next{};
  }
  // On to the persecution story, skipping or answering what comes before.
  void to_story(const std::string& lang) {
    to_interview(lang);
    *this << intent::SetDraft{"Иванова"} << intent::Next{};
    for (int guard = 0; guard < 200 && s.step == Step::question && field() != "grounds_story"; ++guard) {
      const Field* f = current_field(s, ctx.form);
      if (s.confirming_cyrillic) *this << intent::Next{};
      else if (f && !f->required) *this << intent::Skip{};
      else if (f && f->kind == FieldKind::date) *this << intent::SetDraft{"1990-01-01"} << intent::Next{};
      else if (f && (f->kind == FieldKind::choice || f->kind == FieldKind::multi_choice))
        *this << intent::ToggleOption{f->options.front()} << intent::Next{};
      else if (f) *this << intent::SetDraft{"Анна"} << intent::Next{};
      else *this << intent::Next{};
    }
    REQUIRE(field() == "grounds_story");
  }
};

}  // namespace

// [1] the caret ------------------------------------------------------------------

TEST_CASE("editing at a caret: type, Backspace and a line break in the middle", "[input]") {
  CHECK(type_key_at("ac", 1, "b").text == "abc");
  CHECK(type_key_at("ac", 1, "b").caret == 2);
  CHECK(type_key_at("ab", 1, "zwnj").text == "a\u200Cb");
  // The one Backspace policy, now before the caret: one user-perceived character.
  const Edited e = edit_key_at("ab\u0301c", 4, EditKey::backspace);  // after "b́"
  CHECK(e.text == "ac");
  CHECK(e.caret == 1);
  CHECK(edit_key_at("abc", 0, EditKey::backspace).text == "abc");
  CHECK(edit_key_at("ab", 1, EditKey::newline).text == "a\nb");
  CHECK(edit_key_at("ab", 1, EditKey::space).caret == 2);
  // The old calls are the same edits at the end.
  CHECK(edit_key("سلام", EditKey::backspace) == "سلا");
  CHECK(type_key("ب", "zwnj") == "ب\u200C");
  // Backspace right after a non-joiner typed in the middle takes only it.
  const std::string dari = "بر\u200Cها";
  const size_t after_zwnj = std::string("بر\u200C").size();
  CHECK(edit_key_at(dari, after_zwnj, EditKey::backspace).text == "برها");
}

TEST_CASE("the caret moves by whole letters and never splits one", "[input]") {
  const std::string s = "ab\u0301c";  // a, b with a combining accent, c
  CHECK(caret_step(s, 0, 1) == 1);
  CHECK(caret_step(s, 1, 1) == 4);      // over b and its mark at once
  CHECK(caret_step(s, 4, -1) == 1);
  CHECK(caret_step(s, 0, -1) == 0);     // nothing before the start
  CHECK(caret_step(s, s.size(), 1) == s.size());
  CHECK(caret_boundary(s, 2) == 1);     // between b and its mark: before b
  CHECK(caret_boundary(s, 99) == s.size());
  const std::string ru = "Да";          // two bytes a letter
  CHECK(caret_boundary(ru, 1) == 0);    // inside the UTF-8 of Д
  CHECK(caret_step(ru, 0, 1) == 2);
  CHECK(caret_step("سلام", 0, 2) == std::string("سل").size());
}

TEST_CASE("every letter layout has the punctuation a story needs", "[input]") {
  for (const std::string id : {"en", "ru", "kk", "uk", "fa-AF"}) {
    auto k = load_keyboard(data_dir() / "assets/keyboards" / (id + ".toml"));
    REQUIRE(k.ok());
    auto has = [&](const std::string& key) {
      for (const auto& row : k->rows)
        if (std::find(row.begin(), row.end(), key) != row.end()) return true;
      return false;
    };
    INFO(id);
    CHECK(has("."));
    CHECK(has("!"));
    CHECK((has(",") || has("،")));
    CHECK((has("?") || has("؟")));
    if (id == "fa-AF") CHECK((has("،") && has("؟")));
    CHECK(k->rows.size() <= 4);  // the question screen leaves room for four letter rows
  }
}

TEST_CASE("the story: caret by tap and arrows, insert, line break, Backspace at the caret", "[flow]") {
  Driver d;
  d.to_story("ru");
  d << intent::Type{"Меня били."};
  CHECK(caret_of(d.s) == d.s.draft.size());
  // A tap after "Меня " puts the caret there; typing goes in there.
  d << intent::SetCaret{std::string("Меня ").size()} << intent::Key{"не"} << intent::EditAt{EditKey::space};
  CHECK(d.s.draft == "Меня не били.");
  // Enter in a long answer is a line break, not Next.
  d << intent::MoveCaret{100} << intent::Enter{} << intent::Type{"Я уехал"};
  CHECK(d.s.step == Step::question);
  CHECK(d.s.draft == "Меня не били.\nЯ уехал");
  d << intent::MoveCaret{-2} << intent::Erase{};
  CHECK(d.s.draft == "Меня не били.\nЯ уеал");
  d << intent::Key{"х"};
  CHECK(d.s.draft == "Меня не били.\nЯ уехал");
  // A tap inside a letter's bytes lands before the letter.
  d << intent::SetCaret{1};
  CHECK(caret_of(d.s) == 0);
  d << intent::Next{};
  CHECK(d.s.answers.get("grounds_story") == "Меня не били.\nЯ уехал");
}

TEST_CASE("a line break only in a long answer, the caret starts at the end of a loaded answer", "[flow]") {
  Driver d;
  d.to_interview("ru");
  REQUIRE(d.field() == "surname");
  d << intent::Type{"Ива"} << intent::EditAt{EditKey::newline};
  CHECK(d.s.draft == "Ива");
  d << intent::Enter{};  // Enter answers a one-line question
  CHECK(d.field() != "surname");
  d << intent::Back{};
  CHECK(d.s.draft == "Ива");
  CHECK(caret_of(d.s) == d.s.draft.size());
  d << intent::SetDraft{"Петрова"};
  CHECK(caret_of(d.s) == d.s.draft.size());
}

TEST_CASE("the story is read aloud only when the person asks", "[flow][effects]") {
  Driver d;
  d.to_story("fa-AF");
  d << intent::ReadBack{};
  CHECK_FALSE(d.had(Effect::read_back));  // nothing typed yet
  d << intent::Type{"مرا تهدید کردند."};
  CHECK_FALSE(d.had(Effect::read_back));
  d << intent::ReadBack{};
  CHECK(d.had(Effect::read_back));
  d << intent::CallStaff{} << intent::ReadBack{};
  CHECK_FALSE(d.had(Effect::read_back));  // under the help screen nothing is read
}

TEST_CASE("Dari: the caret moves in logical order through joined letters", "[flow]") {
  Driver d;
  d.to_story("fa-AF");
  d << intent::Type{"کابل"} << intent::MoveCaret{-2} << intent::Key{"zwnj"};
  CHECK(d.s.draft == "کا\u200Cبل");
  d << intent::Erase{};
  CHECK(d.s.draft == "کابل");
  d << intent::MoveCaret{-5} << intent::Key{"؟"};
  CHECK(d.s.draft == "؟کابل");
}

// [2] I need help -------------------------------------------------------------------

TEST_CASE("I need help: the wipe waits up to help_wait, and going back finds everything", "[flow]") {
  Driver d;
  const auto t0 = std::chrono::steady_clock::time_point{} + 1h;
  d.to_interview("ru");
  d << intent::Type{"Иванова"} << intent::Touch{t0} << intent::CallStaff{};
  CHECK(d.s.helping);
  CHECK(d.had(Effect::call_staff));
  CHECK(d.had(Effect::screen_changed));  // the help screen is read, the call is heard
  d << intent::CallStaff{};
  CHECK_FALSE(d.had(Effect::call_staff));  // once per call
  CHECK_FALSE(typing(d.s));                // the keyboard under it types nothing
  d << intent::Type{"x"};
  CHECK(d.s.draft == "Иванова");
  // Far past the usual warning and wipe, still here.
  d << intent::Tick{t0 + 300s};
  CHECK_FALSE(d.s.idle_warning);
  CHECK(d.s.step == Step::question);
  CHECK(idle_warning_after(d.s, d.ctx.settings) == 600s);
  // Up to the limit: then the usual warning and wipe.
  d << intent::Tick{t0 + 601s};
  CHECK(d.s.idle_warning);
  Session back = reduce(reduce(d.s, intent::Touch{t0 + 605s}, d.ctx), intent::HelpBack{}, d.ctx);
  CHECK_FALSE(back.helping);
  CHECK(back.step == Step::question);
  CHECK(back.draft == "Иванова");
  CHECK(idle_warning_after(back, d.ctx.settings) == 90s);
  d << intent::Tick{t0 + 631s};
  CHECK(d.s.step == Step::attract);
  CHECK(d.had(Effect::wipe));
}

TEST_CASE("I need help is on every screen of the person, not staff mode or attract", "[flow]") {
  Driver d;
  d << intent::CallStaff{};
  CHECK_FALSE(d.s.helping);  // attract: nothing has started
  d << intent::Start{} << intent::CallStaff{};
  CHECK(d.s.helping);
  CHECK(d.s.step == Step::language);
  d << intent::HelpBack{} << intent::OpenStaff{} << intent::CallStaff{};
  CHECK_FALSE(d.s.helping);
  CHECK_FALSE(d.had(Effect::call_staff));
  // The thank-you screen waits too while the person waits for staff.
  Driver done;
  const auto t0 = std::chrono::steady_clock::time_point{} + 1h;
  done.s.step = Step::done;
  done.s.lang = "ru";
  done << intent::Touch{t0} << intent::CallStaff{} << intent::Tick{t0 + 60s};
  CHECK(done.s.step == Step::done);
  // "Delete everything?" gives way to the help screen; nothing is deleted.
  Driver ask;
  ask.to_interview("ru");
  ask << intent::Type{"Иванова"} << intent::Home{};
  REQUIRE(ask.s.asking == Ask::start_again);
  ask << intent::CallStaff{};
  CHECK(ask.s.asking == Ask::none);
  CHECK(ask.s.draft == "Иванова");
}

TEST_CASE("staff-assisted: after the PIN the session goes on with its own idle limit", "[flow]") {
  Driver d;
  const auto t0 = std::chrono::steady_clock::time_point{} + 1h;
  d.to_interview("ru");
  d << intent::Type{"Иванова"} << intent::CallStaff{} << intent::StaffAssist{};
  CHECK_FALSE(d.s.assisted);  // only from staff mode
  d << intent::OpenStaff{} << intent::StaffAssist{};
  CHECK_FALSE(d.s.assisted);  // not before the PIN
  d << intent::StaffUnlocked{} << intent::StaffAssist{};
  CHECK(d.s.assisted);
  CHECK_FALSE(d.s.helping);
  CHECK(d.s.step == Step::question);
  CHECK(d.s.draft == "Иванова");
  CHECK(typing(d.s));
  d << intent::Touch{t0} << intent::Tick{t0 + 1100s};
  CHECK_FALSE(d.s.idle_warning);
  d << intent::Tick{t0 + 1201s};
  CHECK(d.s.idle_warning);
  d << intent::Tick{t0 + 1231s};
  CHECK(d.s.step == Step::attract);
  CHECK_FALSE(d.s.assisted);  // the next person starts without it
}

// [3] signalling staff ------------------------------------------------------------------

TEST_CASE("the help command runs without a shell, with a time limit, failures are plain", "[staff]") {
  const fs::path dir = fs::temp_directory_path() / ("kiosk-help-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path mark = dir / "rang";
  CHECK(run_help_command({"/usr/bin/touch", mark.string()}, 5000ms));
  CHECK(fs::exists(mark));
  // No shell: a ';' is just an argument.
  CHECK(run_help_command({"/usr/bin/touch", (dir / "a;b").string()}, 5000ms));
  CHECK(fs::exists(dir / "a;b"));
  const auto failed = run_help_command({"/bin/false"}, 5000ms);
  REQUIRE_FALSE(failed);
  CHECK(failed.error().message.find("exit code 1") != std::string::npos);
  const auto missing = run_help_command({"/no/such/bell"}, 5000ms);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().message.find("could not start") != std::string::npos);
  const auto t = std::chrono::steady_clock::now();
  const auto slow = run_help_command({"/bin/sleep", "30"}, 300ms);
  REQUIRE_FALSE(slow);
  CHECK(slow.error().message.find("was stopped") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - t < 5s);
  fs::remove_all(dir);
}

TEST_CASE("the help caller never blocks and logs each outcome", "[staff]") {
  std::mutex m;
  std::vector<std::string> lines;
  int sounds = 0;
  HelpCaller caller({"/bin/sleep", "1"}, 5000ms,
                    [&](const std::string& l) {
                      std::lock_guard lock(m);
                      lines.push_back(l);
                    },
                    [&]() -> Status {
                      ++sounds;
                      return Ok{};
                    });
  const auto t = std::chrono::steady_clock::now();
  CHECK(caller.call());
  CHECK(std::chrono::steady_clock::now() - t < 500ms);
  CHECK_FALSE(caller.call());  // still running: not queued
  caller.wait();
  CHECK(caller.call());
  caller.wait();
  std::lock_guard lock(m);
  CHECK(sounds == 2);
  CHECK(std::count(lines.begin(), lines.end(), "the help command ran") == 2);
}

TEST_CASE("the journal line of a call names the screen, nothing the person gave", "[staff]") {
  Session s = wiped();
  s.step = Step::question;
  s.draft = "Иванова";
  s.answers.values["surname"] = "Иванова";
  const std::string line = help_journal_line(s);
  CHECK(line.find("question") != std::string::npos);
  CHECK(line.find("Иванова") == std::string::npos);
  const auto tone = help_tone();
  CHECK(tone.seconds() > 0.4);
  CHECK(tone.seconds() < 1.5);
}

// [4] a tap in the text ------------------------------------------------------------------

#include "text/layout.hpp"

TEST_CASE("a tap in the laid-out story finds the caret offset, left to right and right to left", "[text]") {
  static text::FontSet fonts = text::FontSet::load_default().value();
  text::LayoutOptions o;
  o.isolate_numbers = false;
  const text::Paragraph p = text::layout(fonts, "ab\ncd", o);
  REQUIRE(p.lines.size() == 2);
  const float lh = p.line_height;
  CHECK(text::offset_at(p, -50, lh * 0.5f) == 0);
  CHECK(text::offset_at(p, 5000, lh * 0.5f) == 2);   // the end of the first line, before its line feed
  CHECK(text::offset_at(p, -50, lh * 1.5f) == 3);    // the start of the second line
  CHECK(text::offset_at(p, 5000, lh * 9.0f) == 5);   // below the text: its end
  CHECK(text::offset_at(p, -50, -40.0f) == 0);       // above it: its first line
  const float mid = text::caret_at(p, 1).x;
  CHECK(text::offset_at(p, mid + 1, lh * 0.5f) == 1);
  // Dari: the first letter is at the right edge.
  const std::string dari = "سلام";
  const text::Paragraph r = text::layout(fonts, dari, o);
  REQUIRE(r.rtl);
  CHECK(text::offset_at(r, r.width + 50, r.line_height * 0.5f) == 0);
  CHECK(text::offset_at(r, -50, r.line_height * 0.5f) == dari.size());
}

TEST_CASE("staff unlocking ends the wait for staff", "[flow]") {
  Driver d;
  d.to_interview("ru");
  d << intent::CallStaff{} << intent::OpenStaff{};
  CHECK(d.s.helping);  // only the PIN says staff are here
  d << intent::StaffUnlocked{} << intent::LeaveStaff{};
  CHECK_FALSE(d.s.helping);
  CHECK(d.s.step == Step::question);
}
