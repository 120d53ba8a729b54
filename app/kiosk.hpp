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
#include "staff/pin.hpp"
#include "sync/service.hpp"
#include "view/guidance_view.hpp"

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
  void print_in_background(const std::string& title, MakePaper make);
  // What the print service runs to make this session's papers (a copy of
  // the session, so the worker never reads the live one).
  kiosk::PrintService::MakePapers papers_maker();
  // Consent given: seals and stores the record, and fixes the reference
  // the papers will carry.
  void finish_record();
  void staff_action(kiosk::StaffAction action);
  // Issue 18: Print and Delete of one saved paper (t.staff_reference).
  // Returns false for the other staff actions.
  bool saved_papers_action(const kiosk::Transition& t);
  void exit_kiosk();

  std::optional<kiosk::PinGate> pin_gate_;
  // The outbox and background sync; null when it could not be opened (the
  // kiosk still guides and prints; staff see why).
  std::unique_ptr<kiosk::sync::RecordService> records_;
  std::string records_problem_;  // English, for staff
  kiosk::Form record_form_;  // the form as records name it: the XForm's version (sync/service.hpp)
  std::string reference_;        // this session's code, on the record and both papers

  // Papers: made on the first print, kept for reprint until the wipe.
  std::unique_ptr<kiosk::PrintService> printing_;
  kiosk::GuidanceView guidance_;  // the guidance screen's text for this session
  bool screen_changed_ = true;     // core said the screen changed: stop speech, read the new one
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
