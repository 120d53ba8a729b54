// The kiosk's services. Sections: [1] loading  [2] session  [3] printing
//   [4] staff actions
#include "kiosk.hpp"

#include <GLFW/glfw3.h>

#include "base/paths.hpp"
#include "base/today.hpp"
#include "content/guidance.hpp"
#include "document/reference.hpp"
#include "finish/finish.hpp"
#include "outbox/transfer.hpp"
#include "outbox/usb.hpp"

#include <algorithm>
#include <cstdio>
#include "print/documents.hpp"
#include "print/printer.hpp"

namespace app {

// [SECTION] 1. loading --------------------------------------------------------------

Kiosk::Kiosk(std::shared_ptr<const kiosk::Site> loaded)
    : site(std::move(loaded)), config(site->config), tr(site->tr), form(site->form) {}

kiosk::Result<std::unique_ptr<Kiosk>> Kiosk::load(std::shared_ptr<const kiosk::Site> site) {
  if (!site) return kiosk::make_error(kiosk::Errc::internal, "no site was loaded");
  auto k = std::make_unique<Kiosk>(std::move(site));
  k->flow.idle_warning = std::chrono::seconds(k->config.kiosk.idle_warning_seconds);
  k->flow.idle_countdown = std::chrono::seconds(k->config.kiosk.idle_countdown_seconds);
  k->pin_gate_.emplace(k->config.staff.max_pin_attempts,
                       std::chrono::seconds(k->config.staff.lockout_seconds));
  // Without the outbox the kiosk still guides and prints; records wait for staff.
  if (auto records = kiosk::sync::RecordService::start(k->config)) {
    k->records_ = std::move(records).value();
  } else {
    k->records_problem_ = "The outbox cannot be used: " + records.error().describe();
    std::fprintf(stderr, "asylum-kiosk: %s\n", k->records_problem_.c_str());
  }
  return k;
}

// [SECTION] 2. session ---------------------------------------------------------------

kiosk::FlowContext Kiosk::flow_context() const {
  return kiosk::FlowContext{form, flow, kiosk::local_today()};
}

void Kiosk::apply(const kiosk::Intent& i) {
  if (!retired_.empty()) poll_jobs();  // a wiped session's print job may have ended
  const kiosk::Step before = session.step;
  session = kiosk::reduce(session, i, flow_context());
  if (session.step == kiosk::Step::attract && before != kiosk::Step::attract) {
    ui = UiState{};
    forget_documents();
  }
  // A text size, contrast or voice someone chose on the attract screen and
  // then walked away from is not the next person's choice.
  if (const auto* tick = std::get_if<kiosk::intent::Tick>(&i);
      tick && session.step == kiosk::Step::attract && attract_choices_made() &&
      tick->now - session.last_touch >= flow.idle_warning)
    ui = UiState{};
  if (session.step != before && (before == kiosk::Step::question || session.step == kiosk::Step::question))
    ui.keyboard = 0;
  if (before == kiosk::Step::consent && session.step == kiosk::Step::print) finish_record();
  // Printed papers would no longer match changed answers.
  if (before == kiosk::Step::print && session.step != kiosk::Step::print &&
      session.step != kiosk::Step::done && session.step != kiosk::Step::staff &&
      session.step != kiosk::Step::staff_pin)
    forget_documents();
}

void Kiosk::read_aloud(const std::string& text) {
  // A screen is its step, question, sub-step and language; the idle
  // countdown changing each second is the same screen.
  const auto& s = session;
  const std::string screen = std::to_string(static_cast<int>(s.step)) + "/" +
                             std::to_string(s.situation_page) + "/" +
                             std::to_string(s.cursor.field) + "." + std::to_string(s.cursor.item) + "." +
                             std::to_string(s.cursor.sub) + "/" + (s.confirming_cyrillic ? "c" : "") +
                             (s.idle_warning ? "i" : "") + "/" + s.lang;
  const bool changed = screen != spoken_screen_;
  spoken_screen_ = screen;
  const bool now = ui.speak_now;
  ui.speak_now = false;
  if (!speaker) return;
  const bool on = ui.read_aloud < 0 ? config.kiosk.read_aloud_default : ui.read_aloud == 1;
  const int volume = ui.volume < 0 ? config.kiosk.speech_volume : ui.volume;
  const bool staff = s.step == kiosk::Step::staff || s.step == kiosk::Step::staff_pin;
  if (changed) speaker->stop();
  if (ui.read_aloud == 0 && !now) {
    speaker->stop();
    if (!(changed && s.idle_warning)) return;
  }
  const bool speak = now || (changed && !staff && (on || s.idle_warning));
  if (speak && ui.speech_available && !text.empty()) speaker->say(s.lang.empty() ? config.kiosk.start_language : s.lang, text, volume);
}

bool Kiosk::attract_choices_made() const {
  const UiState fresh;
  return ui.large_text != fresh.large_text || ui.high_contrast != fresh.high_contrast ||
         ui.read_aloud != fresh.read_aloud || ui.volume != fresh.volume;
}

double Kiosk::next_timer() const {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (job_.valid() || !retired_.empty()) return 0.25;  // a worker is busy: look again soon
  }
  const auto& s = session;
  if (s.step == kiosk::Step::attract) {
    if (!attract_choices_made()) return 60.0;
    const double left = std::chrono::duration<double>(s.last_touch + flow.idle_warning - now()).count();
    return std::clamp(left, 0.05, 60.0);
  }
  if (s.idle_warning) return 1.0;  // the countdown changes once a second
  const auto due = s.last_touch + (s.step == kiosk::Step::done ? flow.idle_countdown : flow.idle_warning);
  const double left = std::chrono::duration<double>(due - now()).count();
  return std::max(0.05, left);
}

bool Kiosk::check_pin(const std::string& pin) {
  return pin_gate_ && pin_gate_->attempt(pin, config.staff.pin_hash, now());
}

int Kiosk::pin_locked_seconds() {
  return pin_gate_ ? static_cast<int>(pin_gate_->remaining(now()).count()) : 0;
}

void Kiosk::exit_kiosk() {
  if (session.step != kiosk::Step::staff) return;
  allow_close = true;
  if (window) glfwSetWindowShouldClose(window, GLFW_TRUE);
}

// [SECTION] 3. printing -----------------------------------------------------------------

void Kiosk::forget_documents() {
  if (job_.valid()) retired_.push_back(std::move(job_));  // finishes on its own
  std::lock_guard<std::mutex> lock(mutex_);
  ++session_count_;
  documents_.reset();  // wiped now, or when a retired job lets go of them
  print_ = PrintState{};
  reference_.clear();
  record_key_.clear();
}

void Kiosk::finish_record() {
  std::lock_guard<std::mutex> lock(mutex_);
  reference_ = kiosk::make_reference_code();
  record_key_.clear();
  if (!records_) {
    record_key_ = "error.generic";
    staff_status_ = records_problem_;
    return;
  }
  auto record = kiosk::session_record(config, form, session, reference_);
  // submit() seals at once and wipes the plaintext it was given.
  auto stored = records_->submit(record.xml, record.instance_id, {form.id, form.version});
  if (!stored) {
    record_key_ = stored.error().user_key.empty() ? "error.generic" : stored.error().user_key;
    staff_status_ = "The record was not stored: " + stored.error().describe();
  }
}

void Kiosk::poll_jobs() {
  auto ready = [](std::future<void>& f) {
    return f.valid() && f.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
  };
  if (ready(job_)) job_.get();
  std::erase_if(retired_, ready);
  std::lock_guard<std::mutex> lock(mutex_);
  if (!staff_status_.empty()) ui.status = std::exchange(staff_status_, {});
}

PrintState Kiosk::print_state() {
  poll_jobs();
  std::lock_guard<std::mutex> lock(mutex_);
  PrintState st = job_.valid() ? PrintState{PrintPhase::working, {}} : print_;
  st.record_key = record_key_;
  return st;
}

void Kiosk::print_session() {
  poll_jobs();
  if (job_.valid()) return;
  // The worker gets copies: the session may change while it prints.
  std::string reference;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (reference_.empty()) reference_ = kiosk::make_reference_code();
    reference = reference_;
  }
  job_ = std::async(std::launch::async, [this, s = session, cfg = config, reference,
                                         mine = session_count_] {
    // Asking CUPS can take seconds (a remote server that does not answer):
    // here, not on the screen's thread, which meanwhile shows "working".
    if (!kiosk::printer_available(cfg.printer.name)) {
      std::lock_guard<std::mutex> l(mutex_);
      if (mine == session_count_) print_ = PrintState{PrintPhase::no_printer, {}};
      glfwPostEmptyEvent();
      return;
    }
    std::unique_lock<std::mutex> lock(mutex_);
    std::shared_ptr<kiosk::SessionDocuments> docs = documents_;
    if (!docs) {
      lock.unlock();
      auto made = kiosk::session_documents(cfg, form, tr, site->content, s, reference, kiosk::local_today());
      lock.lock();
      if (mine != session_count_) {  // wiped meanwhile (`made` wipes itself)
        glfwPostEmptyEvent();          // so that the loop reaps this job
        return;
      }
      if (!made) {
        print_ = PrintState{PrintPhase::failed, made.error().user_key};
        glfwPostEmptyEvent();
        return;
      }
      docs = std::make_shared<kiosk::SessionDocuments>(std::move(made).value());
      documents_ = docs;
    }
    lock.unlock();
    kiosk::PrintOptions options;
    options.printer = cfg.printer.name;
    auto printed = kiosk::print_documents(*docs, options);
    docs.reset();
    lock.lock();
    glfwPostEmptyEvent();
    if (mine != session_count_) return;  // the person has gone; nothing to tell
    print_ = printed ? PrintState{PrintPhase::printed, {}}
                     : PrintState{PrintPhase::failed, printed.error().user_key};
    if (!printed) staff_status_ = printed.error().message;  // the CUPS reason, for staff
  });
}

void Kiosk::save_for_staff() {
  poll_jobs();
  if (job_.valid()) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (!documents_) {
    if (reference_.empty()) reference_ = kiosk::make_reference_code();
    auto docs = kiosk::session_documents(config, form, tr, site->content, session, reference_,
                                         kiosk::local_today());
    if (!docs) {
      print_ = PrintState{PrintPhase::failed, docs.error().user_key};
      return;
    }
    documents_ = std::make_shared<kiosk::SessionDocuments>(std::move(docs).value());
  }
  auto saved = kiosk::save_documents(*documents_, config.outbox.data_dir / "to-print");
  if (!saved) staff_status_ = saved.error().describe();
  print_ = saved ? PrintState{PrintPhase::saved, {}}
                 : PrintState{PrintPhase::failed, saved.error().user_key.empty() ? "error.disk.full"
                                                                                 : saved.error().user_key};
}

int Kiosk::record_count() {
  if (!records_) return -1;
  auto st = records_->status();
  if (!st) return -1;
  const auto& c = st->counts;
  return c.queued + c.sending + c.sent + c.failed_permanent;
}

// [SECTION] 4. staff actions ---------------------------------------------------------------

void Kiosk::print_in_background(const std::string& title, const MakePaper& make) {
  if (job_.valid()) return;
  const std::string lang = session.lang.empty() ? "ru" : session.lang;
  job_ = std::async(std::launch::async, [this, cfg = config, lang, title, make] {
    auto pdf = make(cfg, form, tr, lang);
    std::string result;
    if (!pdf) {
      result = pdf.error().describe();
    } else {
      kiosk::PrintOptions options;
      options.printer = cfg.printer.name;
      auto r = kiosk::print_pdf(*pdf, title, options);
      result = r ? title + " (" + lang + ") printed on " + r->printer + "." : r.error().describe();
    }
    std::lock_guard<std::mutex> l(mutex_);
    staff_status_ = result;
    glfwPostEmptyEvent();
  });
}

void Kiosk::staff_action(const std::string& action) {
  poll_jobs();
  if (action == "printer") {
    auto st = kiosk::printer_status(config.printer.name);
    ui.status = st ? st->describe() : st.error().describe();
  } else if (action == "content") {
    const auto age = kiosk::content_age(site->content, kiosk::local_date_kz(std::chrono::system_clock::now()),
                                        config.content.max_age_days);
    ui.status = age.describe();
  } else if (action == "queue") {
    if (!records_) {
      ui.status = records_problem_;
      return;
    }
    auto st = records_->status();
    if (!st) {
      ui.status = st.error().describe();
      return;
    }
    const auto& c = st->counts;
    ui.status = "Records: " + std::to_string(c.queued + c.sending) + " waiting, " +
                std::to_string(c.sent) + " sent, " + std::to_string(c.failed_permanent) +
                " need staff, " + std::to_string(c.exported_unsent) + " on USB not yet sent. " +
                (st->last_sync ? "Last sync: " + st->last_sync->outcome + " — " + st->last_sync->message
                               : std::string("No sync yet.")) +
                (st->sync_enabled ? "" : " Sync is off at this site (USB only).");
  } else if (action == "sync") {
    ui.status = !records_               ? records_problem_
                : records_->sync_now() ? "Sync started; look at the queue again in a moment."
                                       : "Sync is off at this site: export to USB instead.";
  } else if (action == "export") {
    if (!records_ || job_.valid()) {
      ui.status = records_ ? "Busy; try again in a moment." : records_problem_;
      return;
    }
    const auto usb = kiosk::find_usb_drive();
    if (!usb) {
      ui.status = "No USB drive found under /media. Plug one in and try again.";
      return;
    }
    job_ = std::async(std::launch::async, [this, dir = *usb] {
      auto r = records_->export_to(dir);
      std::lock_guard<std::mutex> l(mutex_);
      staff_status_ = r ? "Exported " + std::to_string(r->written) + " sealed records to " +
                              r->root.string() + ". They stay here until the server has them."
                        : r.error().describe();
      glfwPostEmptyEvent();
    });
  } else if (action == "reprint") {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!documents_ || job_.valid()) {
      ui.status = "There are no papers of the current session to reprint.";
      return;
    }
    job_ = std::async(std::launch::async, [this, docs = documents_, name = config.printer.name]() mutable {
      kiosk::PrintOptions options;
      options.printer = name;
      auto r = kiosk::print_documents(*docs, options);
      docs.reset();  // a wipe meanwhile overwrites them here
      std::lock_guard<std::mutex> l(mutex_);
      staff_status_ = r ? "Reprinted the current session's papers." : r.error().describe();
      glfwPostEmptyEvent();
    });
  } else if (action == "blank") {
    // A blank petition in the petition language with the labels also in the
    // language of the session (Russian when none was chosen), to fill by hand.
    print_in_background("asylum-kiosk blank petition",
                        [](const kiosk::Config& cfg, const kiosk::Form& f, const kiosk::Translations& t,
                           const std::string& lang) {
                          return kiosk::prepare_blank_petition(cfg, f, t, lang, kiosk::local_today());
                        });
  } else if (action == "test-page") {
    print_in_background("asylum-kiosk test page",
                        [](const kiosk::Config& cfg, const kiosk::Form& f, const kiosk::Translations& t,
                           const std::string& lang) -> kiosk::Result<kiosk::Pdf> {
                          auto docs = kiosk::prepare_sample_documents(cfg, f, t, lang, kiosk::local_today());
                          if (!docs) return docs.error();
                          return std::move(docs->petition);
                        });
  }
}

}  // namespace app
