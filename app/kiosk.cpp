// The kiosk's services. Sections: [1] loading  [2] session  [3] printing
//   [4] staff actions
#include "kiosk.hpp"

#include <GLFW/glfw3.h>

#include "base/paths.hpp"
#include "base/today.hpp"
#include "content/guidance.hpp"
#include "finish/finish.hpp"
#include "print/documents.hpp"
#include "print/printer.hpp"

namespace app {

// [SECTION] 1. loading --------------------------------------------------------------

kiosk::Result<std::unique_ptr<Kiosk>> Kiosk::load(kiosk::Config config) {
  auto k = std::make_unique<Kiosk>();
  k->config = std::move(config);
  const auto dir = kiosk::data_dir();
  auto tr = kiosk::Translations::load(dir / "locales");
  if (!tr) return tr.error();
  k->tr = std::move(tr).value();
  auto form = kiosk::load_form(dir / "assets/form/petition.toml");
  if (!form) return form.error();
  k->form = std::move(form).value();
  auto content = kiosk::load_content(dir / "assets/content");
  if (!content) return content.error();
  k->content_ = std::move(content).value();
  if (const auto problems = kiosk::check_site_office(k->content_, k->config.site.office);
      !problems.empty())
    return kiosk::make_error(kiosk::Errc::invalid_input, problems.front(), "error.config");
  k->flow.idle_warning = std::chrono::seconds(k->config.kiosk.idle_warning_seconds);
  k->flow.idle_countdown = std::chrono::seconds(k->config.kiosk.idle_countdown_seconds);
  k->pin_gate_.emplace(k->config.staff.max_pin_attempts,
                       std::chrono::seconds(k->config.staff.lockout_seconds));
  return k;
}

// [SECTION] 2. session ---------------------------------------------------------------

kiosk::FlowContext Kiosk::flow_context() const {
  return kiosk::FlowContext{form, flow, kiosk::local_today()};
}

void Kiosk::apply(const kiosk::Intent& i) {
  const kiosk::Step before = session.step;
  session = kiosk::reduce(session, i, flow_context());
  if (session.step == kiosk::Step::attract && before != kiosk::Step::attract) {
    ui = UiState{};
    forget_documents();
  }
  if (session.step != before && (before == kiosk::Step::question || session.step == kiosk::Step::question))
    ui.keyboard = 0;
  // Printed papers would no longer match changed answers.
  if (before == kiosk::Step::print && session.step != kiosk::Step::print &&
      session.step != kiosk::Step::done && session.step != kiosk::Step::staff &&
      session.step != kiosk::Step::staff_pin)
    forget_documents();
}

double Kiosk::next_timer() const {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (job_.valid()) return 0.25;  // a worker is busy: look again soon
  }
  const auto& s = session;
  if (s.step == kiosk::Step::attract) return 60.0;
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
  if (job_.valid()) job_.get();  // a worker may still be reading them
  std::lock_guard<std::mutex> lock(mutex_);
  if (documents_) documents_->wipe();
  documents_.reset();
  print_ = PrintState{};
}

void Kiosk::poll_jobs() {
  if (job_.valid() && job_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) job_.get();
  std::lock_guard<std::mutex> lock(mutex_);
  if (!staff_status_.empty()) ui.status = std::exchange(staff_status_, {});
}

PrintState Kiosk::print_state() {
  poll_jobs();
  std::lock_guard<std::mutex> lock(mutex_);
  if (job_.valid()) return PrintState{PrintPhase::working, {}};
  return print_;
}

void Kiosk::print_session() {
  poll_jobs();
  if (job_.valid()) return;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!kiosk::printer_available(config.printer.name)) {
      print_ = PrintState{PrintPhase::no_printer, {}};
      return;
    }
  }
  // The worker gets copies: the session may change while it prints.
  job_ = std::async(std::launch::async, [this, s = session, cfg = config] {
    std::unique_lock<std::mutex> lock(mutex_);
    if (!documents_) {
      lock.unlock();
      auto docs = kiosk::session_documents(cfg, form, tr, content_, s, kiosk::local_today());
      lock.lock();
      if (!docs) {
        print_ = PrintState{PrintPhase::failed, docs.error().user_key};
        return;
      }
      documents_ = std::move(docs).value();
    }
    const kiosk::SessionDocuments& docs = *documents_;
    lock.unlock();
    kiosk::PrintOptions options;
    options.printer = cfg.printer.name;
    auto printed = kiosk::print_documents(docs, options);
    lock.lock();
    print_ = printed ? PrintState{PrintPhase::printed, {}}
                     : PrintState{PrintPhase::failed, printed.error().user_key};
    if (!printed) staff_status_ = printed.error().message;  // the CUPS reason, for staff
    glfwPostEmptyEvent();
  });
}

void Kiosk::save_for_staff() {
  poll_jobs();
  if (job_.valid()) return;
  std::lock_guard<std::mutex> lock(mutex_);
  if (!documents_) {
    auto docs = kiosk::session_documents(config, form, tr, content_, session, kiosk::local_today());
    if (!docs) {
      print_ = PrintState{PrintPhase::failed, docs.error().user_key};
      return;
    }
    documents_ = std::move(docs).value();
  }
  auto saved = kiosk::save_documents(*documents_, config.outbox.data_dir / "to-print");
  if (!saved) staff_status_ = saved.error().describe();
  print_ = saved ? PrintState{PrintPhase::saved, {}}
                 : PrintState{PrintPhase::failed, saved.error().user_key.empty() ? "error.disk.full"
                                                                                 : saved.error().user_key};
}

// [SECTION] 4. staff actions ---------------------------------------------------------------

void Kiosk::staff_action(const std::string& action) {
  poll_jobs();
  if (action == "printer") {
    auto st = kiosk::printer_status(config.printer.name);
    ui.status = st ? st->describe() : st.error().describe();
  } else if (action == "content") {
    const auto age = kiosk::content_age(content_, kiosk::local_date_kz(std::chrono::system_clock::now()),
                                        config.content.max_age_days);
    ui.status = age.describe();
  } else if (action == "reprint") {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!documents_ || job_.valid()) {
      ui.status = "There are no papers of the current session to reprint.";
      return;
    }
    job_ = std::async(std::launch::async, [this, name = config.printer.name] {
      kiosk::PrintOptions options;
      options.printer = name;
      auto r = kiosk::print_documents(*documents_, options);
      std::lock_guard<std::mutex> l(mutex_);
      staff_status_ = r ? "Reprinted the current session's papers." : r.error().describe();
      glfwPostEmptyEvent();
    });
  } else if (action == "test-page") {
    if (job_.valid()) return;
    const std::string lang = session.lang.empty() ? "ru" : session.lang;
    job_ = std::async(std::launch::async, [this, cfg = config, lang] {
      auto docs = kiosk::prepare_sample_documents(cfg, form, tr, lang, kiosk::local_today());
      std::string result;
      if (!docs) {
        result = docs.error().describe();
      } else {
        kiosk::PrintOptions options;
        options.printer = cfg.printer.name;
        auto r = kiosk::print_pdf(docs->petition, "asylum-kiosk test page", options);
        result = r ? "Test page printed on " + r->printer + "." : r.error().describe();
      }
      std::lock_guard<std::mutex> l(mutex_);
      staff_status_ = result;
      glfwPostEmptyEvent();
    });
  }
}

}  // namespace app
