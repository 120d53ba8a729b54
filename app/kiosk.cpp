// The kiosk's services. Sections: [1] loading  [2] session  [3] printing
//   [4] staff actions
#include "kiosk.hpp"

#include <GLFW/glfw3.h>
#include <malloc.h>

#include "base/appliance.hpp"
#include "base/paths.hpp"
#include "content/date.hpp"
#include "view/review_view.hpp"
#include "view/staff_view.hpp"
#include "content/guidance.hpp"
#include "document/reference.hpp"
#include "finish/finish.hpp"
#include "outbox/transfer.hpp"
#include "outbox/usb.hpp"
#include "ui/widgets.hpp"

#include <algorithm>
#include <cstdio>
#include "print/documents.hpp"
#include "print/printer.hpp"
#include "print/saved.hpp"
#include "staff/secrets.hpp"

namespace app {

// [SECTION] 1. loading --------------------------------------------------------------

Kiosk::Kiosk(std::shared_ptr<const kiosk::Site> loaded)
    : site(std::move(loaded)),
      config(site->config),
      tr(site->tr),
      form(site->form),
      staff_text(tr, config.staff.language) {}

kiosk::Result<std::unique_ptr<Kiosk>> Kiosk::load(std::shared_ptr<const kiosk::Site> site) {
  if (!site) return kiosk::make_error(kiosk::Errc::internal, "no site was loaded");
  auto k = std::make_unique<Kiosk>(std::move(site));
  k->record_form_ = k->form;
  // The demo key or PIN outside a demo: staff see why; no session starts.
  if (const auto problems = kiosk::demo_secret_problems(k->config); !problems.empty())
    return kiosk::make_error(kiosk::Errc::invalid_input, problems.front(), "error.config");
  k->flow.idle_warning = std::chrono::seconds(k->config.kiosk.idle_warning_seconds);
  k->flow.idle_countdown = std::chrono::seconds(k->config.kiosk.idle_countdown_seconds);
  k->flow.staff_hold = std::chrono::seconds(k->config.kiosk.staff_hold_seconds);
  k->flow.help_wait = std::chrono::seconds(k->config.kiosk.help_wait_seconds);
  k->flow.assisted_idle = std::chrono::seconds(k->config.kiosk.assisted_idle_seconds);
  k->printing_ = std::make_unique<kiosk::PrintService>(
      kiosk::cups_backend(k->config.printer.name, kiosk::saved_papers_place(k->config)),
      [] { glfwPostEmptyEvent(); }, k->staff_text.print_words());
  k->pin_gate_.emplace(k->config.staff.max_pin_attempts,
                       std::chrono::seconds(k->config.staff.lockout_seconds),
                       k->config.outbox.data_dir / "pin-lockout");  // survives a restart
  // Without the outbox the kiosk still guides and prints; records wait for staff.
  if (auto records = kiosk::sync::RecordService::start(k->config)) {
    k->records_ = std::move(records).value();
    k->take_sealing_form();
  } else if (k->config.sync.form_source == "server" &&
             !kiosk::sync::load_stored_server_form(kiosk::sync::server_form_path(k->config.outbox.data_dir))) {
    // A new kiosk that takes its form and key from the server and has not
    // reached it yet has nothing to seal a record with: no session starts
    // (the start-up screen says why to staff and tries again by itself).
    return records.error();
  } else {
    k->records_problem_ = k->staff_text.outbox_problem(records.error());
    std::fprintf(stderr, "asylum-kiosk: the outbox cannot be used: %s\n", records.error().describe().c_str());
  }
  return k;
}

// [SECTION] 2. session ---------------------------------------------------------------

std::chrono::year_month_day Kiosk::today() const {
  return kiosk::local_date_kz(clock.wall());
}

kiosk::FlowContext Kiosk::flow_context() const {
  kiosk::FlowContext c{form, flow, today()};
  c.listening = listening();
  // The guidance and the review are read in parts.
  c.parts = session.step == kiosk::Step::guidance ? parts_.size()
            : session.step == kiosk::Step::review ? review_parts_.size()
                                                  : 0;
  return c;
}

bool Kiosk::listening() const {
  return ui.read_aloud < 0 ? config.kiosk.read_aloud_default : ui.read_aloud == 1;
}

void Kiosk::take_sealing_form() {
  if (!records_) return;
  auto current = records_->sealing_form();
  if (current == session_form_) return;  // the same form: nothing to copy
  session_form_ = std::move(current);
  record_form_ = form;
  // Records carry the XForm's version (derived from the questions and the
  // key), or the version of the form taken from the server.
  if (!session_form_->ref.version.empty()) record_form_.version = session_form_->ref.version;
}

void Kiosk::apply(const kiosk::Intent& i) {
  take_staff_status();
  // Between sessions (nobody's answers exist): the form the sync took from
  // the server meanwhile is used from the session this intent may start.
  if (session.step == kiosk::Step::attract) take_sealing_form();
  auto t = kiosk::step(session, i, flow_context());
  session = t.session;
  for (const auto e : t.effects) perform(e, t);
}

void Kiosk::perform(kiosk::Effect e, const kiosk::Transition& t) {
  using kiosk::Effect;
  switch (e) {
    case Effect::wipe:
      ui = UiState{};
      forget_session();
      // The session's freed memory goes back to the system (malloc keeps it
      // otherwise: about 10 MB after a session, the next person's PSS).
      malloc_trim(0);
      break;
    case Effect::forget_answers: forget_session(); break;
    case Effect::store_record: finish_record(); break;
    case Effect::forget_papers: printing_->new_session(); break;
    case Effect::print_papers: printing_->print(papers_maker()); break;
    case Effect::save_papers: printing_->save(papers_maker()); break;
    case Effect::reset_access:
      if (attract_choices_made()) ui = UiState{};
      break;
    case Effect::reset_keyboard: ui.keyboard = 0; break;
    case Effect::screen_changed:
      screen_changed_ = true;
      review_parts_.clear();
      if (speaker) speaker->stop();
      break;
    case Effect::read_part: read_part_ = true; break;
    case Effect::say_attract: say(kiosk::attract_speech(tr, config)); break;
    case Effect::say_language: say({kiosk::language_speech(tr, t.session.heard_language)}); break;
    case Effect::hear: say({t.hear}); break;  // in its own voice (a Cyrillic name: Russian)
    case Effect::staff_action:
      if (!saved_papers_action(t)) staff_action(t.staff);
      break;
    case Effect::close_kiosk: exit_kiosk(); break;
    case Effect::call_staff: call_staff(); break;
    case Effect::read_back:
      // Only the person's own asking speaks their text, at their volume.
      if (speaker && ui.speech_available) {
        speaker->say(session.lang.empty() ? config.kiosk.start_language : session.lang, session.draft,
                     ui.volume < 0 ? config.kiosk.speech_volume : ui.volume);
        reading_back_ = true;
      }
      break;
  }
}

void Kiosk::call_staff() {
  // The journal: which screen, nothing the person gave.
  std::fprintf(stderr, "asylum-kiosk: %s\n", kiosk::help_journal_line(session).c_str());
  if (!help_) {
    kiosk::HelpCaller::Sound sound;
    if (speaker) {  // screenshots and replays without sound have no speaker
      sound = [] {
        static const std::unique_ptr<kiosk::speech::Player> player = kiosk::speech::make_pulse_player();
        const std::atomic<bool> stop{false};
        return player->play(kiosk::help_tone(), stop);
      };
    }
    help_ = std::make_unique<kiosk::HelpCaller>(
        config.kiosk.help_command, std::chrono::seconds(config.kiosk.help_command_seconds),
        [](const std::string& line) { std::fprintf(stderr, "asylum-kiosk: help: %s\n", line.c_str()); },
        std::move(sound));
  }
  help_->call();
}

void Kiosk::forget_session() {
  printing_->new_session();  // a running job finishes on its own and changes nothing
  guidance_.clear();
  parts_.clear();
  parts_.shrink_to_fit();
  parts_built_ = -1;
  review_parts_.clear();
  review_parts_.shrink_to_fit();
  app::ui::forget_personal_text();
  reference_.clear();
}

const std::vector<kiosk::TextSection>& Kiosk::guidance() {
  return guidance_.get(site->content, tr, config, session, clock.wall());
}

const std::vector<kiosk::ReadingPart>& Kiosk::reading_parts() {
  const auto& sections = guidance();
  if (parts_built_ != guidance_.builds()) {
    parts_ = kiosk::reading_parts(sections, session.lang.empty() ? config.kiosk.start_language : session.lang);
    parts_built_ = guidance_.builds();
  }
  return parts_;
}

const std::vector<kiosk::ReadingPart>& Kiosk::review_parts() {
  // Made again when the screen changes (the answers change only elsewhere)
  // or the headphones are switched.
  const bool say_answers = kiosk::answers_aloud(session, config);
  const std::string key = kiosk::screen_key(session) + (say_answers ? "|answers" : "|questions");
  if (review_parts_.empty() || review_parts_key_ != key) {
    const std::string& lang = session.lang.empty() ? config.kiosk.start_language : session.lang;
    review_parts_ = kiosk::reading_parts(
        {kiosk::review_reading(kiosk::review_view(session, form, tr, lang, say_answers), tr, lang)}, lang);
    review_parts_key_ = key;
  }
  return review_parts_;
}

void Kiosk::say(std::vector<kiosk::Utterance> what) {
  if (!speaker) return;
  speaker->say(std::move(what), ui.volume < 0 ? config.kiosk.speech_volume : ui.volume);
  part_said_ = -1;
}

void Kiosk::read_aloud(const std::string& drawn) {
  const bool changed = std::exchange(screen_changed_, false);
  const bool part = std::exchange(read_part_, false);
  const bool now = ui.speak_now || part;
  ui.speak_now = false;
  if (!speaker) return;
  if (reading_back_) {
    // The person's text being read back goes on until the screen changes
    // or they ask for something else.
    if (!changed && !now && speaker->busy()) return;
    reading_back_ = false;
  }
  const auto& s = session;
  const bool on = listening();
  const int volume = ui.volume < 0 ? config.kiosk.speech_volume : ui.volume;
  const bool staff = s.step == kiosk::Step::staff || s.step == kiosk::Step::staff_pin;
  // Switched off: what is being said stops (a tap on "Repeat", a language
  // or "Hear it in Russian" still speaks; so does the idle warning).
  if (std::exchange(was_listening_, on) && !on && !now) speaker->stop();
  const bool speak = now || (changed && !staff && (on || s.idle_warning));
  if (!speak || !ui.speech_available) return;
  // A screen read in parts says only the part being read (core's words);
  // any other screen says what it drew.
  std::string text = drawn;
  bool in_parts = false;
  if ((s.step == kiosk::Step::guidance || s.step == kiosk::Step::review) && !s.idle_warning &&
      s.asking == kiosk::Ask::none) {
    const auto& parts = s.step == kiosk::Step::review ? review_parts() : reading_parts();
    if (s.reading_part < parts.size()) {
      text = parts[s.reading_part].text;
      in_parts = true;
    }
  }
  if (text.empty()) return;
  speaker->say(s.lang.empty() ? config.kiosk.start_language : s.lang, text, volume);
  part_said_ = in_parts ? speaker->finished() : -1;
}

void Kiosk::poll_speech() {
  // The part given to the speaker has been said to its end: core goes on
  // to the next part while the person listens.
  if (!speaker || part_said_ < 0 || speaker->busy()) return;
  if (speaker->finished() > part_said_) {
    part_said_ = -1;
    if (session.step == kiosk::Step::guidance || session.step == kiosk::Step::review)
      apply(kiosk::intent::PartRead{});
  } else {
    part_said_ = -1;  // stopped or failed (no audio output): nothing to go on from
  }
}

bool Kiosk::attract_choices_made() const {
  const UiState fresh;
  return ui.large_text != fresh.large_text || ui.high_contrast != fresh.high_contrast ||
         ui.read_aloud != fresh.read_aloud || ui.volume != fresh.volume;
}

double Kiosk::next_timer() const {
  if (printing_->snapshot().busy) return 0.25;  // a worker is busy: look again soon
  const auto& s = session;
  if (s.step == kiosk::Step::attract) {
    if (!attract_choices_made()) return 60.0;
    const double left = std::chrono::duration<double>(s.last_touch + flow.idle_warning - now()).count();
    return std::clamp(left, 0.05, 60.0);
  }
  if (s.idle_warning) return 1.0;  // the countdown changes once a second
  const auto due = s.last_touch + (s.step == kiosk::Step::done && !s.helping ? flow.idle_countdown
                                                                : kiosk::idle_warning_after(s, flow));
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
  allow_close = true;
  (void)kiosk::mark_staff_close();  // the unit restarts every other end of the session
  if (window) glfwSetWindowShouldClose(window, GLFW_TRUE);
}

// [SECTION] 3. printing -----------------------------------------------------------------

void Kiosk::finish_record() {
  reference_ = kiosk::make_reference_code();
  ui.record = kiosk::outbox::RecordFate::not_kept;
  if (!records_) {
    ui.status = records_problem_;
    return;
  }
  auto record = kiosk::session_record(config, record_form_, session, reference_);
  // submit() seals at once (with the key of the form taken at the start of
  // the session) and wipes the plaintext it was given; a record the outbox
  // cannot take now is held sealed in memory (ui.record says so).
  auto stored = session_form_ && !session_form_->ref.version.empty()
                    ? records_->submit(record.xml, record.instance_id, *session_form_, false, &ui.record)
                    : records_->submit(record.xml, record.instance_id, {record_form_.id, record_form_.version},
                                       false, &ui.record);
  if (!stored) ui.status = staff_text.not_stored(stored.error());
}

kiosk::PrintService::MakePapers Kiosk::papers_maker() {
  if (reference_.empty()) reference_ = kiosk::make_reference_code();
  // The worker gets copies: the session may change (or be wiped) while it works.
  return [this, s = session, reference = reference_, day = today()] {
    return kiosk::session_documents(config, form, tr, site->content, s, reference, day);
  };
}

void Kiosk::take_staff_status() {
  if (auto line = printing_->take_staff_status(); !line.empty()) ui.status = std::move(line);
}

void Kiosk::poll_services() {
  take_staff_status();
  poll_speech();
  if (session.step != kiosk::Step::print) return;
  const auto snap = printing_->snapshot();
  if (snap.busy) return;
  const bool trouble = snap.phase == kiosk::PrintPhase::failed || snap.phase == kiosk::PrintPhase::no_printer;
  if (trouble != session.waiting_for_staff) apply(kiosk::intent::PrintOutcome{trouble});
}

PrintState Kiosk::print_state() {
  take_staff_status();
  const auto snap = printing_->snapshot();
  PrintState st{snap.busy ? kiosk::PrintPhase::working : snap.phase, snap.user_key};
  return st;
}

std::string Kiosk::holds_text(const std::string& text) {
  if (text.empty()) return {};
  auto in_answers = [&](const kiosk::Answers& a) {
    for (const auto* m : {&a.values, &a.cyrillic})
      for (const auto& [k, v] : *m)
        if (v.find(text) != std::string::npos) return true;
    for (const auto& [g, items] : a.groups)
      for (const auto& item : items)
        for (const auto* m : {&item.values, &item.cyrillic})
          for (const auto& [k, v] : *m)
            if (v.find(text) != std::string::npos) return true;
    return false;
  };
  if (in_answers(session.answers) || session.draft.find(text) != std::string::npos ||
      session.cyrillic_draft.find(text) != std::string::npos)
    return "the session";
  if (app::ui::text_cache_contains(text)) return "the text layout cache";
  for (const auto& section : guidance_.sections())
    for (const auto& line : section.lines)
      if (line.find(text) != std::string::npos) return "the guidance view";
  if (printing_->snapshot().has_papers) return "the print service's papers";
  if (speaker && speaker->last_said().find(text) != std::string::npos) return "the speech queue";
  for (const auto& part : review_parts_)
    if (part.text.find(text) != std::string::npos) return "the review's reading parts";
  if (ui.pin.find(text) != std::string::npos || ui.status.find(text) != std::string::npos)
    return "the screen state";
  return {};
}

int Kiosk::record_count() {
  if (!records_) return -1;
  auto st = records_->status();
  if (!st) return -1;
  const auto& c = st->counts;
  return c.queued + c.sending + c.sent + c.failed_permanent;
}

// [SECTION] 4. staff actions ---------------------------------------------------------------

void Kiosk::print_in_background(kiosk::StaffPaper paper, MakePaper make) {
  const std::string lang = kiosk::staff_paper_language(session, config);
  const std::string title =
      paper == kiosk::StaffPaper::test_page ? "asylum-kiosk test page" : "asylum-kiosk blank petition";
  const bool started = printing_->run_staff([this, lang, title, paper, make = std::move(make), day = today()] {
    auto pdf = make(config, form, tr, lang, day);
    if (!pdf) return staff_text.problem(pdf.error());
    kiosk::PrintOptions options;
    options.printer = config.printer.name;
    auto r = kiosk::print_pdf(*pdf, title, options);
    return r ? staff_text.printed(paper, lang, r->printer) : staff_text.problem(r.error());
  });
  if (!started) ui.status = staff_text.note(kiosk::StaffNote::busy);
}

void Kiosk::staff_action(kiosk::StaffAction action) {
  using kiosk::StaffAction;
  take_staff_status();
  switch (action) {
    case StaffAction::none: break;
    case StaffAction::printer: {
      auto st = kiosk::printer_status(config.printer.name);
      ui.status = st ? staff_text.printer(*st) : staff_text.problem(st.error());
      break;
    }
    case StaffAction::content:
      ui.status = staff_text.content(
          kiosk::content_age(site->content, kiosk::local_date_kz(clock.wall()), config.content.max_age_days));
      break;
    case StaffAction::queue: {
      if (!records_) {
        ui.status = records_problem_;
        break;
      }
      auto st = records_->status();
      ui.status = st ? staff_text.queue(*st) : staff_text.problem(st.error());
      break;
    }
    case StaffAction::sync:
      ui.status = !records_               ? records_problem_
                  : records_->sync_now() ? staff_text.note(kiosk::StaffNote::sync_started)
                                         : staff_text.note(kiosk::StaffNote::sync_off);
      break;
    case StaffAction::export_usb: {
      if (!records_) {
        ui.status = records_problem_;
        break;
      }
      const auto usb = kiosk::find_usb_drive();
      if (!usb) {
        ui.status = staff_text.note(kiosk::StaffNote::no_usb);
        break;
      }
      const bool started = printing_->run_staff([this, dir = *usb] {
        auto r = records_->export_to(dir);
        return r ? staff_text.exported(r->written, r->root) : staff_text.problem(r.error());
      });
      if (!started) ui.status = staff_text.note(kiosk::StaffNote::busy);
      break;
    }
    case StaffAction::reprint:
      if (!printing_->reprint()) ui.status = staff_text.note(kiosk::StaffNote::nothing_to_reprint);
      break;
    case StaffAction::blank:
      // A blank petition in the petition language with the labels also in the
      // language of the session (Russian when none was chosen), to fill by hand.
      print_in_background(kiosk::StaffPaper::blank_petition,
                          [](const kiosk::Config& cfg, const kiosk::Form& f, const kiosk::Translations& t,
                             const std::string& lang, std::chrono::year_month_day day) {
                            return kiosk::prepare_blank_petition(cfg, f, t, lang, day);
                          });
      break;
    case StaffAction::test_page:
      print_in_background(kiosk::StaffPaper::test_page,
                          [](const kiosk::Config& cfg, const kiosk::Form& f, const kiosk::Translations& t,
                             const std::string& lang,
                             std::chrono::year_month_day day) -> kiosk::Result<kiosk::Pdf> {
                            auto docs = kiosk::prepare_sample_documents(cfg, f, t, lang, day);
                            if (!docs) return docs.error();
                            return std::move(docs->petition);
                          });
      break;
    default: break;  // the saved papers' actions: saved_papers_action()
  }
}

// [SECTION] 5. saved papers, held and damaged records (issue 18) --------------------------

kiosk::StaffPapersView Kiosk::staff_papers(const std::string& lang) {
  auto& d = staff_papers_;
  if (!d.fresh || now() - d.read_at > std::chrono::seconds(2)) {
    d.held = d.damaged = -1;
    if (records_)
      if (auto st = records_->status(); st) {
        d.held = st->held;
        d.damaged = st->outbox_open ? st->counts.damaged : -1;
      }
    auto list = kiosk::list_saved_papers(kiosk::saved_papers_place(config));
    d.papers = list ? std::move(list).value() : std::vector<kiosk::SavedPaper>{};
    d.read_at = now();
    d.fresh = true;
  }
  return kiosk::staff_papers_view(tr, lang, d.held, d.damaged, d.papers,
                                  std::chrono::duration_cast<std::chrono::seconds>(
                                      clock.wall().time_since_epoch()).count(),
                                  session.staff_delete_asked);
}

bool Kiosk::saved_papers_action(const kiosk::Transition& t) {
  using kiosk::StaffAction;
  const std::string& lang = config.staff.language;  // staff mode's language
  const std::string& ref = t.staff_reference;
  switch (t.staff) {
    case StaffAction::print_saved: {
      take_staff_status();
      const bool started = printing_->run_staff([this, lang, ref] {
        kiosk::PrintOptions options;
        options.printer = config.printer.name;
        auto r = kiosk::print_saved_papers(kiosk::saved_papers_place(config), ref, options);
        return kiosk::staff_saved_printed(tr, lang, ref, r ? std::string{} : r.error().describe());
      });
      if (!started) ui.status = staff_text.note(kiosk::StaffNote::busy);
      return true;
    }
    case StaffAction::delete_saved: {
      auto st = kiosk::delete_saved_papers(kiosk::saved_papers_place(config), ref);
      ui.status = kiosk::staff_saved_deleted(tr, lang, ref, st ? std::string{} : st.error().describe());
      staff_papers_.fresh = false;
      return true;
    }
    case StaffAction::saved_papers:
    case StaffAction::staff_main:
    case StaffAction::ask_delete_saved:
    case StaffAction::keep_saved: return true;  // the page only (core never asks for these)
    default: return false;
  }
}

}  // namespace app
