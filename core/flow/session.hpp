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

// The three answers that decide the deadline and the advice.
struct Situation {
  std::string where;    // "land_border" | "airport" | "inside" (content's `when`)
  std::string entry;    // "checkpoint" | "not_checkpoint" | "unsure" (advice only)
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
};

struct Session {
  Step step = Step::attract;
  std::string lang;                 // chosen language; empty before the choice
  Situation situation;
  int situation_page = 0;           // 0 where, 1 entry, 2 arrival date
  Answers answers;
  Cursor cursor;
  std::string draft;                // the answer being typed or chosen now
  std::optional<FieldProblem> problem;  // why the draft was not accepted
  bool confirming_cyrillic = false; // showing the Cyrillic proposal of a name
  std::string cyrillic_draft;
  bool cyrillic_check = false;      // the proposal is a guess from letters: ask staff to check
  bool from_review = false;         // editing one answer from the review screen
  bool consented = false;
  bool declined = false;            // said no on the consent screen: nothing kept
  Step staff_return = Step::attract;  // where leaving staff mode goes back to
  bool idle_warning = false;        // "Are you still there?" is showing
  Ask asking = Ask::none;           // a "delete everything?" question is showing
  bool waiting_for_staff = false;   // the printer failed and the person was sent to staff
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
struct SetWhere { std::string where; };
struct SetEntry { std::string entry; };
struct SetArrival { std::string iso_date; bool realised = false; };
struct SetRealised { bool realised; };        // "this is the day I learned I cannot go back"
struct SetDraft { std::string text; };        // keyboard or date picker wrote this
struct ToggleOption { std::string option; };  // multi_choice
struct SetCyrillic { std::string text; };     // the person corrected the proposal
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
struct CloseKiosk {};                         // staff mode only
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
                 intent::PrintOutcome, intent::SetRealised>;

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
};

const char* to_string(Effect effect);

struct Transition {
  Session session;
  std::vector<Effect> effects;
  StaffAction staff = StaffAction::none;  // with Effect::staff_action
  std::string staff_reference;            // the saved papers it is about (print_saved, delete_saved)
  [[nodiscard]] bool has(Effect e) const;
};

struct FlowSettings {
  std::chrono::seconds idle_warning{90};
  std::chrono::seconds idle_countdown{30};
  std::chrono::seconds staff_hold{900};  // waiting for staff after a printer problem
};

// What reduce() needs besides the session: all of it read-only.
struct FlowContext {
  const Form& form;
  FlowSettings settings;
  std::chrono::year_month_day today;  // the kiosk's local date (Asia/Almaty)
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

// Which screen the session shows: step, page, question, sub-screen and
// language. Speech stops and starts when it changes; the idle countdown
// ticking is the same screen.
std::string screen_key(const Session& s);

// How long without a touch before "Are you still there?": longer while the
// person was sent to find staff after a printer problem.
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
