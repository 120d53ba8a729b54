// The running kiosk: everything it loaded, the person's session, and the
// services screens call (printing, staff actions). Work that can take long
// (printing, sync) runs on worker threads; the UI thread only polls.
#pragma once

#include <chrono>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "content/content.hpp"
#include "document/documents.hpp"
#include "flow/session.hpp"
#include "form/form.hpp"
#include "locale/catalog.hpp"
#include "screens/screen.hpp"
#include "site/site.hpp"
#include "speech/speaker.hpp"
#include "staff/gesture.hpp"
#include "staff/pin.hpp"
#include "sync/service.hpp"

struct GLFWwindow;

namespace app {

class Kiosk final : public Services {
 public:
  using Clock = std::chrono::steady_clock;

  // The kiosk of a loaded site (kiosk::load_site: config, translations,
  // form, content, keyboards ...); opens the outbox.
  static kiosk::Result<std::unique_ptr<Kiosk>> load(std::shared_ptr<const kiosk::Site> site);
  explicit Kiosk(std::shared_ptr<const kiosk::Site> loaded);

  [[nodiscard]] Clock::time_point now() const { return Clock::now() + clock_offset; }
  [[nodiscard]] kiosk::FlowContext flow_context() const;
  // Applies an intent; a wiped session also wipes the screens' state and
  // the papers kept in memory.
  void apply(const kiosk::Intent& i);
  // Seconds until something on screen changes by itself (idle countdown,
  // a print job finishing).
  [[nodiscard]] double next_timer() const;

  // Services
  const kiosk::Content& content() override { return site->content; }
  const kiosk::KeyboardLayout* keyboard(const std::string& id) override { return site->keyboard(id); }
  bool check_pin(const std::string& pin) override;
  int pin_locked_seconds() override;
  void exit_kiosk() override;
  void print_session() override;
  void save_for_staff() override;
  PrintState print_state() override;
  void staff_action(const std::string& action) override;
  // After each frame: `text` is what the frame drew in the person's
  // language. Stops speech when the screen changed; speaks the new screen
  // when read-aloud is on, the idle warning when it appears, and the
  // screen when the speaker button was tapped. Never blocks.
  void read_aloud(const std::string& text);
  // The speaker (null in screenshot mode: screenshots are silent).
  std::unique_ptr<kiosk::speech::Speaker> speaker;
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
  std::chrono::seconds clock_offset{0};  // --replay moves time forward with "wait"
  bool allow_close = false;               // only staff mode may close the kiosk
  int busy_frames = 0;                    // frames still to draw after an event
  GLFWwindow* window = nullptr;

 private:
  void forget_documents();
  void poll_jobs();
  // Whether text size, contrast, read-aloud or volume differ from the start.
  bool attract_choices_made() const;
  // Makes one paper (blank petition, test page) on a worker and prints it;
  // the result goes to the staff status line.
  using MakePaper = std::function<kiosk::Result<kiosk::Pdf>(
      const kiosk::Config&, const kiosk::Form&, const kiosk::Translations&, const std::string& lang)>;
  void print_in_background(const std::string& title, const MakePaper& make);
  // Consent given: seals and stores the record, and fixes the reference
  // the papers will carry.
  void finish_record();

  std::optional<kiosk::PinGate> pin_gate_;
  // The outbox and background sync; null when it could not be opened (the
  // kiosk still guides and prints; staff see why).
  std::unique_ptr<kiosk::sync::RecordService> records_;
  std::string records_problem_;  // English, for staff
  std::string reference_;        // this session's code, on the record and both papers
  std::string record_key_;       // why the record was not stored (for the person), or empty

  // The session's papers: made on the first print, kept for reprint until
  // the session is wiped. Guarded by mutex_ (a worker fills them). Shared
  // with a worker that prints them; the Pdfs overwrite their bytes when the
  // last holder lets go.
  mutable std::mutex mutex_;
  std::shared_ptr<kiosk::SessionDocuments> documents_;
  PrintState print_;
  std::string staff_status_;  // a worker's result for staff; poll_jobs() shows it
  std::future<void> job_;  // the running print / staff job, if any
  // A wipe does not wait for a print job (CUPS may take minutes to give up
  // on a printer): the job is left to finish here, and the session count
  // tells it that its session is gone, so it changes nothing of the next.
  std::vector<std::future<void>> retired_;
  unsigned session_count_ = 0;  // guarded by mutex_
  std::string spoken_screen_;  // which screen read_aloud() last saw
};

}  // namespace app
