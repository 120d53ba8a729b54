// What every screen gets and gives. A screen draws the Session it is handed
// and pushes Intents for what the person asked; it never changes the session.
// Side effects (printing, sync, leaving the kiosk) go through Services, which
// main.cpp implements over core.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "content/content.hpp"
#include "content/guidance.hpp"
#include "flow/session.hpp"
#include "form/form.hpp"
#include "input/keyboard.hpp"
#include "locale/catalog.hpp"
#include "outbox/outbox.hpp"
#include "print/service.hpp"
#include "view/staff_view.hpp"
#include "speech/reading.hpp"

namespace app {

// Where printing the session's papers stands (the print screen draws it):
// the print service's snapshot. (What became of the record is UiState::record.)
using kiosk::PrintPhase;
struct PrintState {
  PrintPhase phase = PrintPhase::idle;
  std::string user_key;    // what went wrong, for the person (error.printer.*)
};

// What screens may read from the running kiosk besides the session. What a
// person or staff asks for (print, save, a staff action, closing) is an
// Intent; core turns it into effects that the kiosk performs.
class Services {
 public:
  virtual ~Services() = default;
  // The guidance content (offices, deadline rule, sections).
  virtual const kiosk::Content& content() = 0;
  // An on-screen keyboard layout by id (loaded with the site), or null.
  virtual const kiosk::KeyboardLayout* keyboard(const std::string& id) = 0;
  // The guidance screen's sections for this session at this hour (core's
  // view, made again only when what it says changes).
  virtual const std::vector<kiosk::TextSection>& guidance() = 0;
  // The guidance's parts as read aloud one at a time; the part being read
  // (Session::reading_part) is drawn highlighted.
  virtual const std::vector<kiosk::ReadingPart>& reading_parts() = 0;
  // The print service's snapshot: never waits for a print job.
  virtual PrintState print_state() = 0;
  // Checks a staff PIN through the lockout gate; true opens staff mode.
  virtual bool check_pin(const std::string& pin) = 0;
  // Seconds staff entry stays locked after too many wrong PINs (0: open).
  virtual int pin_locked_seconds() = 0;
  // The staff screen's saved papers and held/damaged records in `lang`
  // (core's view of the record service and the saved-papers place).
  virtual kiosk::StaffPapersView staff_papers(const std::string& lang) = 0;
};

// Screen-only state that is not part of the person's answers: which
// keyboard is shown, the digits typed on the PIN pad. Wiped with the session.
struct UiState {
  size_t keyboard = 0;       // index into keyboards_for(lang)
  std::string pin;           // digits typed on the staff PIN pad
  bool pin_wrong = false;
  float scroll = 0;          // review / guidance scroll position
  int scrolled_to_part = 0;  // guidance: the part read aloud that the list last scrolled to
  std::string status;        // last staff action's result, for staff eyes
  // Accessibility, the person's choices for this session (wiped with it).
  int read_aloud = -1;       // -1: the site's kiosk.read_aloud_default; 0 off; 1 on
  int volume = -1;           // -1: kiosk.speech_volume; else 0-100
  bool speak_now = false;    // the speaker button was tapped: read this screen
  bool large_text = false;
  bool high_contrast = false;
  bool speech_available = true;  // this language has a voice (set by the kiosk)
  // What became of this session's locked copy (set when consent stores it):
  // the print and done screens say so in core's words (record_lines).
  kiosk::outbox::RecordFate record = kiosk::outbox::RecordFate::stored;
};

struct ScreenContext {
  const kiosk::Session& session;
  const kiosk::Translations& tr;
  const kiosk::Config& config;
  const kiosk::Form& form;
  std::chrono::steady_clock::time_point now;
  std::vector<kiosk::Intent>& intents;   // what the person asked for this frame
  float width = 0;                       // screen size in pixels
  float height = 0;
  UiState* ui = nullptr;
  Services* services = nullptr;
  std::chrono::year_month_day today{};   // Kazakhstan's date on the kiosk's clock

  // The language this screen is shown in (core's rule: the person's, or
  // the start language before a choice; staff screens in staff.language).
  [[nodiscard]] const std::string& lang() const { return kiosk::shown_language(session, config); }
  [[nodiscard]] std::string t(const std::string& key, const kiosk::MessageArgs& args = {}) const {
    return tr.tr(lang(), key, args);
  }
  void push(kiosk::Intent i) { intents.push_back(std::move(i)); }
};

// One function per screen, each in its own file; registered in screens.cpp.
using DrawScreen = void (*)(ScreenContext&);
DrawScreen screen_for(kiosk::Step step);

// Drawn over any screen while the session is idle-warning.
void draw_idle_overlay(ScreenContext& ctx);
// Drawn over the screen while core asks "Delete everything you entered?".
void draw_ask_overlay(ScreenContext& ctx);
// Drawn over the screen after "I need help": "Staff are coming".
void draw_help_overlay(ScreenContext& ctx);
// The staff screen's saved papers page (issue 18), and its entry on the
// main staff page at `y` (returns the y below it). staff_papers.cpp.
void draw_staff_papers(ScreenContext& ctx);
float draw_staff_papers_entry(ScreenContext& ctx, float y, float x, float w);

}  // namespace app
