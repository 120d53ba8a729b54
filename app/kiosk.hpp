// The running kiosk: everything it loaded, the person's session, and the
// effects it performs for core (store, print, speak, wipe, staff actions).
// Which effects a touch has is decided by core's step(); this class only
// carries them out. Work that can take long (printing, sync) runs in core's
// services on their own threads; the UI thread only reads their snapshots.
#pragma once

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "config/config.hpp"
#include "content/content.hpp"
#include "document/documents.hpp"
#include "flow/session.hpp"
#include "form/form.hpp"
#include "print/service.hpp"
#include "locale/catalog.hpp"
#include "screens/screen.hpp"
#include "site/site.hpp"
#include "speech/speaker.hpp"
#include "staff/gesture.hpp"
#include "staff/help_call.hpp"
#include "staff/pin.hpp"
#include "sync/service.hpp"
#include "speech/reading.hpp"
#include "view/guidance_view.hpp"
#include "view/staff_view.hpp"

struct GLFWwindow;

namespace app {

class Kiosk final : public Services {
 public:
  using Clock = std::chrono::steady_clock;

  // The kiosk of a loaded site (kiosk::load_site: config, translations,
  // form, content, keyboards ...); opens the outbox.
  static kiosk::Result<std::unique_ptr<Kiosk>> load(std::shared_ptr<const kiosk::Site> site);
  explicit Kiosk(std::shared_ptr<const kiosk::Site> loaded);

  [[nodiscard]] Clock::time_point now() const { return clock.steady(); }
  [[nodiscard]] std::chrono::year_month_day today() const;  // in Kazakhstan, from `clock`
  [[nodiscard]] kiosk::FlowContext flow_context() const;
  // Applies an intent through core's step() and performs its effects.
  void apply(const kiosk::Intent& i);
  // Performs one effect of a transition (in the order core gave them).
  void perform(kiosk::Effect e, const kiosk::Transition& t);
  // Before each frame: tells core what the services' snapshots say (a print
  // problem holds the session for staff) and takes a worker's staff line.
  void poll_services();
  // Seconds until something on screen changes by itself (idle countdown,
  // a print job finishing).
  [[nodiscard]] double next_timer() const;

  // Services
  const kiosk::Content& content() override { return site->content; }
  const kiosk::KeyboardLayout* keyboard(const std::string& id) override { return site->keyboard(id); }
  const std::vector<kiosk::TextSection>& guidance() override;
  // The guidance cut into the parts read aloud one at a time (core's
  // reading_parts), made again when the guidance changes.
  const std::vector<kiosk::ReadingPart>& reading_parts() override;
  // The review cut into parts as read aloud (the questions, and the answers
  // only into headphones).
  const std::vector<kiosk::ReadingPart>& review_parts();
  // Whether read-aloud is on (the person's choice, else the site's).
  [[nodiscard]] bool listening() const;
  bool check_pin(const std::string& pin) override;
  int pin_locked_seconds() override;
  PrintState print_state() override;
  kiosk::StaffPapersView staff_papers(const std::string& lang) override;
  // Blocks until no print or staff job runs (replays).
  void wait_for_jobs() const { printing_->wait_idle(); }
  // After each frame: `text` is what the frame drew in the person's
  // language. Stops speech when the screen changed; speaks the new screen
  // when read-aloud is on, the idle warning when it appears, and the
  // screen when the speaker button was tapped. Never blocks.
  void read_aloud(const std::string& text);
  // The speaker (null in screenshot mode: screenshots are silent).
  std::unique_ptr<kiosk::speech::Speaker> speaker;
  // Where the kiosk still keeps `text` (the session, the guidance view, the
  // text layouts, the papers, the speech queue), or "" when nowhere.
  [[nodiscard]] std::string holds_text(const std::string& text);
  // How many records the outbox holds (all states); -1 without an outbox.
  int record_count();

  // Everything loaded, const after loading; the three below point into it.
  const std::shared_ptr<const kiosk::Site> site;
  const kiosk::Config& config;
  const kiosk::Translations& tr;
  const kiosk::Form& form;
  kiosk::FlowSettings flow;
  const kiosk::StaffView staff_text;     // the staff screens' lines, in staff.language
  kiosk::Session session;
  UiState ui;
  kiosk::CornerTaps corner;
  kiosk::KioskClock clock;                // --replay moves it forward with "wait"
  bool allow_close = false;               // only staff mode may close the kiosk
  int busy_frames = 0;                    // frames still to draw after an event
  GLFWwindow* window = nullptr;

 private:
  // The wipe (or "I do not agree"): the papers, the guidance text and every
  // other copy of the session's text that the kiosk keeps.
  void forget_session();
  // A worker's line for staff (print service), shown on the staff screen.
  void take_staff_status();
  // Whether text size, contrast, read-aloud or volume differ from the start.
  bool attract_choices_made() const;
  // Makes one paper (blank petition, test page) on a worker and prints it;
  // the result goes to the staff status line.
  using MakePaper = std::function<kiosk::Result<kiosk::Pdf>(
      const kiosk::Config&, const kiosk::Form&, const kiosk::Translations&, const std::string& lang,
      std::chrono::year_month_day today)>;
  void print_in_background(kiosk::StaffPaper paper, MakePaper make);
  // What the print service runs to make this session's papers (a copy of
  // the session, so the worker never reads the live one).
  kiosk::PrintService::MakePapers papers_maker();
  // Consent given: seals and stores the record, and fixes the reference
  // the papers will carry.
  void finish_record();
  // Takes the form and key the sync last took (RecordService::sealing_form())
  // for the next session's record. Only between sessions.
  void take_sealing_form();
  void staff_action(kiosk::StaffAction action);
  // Issue 18: Print and Delete of one saved paper (t.staff_reference).
  // Returns false for the other staff actions.
  bool saved_papers_action(const kiosk::Transition& t);
  void exit_kiosk();

  std::optional<kiosk::PinGate> pin_gate_;
  // "I need help": the tone and the site's command, off the UI thread.
  std::unique_ptr<kiosk::HelpCaller> help_;
  void call_staff();
  // The person asked to hear their own text: speech of the screen does not
  // cut it until the screen changes.
  bool reading_back_ = false;
  // The outbox and background sync; null when it could not be opened (the
  // kiosk still guides and prints; staff see why).
  std::unique_ptr<kiosk::sync::RecordService> records_;
  std::string records_problem_;  // for staff, in staff.language
  kiosk::Form record_form_;  // the form as records name it: the XForm's version (sync/service.hpp)
  // What this session's record is sealed with: taken between sessions
  // (take_sealing_form), so a form the sync takes mid-session changes nothing
  // until the next one. The object is const and shared with the record service.
  std::shared_ptr<const kiosk::sync::SealingForm> session_form_;
  std::string reference_;        // this session's code, on the record and both papers

  // Papers: made on the first print, kept for reprint until the wipe.
  std::unique_ptr<kiosk::PrintService> printing_;
  kiosk::GuidanceView guidance_;  // the guidance screen's text for this session
  bool screen_changed_ = true;     // core said the screen changed: stop speech, read the new one
  bool read_part_ = false;         // core said: read the part being read (again)
  bool was_listening_ = false;     // read-aloud was on at the last frame
  int part_said_ = -1;             // the speaker's finished() count when a part was given to it
  std::vector<kiosk::ReadingPart> parts_;
  int parts_built_ = -1;           // guidance_.builds() the parts were cut from
  std::vector<kiosk::ReadingPart> review_parts_;
  std::string review_parts_key_;   // the screen and headphones they were made for
  // A part said to its end goes on to the next (core's PartRead).
  void poll_speech();
  // Says `what` now (replacing whatever is being said).
  void say(std::vector<kiosk::Utterance> what);
  // The staff screen's saved papers and held/damaged counts, read again at
  // most every 2 s and after Print or Delete (issue 18).
  struct StaffPapersData {
    int held = -1, damaged = -1;
    std::vector<kiosk::SavedPaper> papers;
    Clock::time_point read_at{};
    bool fresh = false;
  } staff_papers_;
};

}  // namespace app
