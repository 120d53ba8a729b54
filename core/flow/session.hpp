// The person's session as plain data, and the pure function that moves it.
//
// Screens in app/ draw a Session and push Intents; reduce() is the only place
// that changes a Session. It does no I/O: the time, today's date and the form
// come in through FlowContext, so Catch2 drives whole sessions without a window.
#pragma once

#include <chrono>
#include <optional>
#include <string>
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
  bool from_review = false;         // editing one answer from the review screen
  bool consented = false;
  bool declined = false;            // said no on the consent screen: nothing kept
  Step staff_return = Step::attract;  // where leaving staff mode goes back to
  bool idle_warning = false;        // "Are you still there?" is showing
  std::chrono::steady_clock::time_point last_touch{};
};

namespace intent {
struct Start {};                              // touch on the attract screen
struct ChooseLanguage { std::string code; };  // also allowed on every later screen
struct Next {};                               // accept the draft and go on
struct Back {};
struct Skip {};                               // leave an optional question empty
struct Home {};                               // start again: wipes the session
struct SetWhere { std::string where; };
struct SetEntry { std::string entry; };
struct SetArrival { std::string iso_date; bool realised = false; };
struct SetRealised { bool realised; };        // "this is the day I learned I cannot go back"
struct SetDraft { std::string text; };        // keyboard or date picker wrote this
struct ToggleOption { std::string option; };  // multi_choice
struct SetCyrillic { std::string text; };     // the person corrected the proposal
struct AddItem {};                            // group: add a family member
struct EditItem { int index; };
struct RemoveItem { int index; };
struct EditAnswer { std::string field; };     // from the review screen
struct Agree {};                              // consent given
struct Decline {};                            // no consent: nothing is stored or printed
struct Printed {};                            // both documents went to the printer
struct Touch { std::chrono::steady_clock::time_point at; };
struct Tick { std::chrono::steady_clock::time_point now; };
struct StillHere {};                          // Continue on the idle warning
struct OpenStaff {};                          // the hidden corner gesture
struct StaffUnlocked {};
struct LeaveStaff {};
}  // namespace intent

using Intent =
    std::variant<intent::Start, intent::ChooseLanguage, intent::Next, intent::Back, intent::Skip,
                 intent::Home, intent::SetWhere, intent::SetEntry, intent::SetArrival,
                 intent::SetDraft, intent::ToggleOption, intent::SetCyrillic, intent::AddItem,
                 intent::EditItem, intent::RemoveItem, intent::EditAnswer, intent::Agree, intent::Decline,
                 intent::Printed, intent::Touch, intent::Tick, intent::StillHere,
                 intent::OpenStaff, intent::StaffUnlocked, intent::LeaveStaff,
                 intent::SetRealised>;

struct FlowSettings {
  std::chrono::seconds idle_warning{90};
  std::chrono::seconds idle_countdown{30};
};

// What reduce() needs besides the session: all of it read-only.
struct FlowContext {
  const Form& form;
  FlowSettings settings;
  std::chrono::year_month_day today;  // the kiosk's local date (Asia/Almaty)
};

// A fresh session: nothing the previous person did remains.
Session wiped();

// The next state of `s` after `i`. Pure.
Session reduce(const Session& s, const Intent& i, const FlowContext& ctx);

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
