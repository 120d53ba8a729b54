// The person's session as plain data, and the pure function that moves it.
//
// Screens in app/ draw a Session and return Intents; reduce() is the only
// place that changes a Session. Tests drive whole sessions through reduce()
// without a window.
#pragma once

#include <chrono>
#include <string>
#include <variant>

namespace kiosk {

// Where the person is in the session, in the order they meet it.
enum class Step {
  attract,     // "Touch to start" in every language
  language,    // five big buttons
  situation,   // where are you, how and when did you come
  guidance,    // deadline, office, next steps, rights, free help
  question,    // the petition interview, one question per screen
  review,      // every answer, tap one to change it
  consent,     // what is printed, stored, who reads it
  print,       // printing the petition and the receipt
  done,        // thank you; the session wipes itself
  staff_pin,   // PIN pad after the hidden gesture
  staff,       // staff screen
};

const char* to_string(Step step);

struct Session {
  Step step = Step::attract;
  std::string lang;              // chosen language code; empty before the choice
  bool idle_warning = false;     // "Are you still there?" is showing
  std::chrono::steady_clock::time_point last_touch{};
};

namespace intent {
struct Start {};                              // touch on the attract screen
struct ChooseLanguage { std::string code; };
struct Next {};
struct Back {};
struct Home {};                               // start again: wipes the session
struct Touch { std::chrono::steady_clock::time_point at; };
struct Tick { std::chrono::steady_clock::time_point now; };
struct StillHere {};                          // Continue on the idle warning
struct OpenStaff {};                          // the hidden corner gesture
struct StaffUnlocked {};
struct LeaveStaff {};
}  // namespace intent

using Intent = std::variant<intent::Start, intent::ChooseLanguage, intent::Next, intent::Back,
                            intent::Home, intent::Touch, intent::Tick, intent::StillHere,
                            intent::OpenStaff, intent::StaffUnlocked, intent::LeaveStaff>;

struct FlowSettings {
  std::chrono::seconds idle_warning{90};
  std::chrono::seconds idle_countdown{30};
};

// A fresh session: nothing the previous person did remains.
Session wiped();

// The next state of `s` after `i`. Pure: no I/O, time comes in the intent.
Session reduce(const Session& s, const Intent& i, const FlowSettings& settings);

// Seconds left on the idle countdown at `now` (0 when not warning).
int idle_seconds_left(const Session& s, std::chrono::steady_clock::time_point now,
                      const FlowSettings& settings);

}  // namespace kiosk
