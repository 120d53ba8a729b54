#include "sync/service.hpp"

#include <cstdio>
#include <ctime>

#include "base/paths.hpp"
#include "form/xform.hpp"
#include "print/saved.hpp"
#include "sync/server_form.hpp"

namespace kiosk::sync {

namespace {

void log_line(const std::string& s) {
  // The journal (stderr of the unit). Never personal data: only paths,
  // SQLite's/the OS's reasons and counts.
  std::fprintf(stderr, "asylum-kiosk: records: %s\n", s.c_str());
}

}  // namespace

namespace {

// The sealing form of a served form, checked again against the kiosk's questions.
Result<SealingForm> sealing_from_served(ServedForm served, const std::string& kiosk_xform,
                                        const std::filesystem::path& path) {
  if (std::string why = form_mismatch(served.xml, kiosk_xform); !why.empty())
    return make_error(Errc::invalid_input, why, {}, path.string());
  auto key = seal::OfficeKey::from_pem(pem_from_base64_der(served.base64_key));
  if (!key) return make_error(Errc::crypto, "the served form's base64RsaPublicKey is not a usable key", {}, path.string());
  SealingForm sf;
  sf.key = *key;
  sf.ref = {served.form_id, served.version};
  sf.xform = std::move(served.xml);
  sf.xform_name = served.form_id + ".xml";
  sf.from_server = true;
  return sf;
}

}  // namespace

Result<SealingForm> load_sealing_form(const Config& config) {
  SealingForm sf;
  if (config.sync.form_source == "server") {
    const auto path = server_form_path(config.outbox.data_dir);
    auto served = load_stored_server_form(path);
    if (!served) {
      Error e = served.error();
      if (e.code == Errc::not_found)
        e.message = "sync.form_source is \"server\" but no form was taken from the server yet: the kiosk "
                    "takes it when it starts and reaches the server (or run asylum-kioskctl form-from-server)";
      return e;
    }
    auto own = load_server_form(data_dir(), "");
    if (!own) return own.error();
    return sealing_from_served(std::move(*served), own->xform, path);
  }
  auto key = seal::OfficeKey::load_pem_file(config.sync.public_key_file);
  if (!key) return key.error();
  sf.key = *key;
  if (auto own = load_server_form(data_dir(), sf.key.base64_der())) {
    sf.ref = {own->form.id, own->form.version};
    sf.xform = std::move(own->xform);
    sf.xform_name = own->file_name();
  }
  return sf;
}

Result<std::unique_ptr<RecordService>> RecordService::start(const Config& config) {
  return start(config, Options{});
}

Result<std::unique_ptr<RecordService>> RecordService::start(const Config& config, Options options) {
  std::unique_ptr<RecordService> svc(new RecordService());
  svc->config_ = config;
  svc->options_ = options;
  svc->site_id_ = config.site.id;
  if (config.sync.form_source == "server") {
    auto own = load_server_form(data_dir(), "");
    if (!own) return own.error();
    svc->kiosk_xform_ = std::move(own->xform);
    const auto path = server_form_path(config.outbox.data_dir);
    svc->form_watch_ = std::make_unique<FormWatch>(own->form.id, svc->kiosk_xform_, path);
    // No form taken yet (a new kiosk): take it now if the server can be reached.
    if (!load_stored_server_form(path) && config.sync.enabled) {
      auto settings = settings_from_config(config);
      FormRefresh got;
      if (settings) got = svc->form_watch_->check(*settings);
      else got.message = settings.error().message;
      if (got.result != FormRefresh::Result::taken)
        return make_error(Errc::not_found,
                          "sync.form_source is \"server\" but no form was taken from the server yet, and it "
                          "cannot be taken now: " + got.message +
                              ". Connect the kiosk to the server and restart it (or run asylum-kioskctl "
                              "form-from-server)",
                          {}, path.string());
      log_line("took form " + got.form->form_id + " version " + got.form->version + " from the server");
    }
  }
  auto sealing = load_sealing_form(config);
  if (!sealing) return sealing.error();
  svc->sealing_ = std::make_shared<const SealingForm>(std::move(sealing).value());
  // Expired "Save for staff" papers go at every kiosk start (print/saved.hpp).
  if (auto n = purge_saved_papers(saved_papers_place(config), static_cast<int64_t>(std::time(nullptr))); !n)
    log_line("cannot purge expired saved papers: " + n.error().describe());
  else if (*n > 0)
    log_line("deleted " + std::to_string(*n) + " expired saved paper files");
  {
    std::lock_guard lock(svc->mu_);
    svc->retry_locked();
  }
  svc->retry_thread_ = std::thread([s = svc.get()] { s->retry_loop(); });
  return svc;
}

RecordService::~RecordService() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (retry_thread_.joinable()) retry_thread_.join();
  if (worker_) worker_->stop();
  if (!held_.empty())
    log_line(std::to_string(held_.size()) +
             " sealed records held in memory were never stored (the outbox could not be written): " +
             storage_problem_);
}

void RecordService::retry_locked() {
  if (!box_) {
    auto box = outbox::Outbox::open(config_.outbox.data_dir);
    if (!box) {
      const std::string why = box.error().describe();
      if (why != storage_problem_) log_line("the outbox cannot be opened (will keep trying): " + why);
      storage_problem_ = why;
      return;
    }
    box_ = std::move(*box);
    if (!storage_problem_.empty()) log_line("the outbox is open again: " + box_->path().string());
    storage_problem_.clear();
    if (auto purged = box_->purge(outbox::now_ms(), config_.outbox.retention_days); !purged)
      log_line("cannot purge acknowledged records: " + purged.error().describe());
    if (config_.sync.enabled && !worker_) {
      auto settings = settings_from_config(config_);
      if (!settings) {
        sync_problem_ = settings.error().describe();
        log_line("sync is off: " + sync_problem_);
      } else {
        settings->retention_days = config_.outbox.retention_days;
        worker_ = std::make_unique<Worker>(*box_, std::move(*settings));
        if (form_watch_)
          worker_->set_before_pass(
              [this](const Settings& s, const AbortHook& abort) { return look_at_served_form(s, abort); });
        worker_->start();
      }
    }
  }
  if (held_.empty()) return;
  size_t stored = 0;
  while (stored < held_.size()) {
    auto r = box_->add_sealed(held_[stored], false);
    if (!r && r.error().code == Errc::storage) {
      const std::string why = r.error().describe();
      if (why != storage_problem_) log_line("held records still cannot be stored: " + why);
      storage_problem_ = why;
      break;
    }
    if (!r) log_line("a held record was refused by the outbox and dropped: " + r.error().message);
    ++stored;
  }
  if (stored > 0) {
    held_.erase(held_.begin(), held_.begin() + static_cast<std::ptrdiff_t>(stored));
    log_line("stored " + std::to_string(stored) + " held records; " + std::to_string(held_.size()) +
             " still held");
    if (held_.empty()) storage_problem_.clear();
    if (worker_) worker_->sync_now();
  }
}

std::string RecordService::look_at_served_form(const Settings& s, const AbortHook& abort) {
  auto r = form_watch_->check(s, abort);
  std::lock_guard lock(form_mu_);
  switch (r.result) {
    case FormRefresh::Result::unchanged:
    case FormRefresh::Result::taken: {
      form_problem_.clear();
      if (r.form->xml == sealing_->xform) break;  // the one in use
      const auto path = server_form_path(config_.outbox.data_dir);
      auto sf = sealing_from_served(std::move(*r.form), kiosk_xform_, path);
      if (!sf) {  // cannot happen: FormWatch checked the same; keep the old one if it does
        form_problem_ = sf.error().message;
        break;
      }
      log_line("took the server's changed form: version " + sf->ref.version + " (was " + sealing_->ref.version +
               "); new records are sealed with it");
      sealing_ = std::make_shared<const SealingForm>(std::move(sf).value());
      break;
    }
    case FormRefresh::Result::refused:
      if (r.message != form_problem_) log_line("the server's form was not taken: " + r.message);
      form_problem_ = r.message;
      break;
    case FormRefresh::Result::failed: break;  // offline or the like: the pass says it; the last good form stays
  }
  if (form_problem_.empty()) return {};
  return "the server's new form was not taken: " + form_problem_ +
         "; records are kept and sealed with the last good form (version " + sealing_->ref.version + ")";
}

std::shared_ptr<const SealingForm> RecordService::sealing_form() const {
  std::lock_guard lock(form_mu_);
  return sealing_;
}

void RecordService::retry_loop() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    cv_.wait_for(lock, options_.retry_every, [&] { return stop_; });
    if (stop_) break;
    if (!box_ || !held_.empty()) retry_locked();
  }
}

int RecordService::retry_storage() {
  std::lock_guard lock(mu_);
  retry_locked();
  return static_cast<int>(held_.size());
}

outbox::Outbox* RecordService::outbox() {
  std::lock_guard lock(mu_);
  return box_.get();
}

Result<outbox::RecordInfo> RecordService::submit(std::string& plaintext_xml, const std::string& instance_id,
                                                 const seal::FormRef& form, bool test,
                                                 outbox::RecordFate* fate) {
  const auto current = sealing_form();
  return seal_and_store(current->key, form, plaintext_xml, instance_id, test, fate);
}

Result<outbox::RecordInfo> RecordService::submit(std::string& plaintext_xml, const std::string& instance_id,
                                                 const SealingForm& with, bool test, outbox::RecordFate* fate) {
  return seal_and_store(with.key, with.ref, plaintext_xml, instance_id, test, fate);
}

Result<outbox::RecordInfo> RecordService::seal_and_store(const seal::OfficeKey& key, const seal::FormRef& form,
                                                         std::string& plaintext_xml,
                                                         const std::string& instance_id, bool test,
                                                         outbox::RecordFate* fate) {
  if (fate) *fate = outbox::RecordFate::not_kept;
  // Sealed at once: from here on only the sealed bytes exist.
  auto sealed = seal::seal_submission(key, plaintext_xml, instance_id, form);
  seal::cleanse(plaintext_xml);
  if (!sealed) {
    Error e = sealed.error();
    if (e.user_key.empty()) e.user_key = "error.generic";
    return e;
  }
  std::lock_guard lock(mu_);
  if (!box_ || !held_.empty()) retry_locked();  // older held records first
  Error failure;
  if (box_ && held_.empty()) {
    auto rec = box_->add_sealed(*sealed, test);
    if (rec) {
      if (worker_) worker_->sync_now();
      if (fate) *fate = outbox::RecordFate::stored;
      return rec;
    }
    failure = rec.error();
    if (failure.code != Errc::storage) {  // not a disk problem: keeping it would not help
      if (failure.user_key.empty()) failure.user_key = "error.generic";
      return failure;
    }
    storage_problem_ = failure.describe();
  } else {
    failure = make_error(Errc::storage, storage_problem_.empty() ? "the outbox is not open" : storage_problem_,
                         storage_problem_.find("full") != std::string::npos ? "error.disk.full" : "");
  }
  if (static_cast<int>(held_.size()) >= options_.max_held) {
    log_line("a record was NOT kept: " + std::to_string(held_.size()) +
             " sealed records are already held in memory: " + storage_problem_);
    Error e = make_error(Errc::storage, "the record was not stored and cannot be held (" +
                                            std::to_string(held_.size()) + " already held): " + storage_problem_,
                         failure.user_key.empty() ? "error.generic" : failure.user_key);
    return e;
  }
  held_.push_back(std::move(*sealed));
  if (fate) *fate = outbox::RecordFate::held;
  log_line("a sealed record is held in memory until the outbox can store it (" + std::to_string(held_.size()) +
           " held): " + storage_problem_);
  Error e = make_error(Errc::storage,
                       "the record is sealed and held in memory, not yet stored (" + std::to_string(held_.size()) +
                           " held; the kiosk keeps trying; a restart or power cut loses them): " + storage_problem_,
                       failure.user_key.empty() ? "error.generic" : failure.user_key);
  return e;
}

Result<RecordService::Status> RecordService::status() {
  std::lock_guard lock(mu_);
  if (!box_ || !held_.empty()) retry_locked();
  Status s;
  s.held = static_cast<int>(held_.size());
  s.storage_problem = storage_problem_;
  s.sync_problem = sync_problem_;
  s.outbox_open = box_ != nullptr;
  s.sync_enabled = worker_ != nullptr;
  {
    std::lock_guard form_lock(form_mu_);
    s.form_from_server = sealing_->from_server;
    s.form_version = sealing_->ref.version;
    s.form_problem = form_problem_;
  }
  if (!box_) return s;
  auto c = box_->counts();
  if (!c) return c.error();
  s.counts = *c;
  auto last = box_->last_sync_run();
  if (!last) return last.error();
  s.last_sync = *last;
  if (worker_) s.syncing = worker_->snapshot().busy;
  return s;
}

std::string RecordService::Status::describe() const {
  std::string out;
  if (!outbox_open) out += "The outbox cannot be opened: " + storage_problem + ". The kiosk keeps trying. ";
  if (held > 0)
    out += std::to_string(held) + (held == 1 ? " record is" : " records are") +
           " sealed and held in memory, not yet stored (lost if the kiosk restarts): " + storage_problem + ". ";
  if (outbox_open) {
    const auto& c = counts;
    out += "Records: " + std::to_string(c.queued + c.sending) + " waiting, " + std::to_string(c.sent) + " sent, " +
           std::to_string(c.failed_permanent) + " need staff, " + std::to_string(c.exported_unsent) +
           " on USB not yet sent.";
    if (c.damaged > 0)
      out += " " + std::to_string(c.damaged) + (c.damaged == 1 ? " record is" : " records are") +
             " damaged and set aside (see asylum-kioskctl queue list).";
    out += last_sync ? " Last sync: " + std::string(to_string(last_sync->outcome)) + " — " + last_sync->message : std::string(" No sync yet.");
  }
  if (!form_problem.empty())
    out += " The server's new form was not taken: " + form_problem +
           "; new records are sealed with the last good form (version " + form_version + ").";
  if (!sync_problem.empty()) out += " Sync is off: " + sync_problem;
  else if (!sync_enabled && outbox_open) out += " Sync is off at this site (USB only).";
  return out;
}

bool RecordService::sync_now() {
  std::lock_guard lock(mu_);
  if (!worker_) return false;
  if (box_) {
    const int64_t now = outbox::now_ms();
    (void)box_->requeue_failed(now);    // a storage error here shows in status() and the next pass
    (void)box_->make_waiting_due(now);
  }
  worker_->sync_now();
  return true;
}

Result<outbox::ExportReport> RecordService::export_to(const std::filesystem::path& dir) {
  outbox::Outbox* box = nullptr;
  {
    std::lock_guard lock(mu_);
    if (!box_ || !held_.empty()) retry_locked();
    box = box_.get();
    if (!box) return make_error(Errc::storage, "the outbox is not open: " + storage_problem_);
  }
  const auto sealing = sealing_form();
  return outbox::export_records(*box, dir, site_id_, false, sealing->xform, sealing->xform_name);
}

}  // namespace kiosk::sync
