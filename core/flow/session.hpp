// The person's session as plain data, and the pure function that moves it.
//
// Screens in app/ draw a Session and push Intents; reduce() is the only place
// that changes a Session. It does no I/O: the time, today's date and the form
// come in through FlowContext, so Catch2 drives whole sessions without a window.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "form/form.hpp"
#include "locale/calendar.hpp"
#include "locale/transliterate.hpp"
#include "input/keyboard.hpp"

namespace kiosk {

// Where the person is in the session, in the order they meet it.
enum class Step {
  attract,     // "Touch to start" in every language
  language,    // five big buttons
  situation,   // where are you, how and when did you come (three pages)
  guidance,    // deadline, office, next steps, rights, free help
  question,    // the petition interview, one question per screen
  review,      // every answer; tap one to change it
  consent,     // what is printed, what is stored, who reads it
  print,       // printing the petition and the receipt
  done,        // thank you; the session then wipes itself
  staff_pin,   // PIN pad after the hidden gesture
  staff,       // staff screen
};

const char* to_string(Step step);

// What staff can ask of the kiosk from the staff screen.
enum class StaffAction {
  none, queue, sync, export_usb, printer, test_page, reprint, blank, content,
  // The saved papers ("Save for staff") and the held and damaged records
  // (issue 18): the page opens and closes, a paper is printed, a delete is
  // asked, then done (delete_saved, only for the reference asked) or not.
  saved_papers, staff_main, print_saved, ask_delete_saved, delete_saved, keep_saved,
};
const char* to_string(StaffAction action);  // the button id: "queue", "export" ...
StaffAction staff_action_from(std::string_view id);

// Where the person is now (the content's `when` names these).
enum class Where { none, land_border, airport, airport_transit, inside };
// How they came in, as they told the situation screen: advice for the
// deadline only, never printed as their statement.
enum class Entry { none, checkpoint, not_checkpoint, unsure };
// The button and data names: "land_border" ... "checkpoint" ...; "" for none.
const char* to_string(Where w);
const char* to_string(Entry e);
// Where::none / Entry::none for a name that is not one of them.
Where where_from(std::string_view name);
Entry entry_from(std::string_view name);

// The three answers that decide the deadline and the advice.
struct Situation {
  Where where = Where::none;
  Entry entry = Entry::none;
  std::string arrival;  // "YYYY-MM-DD"
  // The date is the day the person learned they cannot go back, not the day
  // they arrived: it fills the petition's realised_date, never entry_date.
  bool realised = false;
};

// Which question is on screen: a top-level field, or a field of one item of
// a group (item >= 0), or the group's own list screen (item < 0).
struct Cursor {
  size_t field = 0;
  int item = -1;
  size_t sub = 0;
  bool operator==(const Cursor&) const = default;
};

// A question that stands between one tap and losing the person's work.
enum class Ask {
  none,
  start_again,  // "Start again": delete everything you entered?
  decline,      // "I do not agree": then nothing is kept or printed; sure?
  close_kiosk,  // staff: "Close the kiosk"? (no session can start until it runs again)
};

struct Session {
  Step step = Step::attract;
  std::string lang;                 // chosen language; empty before the choice
  Situation situation;
  int situation_page = 0;           // 0 where, 1 entry, 2 arrival date
  Answers answers;
  Cursor cursor;
  std::string draft;                // the answer being typed or chosen now
  // Where typing goes in the draft (a byte offset at a character boundary);
  // npos: at its end. Moved by a tap in the text or the arrow keys.
  size_t caret = std::string::npos;
  std::optional<FieldProblem> problem;  // why the draft was not accepted
  bool confirming_cyrillic = false; // showing the Cyrillic proposal of a name
  std::string cyrillic_draft;
  bool cyrillic_check = false;      // the proposal is a guess from letters: ask staff to check
  // How much of the date on screen the person knows (a birth date may be a
  // year only, or a year and month); set from the stored answer on entry.
  DatePrecision date_precision = DatePrecision::day;
  bool from_review = false;         // editing one answer from the review screen
  bool consented = false;
  bool declined = false;            // said no on the consent screen: nothing kept
  Step staff_return = Step::attract;  // where leaving staff mode goes back to
  bool idle_warning = false;        // "Are you still there?" is showing
  Ask asking = Ask::none;           // a "delete everything?" question is showing
  bool waiting_for_staff = false;   // the printer failed and the person was sent to staff
  // "I need help": the "staff are coming" screen is showing over the step;
  // the idle wipe waits up to FlowSettings::help_wait.
  bool helping = false;
  // Staff unlocked and let the session go on with them beside the person
  // (a physical keyboard, the longer FlowSettings::assisted_idle).
  bool assisted = false;
  // Listening: long screens are read one part at a time (speech/reading.hpp).
  bool guidance_full = false;       // the whole guidance asked for; else the short version
  size_t reading_part = 0;          // the part of the screen being read (highlighted)
  std::optional<bool> headphones;   // the person's choice; else the site's kiosk.headphones
  std::string heard_language;       // language screen: touched once, its name was said
  bool staff_papers = false;        // the staff screen shows the saved papers' page
  std::string staff_delete_asked;   // the saved papers staff were asked to confirm deleting
  std::chrono::steady_clock::time_point last_touch{};
};

namespace intent {
struct Start {};                              // touch on the attract screen
struct ChooseLanguage { std::string code; };  // also allowed on every later screen
struct Next {};                               // accept the draft and go on
struct Back {};
struct Skip {};                               // leave an optional question empty
struct Home {};                               // start again: asks first once something was entered
struct ConfirmAsk {};                         // "Yes, delete everything"
struct CancelAsk {};                          // "No, keep my answers" (the default)
struct SetWhere { Where where; };
struct SetEntry { Entry entry; };
struct SetArrival { std::string iso_date; bool realised = false; };
struct SetRealised { bool realised; };        // "this is the day I learned I cannot go back"
struct SetDraft { std::string text; };        // keyboard or date picker wrote this
struct ToggleOption { std::string option; };  // multi_choice
struct SetCyrillic { std::string text; };     // the person corrected the proposal
struct ListenCyrillic {};                     // "Listen": the Russian voice reads the proposal
// "I know the whole date" / "only the year and month" / "only the year", on
// a date question that allows a partial date (the draft follows).
struct SetDatePrecision { DatePrecision precision; };
struct Type { std::string text; };            // a physical keyboard typed this (appended)
struct Erase {};                              // Backspace: one user-perceived character
struct Enter {};                              // Enter: as Next while typing an answer
struct AddItem {};                            // group: add a family member
struct EditItem { int index; };
struct RemoveItem { int index; };
struct EditAnswer { std::string field; };     // from the review screen
struct Agree {};                              // consent given
struct Decline {};                            // no consent: nothing is stored or printed
struct Printed {};                            // both documents went to the printer
// The print service's outcome, as the kiosk saw it change: after a problem
// the person was told to find staff, so the session holds longer.
struct PrintOutcome { bool trouble; };
struct Touch { std::chrono::steady_clock::time_point at; };
// Time passes. While the kiosk speaks, the person is listening: that counts
// as activity, so the idle warning comes only after the speech has ended.
struct Tick {
  std::chrono::steady_clock::time_point now;
  bool speaking = false;
};
struct StillHere {};                          // Continue on the idle warning
struct OpenStaff {};                          // the hidden corner gesture
struct StaffUnlocked {};
struct LeaveStaff {};
struct Print {};                              // print the papers (again, after a failure)
struct SaveForStaff {};                       // keep the papers for staff (no printer)
struct Staff {                                // a staff screen button
  StaffAction action;
  std::string reference;                      // which saved papers (print_saved, ask_delete_saved, delete_saved)
};
struct CloseKiosk {};                         // staff mode only; asks first
struct CallStaff {};                          // "I need help" on any of the person's screens
struct HelpBack {};                           // "Back to where I was" on the help screen
struct StaffAssist {};                        // staff mode: go on with the person, staff beside them
// On-screen keys, at the caret: a key text of a layout, or an editing key.
struct Key { std::string key; };
struct EditAt { EditKey key; };
struct MoveCaret { int by; };                 // characters, logical order: -1 back, +1 on
// An arrow key (on screen or physical): one character towards the left or
// right as the text is drawn; in right-to-left text left is onwards.
struct Arrow { bool left; };
struct SetCaret { size_t offset; };           // a tap in the text (the app found the offset)
struct ReadBack {};                           // "Read my text aloud": the person asks
struct NextPart {};                           // "Next part" of a screen read in parts
struct RepeatPart {};                         // "Repeat" the part being read
struct PartRead {};                           // the speaker said the whole part (go on while listening)
struct ReadAll { bool full; };                // the guidance: everything, or the short version
struct SetHeadphones { bool on; };            // the person's headphones button
struct Listen {};                             // the attract screen's "listen"
struct TouchLanguage { std::string code; };   // a language button (the first touch speaks while listening)
struct Hear { Utterance what; };              // hear one text in its voice (the address in Russian)
}  // namespace intent

using Intent =
    std::variant<intent::Start, intent::ChooseLanguage, intent::Next, intent::Back, intent::Skip,
                 intent::Home, intent::SetWhere, intent::SetEntry, intent::SetArrival,
                 intent::SetDraft, intent::ToggleOption, intent::SetCyrillic, intent::AddItem,
                 intent::EditItem, intent::RemoveItem, intent::EditAnswer, intent::Agree, intent::Decline,
                 intent::Printed, intent::Touch, intent::Tick, intent::StillHere,
                 intent::OpenStaff, intent::StaffUnlocked, intent::LeaveStaff, intent::Print,
                 intent::SaveForStaff, intent::Staff, intent::CloseKiosk, intent::Type,
                 intent::Erase, intent::Enter, intent::ConfirmAsk, intent::CancelAsk,
                 intent::PrintOutcome, intent::SetRealised, intent::ListenCyrillic,
                 intent::SetDatePrecision, intent::CallStaff, intent::HelpBack,
                 intent::StaffAssist, intent::Key, intent::EditAt, intent::MoveCaret,
                 intent::SetCaret, intent::ReadBack, intent::Arrow, intent::NextPart, intent::RepeatPart,
                 intent::PartRead, intent::ReadAll, intent::SetHeadphones, intent::Listen,
                 intent::TouchLanguage, intent::Hear>;

// What a transition asks the kiosk to do besides showing the new session.
// reduce() decides them; the kiosk performs them in order; tests assert them.
enum class Effect {
  wipe,            // the session was wiped: papers, caches of its text, screen state, input
  forget_answers,  // "I do not agree": the answers are gone, the person is still here
  store_record,    // consent given: seal and store the record now
  forget_papers,   // the answers may change: papers made so far no longer match
  print_papers,    // make the papers (once per session) and print them
  save_papers,     // make the papers and keep them for staff
  reset_access,    // text size, contrast and voice chosen by someone who walked away
  reset_keyboard,  // a question screen was entered or left: the first layout again
  screen_changed,  // stop speaking; read the new screen if read-aloud is on
  staff_action,    // perform Transition::staff
  close_kiosk,     // staff closed the kiosk
  call_staff,      // "I need help": a tone, a journal line, the site's command (no personal data)
  read_back,       // speak the draft (the person's own text) now: they asked for it
  read_part,       // say the part being read again (same screen, another part or "Repeat")
  say_attract,     // say speech/reading.hpp's attract_speech()
  say_language,    // say language_speech() of Session::heard_language
  hear,            // say Transition::hear now, instead of what is being said
};

const char* to_string(Effect effect);

struct Transition {
  Session session;
  std::vector<Effect> effects;
  StaffAction staff = StaffAction::none;  // with Effect::staff_action
  Utterance hear;                         // with Effect::hear: the voice and the words
  std::string staff_reference;            // the saved papers it is about (print_saved, delete_saved)
  [[nodiscard]] bool has(Effect e) const;
};

struct FlowSettings {
  std::chrono::seconds idle_warning{90};
  std::chrono::seconds idle_countdown{30};
  std::chrono::seconds staff_hold{900};  // waiting for staff after a printer problem
  std::chrono::seconds help_wait{600};   // "I need help": this long without a touch before the warning
  std::chrono::seconds assisted_idle{900};  // a staff-assisted session
};

// What reduce() needs besides the session: all of it read-only.
struct FlowContext {
  const Form& form;
  FlowSettings settings;
  std::chrono::year_month_day today;  // the kiosk's local date (Asia/Almaty)
  size_t parts = 0;                   // how many reading parts the screen on show has
  bool listening = false;             // read-aloud is on (the person's choice or the site's)
};

// A fresh session: nothing the previous person did remains.
Session wiped();

// The next state of `s` after `i` and the effects of that transition. Pure.
Transition step(const Session& s, const Intent& i, const FlowContext& ctx);

// step(s, i, ctx).session.
Session reduce(const Session& s, const Intent& i, const FlowContext& ctx);

// Whether a physical keyboard types into the session now (a question's
// answer or its Cyrillic spelling, and no idle warning over it).
bool typing(const Session& s);

// Whether "I need help" can be asked now (every screen of the person's
// session; not staff mode, not the attract screen).
bool can_call_staff(const Session& s);

// The caret in the draft: Session::caret at a character boundary, npos as
// the end of the draft.
size_t caret_of(const Session& s);

// Whether the draft is drawn right to left: its first strong letter, else
// the session's language (an empty Dari answer).
bool draft_rtl(const Session& s);

// Which screen the session shows: step, page, question, sub-screen and
// language. Speech stops and starts when it changes; the idle countdown
// ticking is the same screen.
std::string screen_key(const Session& s);

// How long without a touch before "Are you still there?": longer while the
// person was sent to find staff after a printer problem, while they wait for
// the staff they called, and in a staff-assisted session.
std::chrono::seconds idle_warning_after(const Session& s, const FlowSettings& settings);

// Seconds left on the idle countdown at `now` (0 when not warning).
int idle_seconds_left(const Session& s, std::chrono::steady_clock::time_point now,
                      const FlowSettings& settings);

// The field on screen in the question step (the group's sub-field when
// editing an item), or nullptr when the cursor is on a group's list screen.
const Field* current_field(const Session& s, const Form& form);

// The top-level field at the cursor.
const Field& current_top_field(const Session& s, const Form& form);

// Progress through the interview: (number of the current question, how many
// questions there are), counting only visible top-level fields.
std::pair<int, int> progress(const Session& s, const Form& form);

}  // namespace kiosk
