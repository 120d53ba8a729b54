#include "sync/service.hpp"

#include "base/paths.hpp"
#include "form/xform.hpp"
#include "sync/server_form.hpp"

namespace kiosk::sync {

Result<SealingForm> load_sealing_form(const Config& config) {
  SealingForm sf;
  if (config.sync.form_source == "server") {
    const auto path = server_form_path(config.outbox.data_dir);
    auto served = load_stored_server_form(path);
    if (!served) {
      Error e = served.error();
      if (e.code == Errc::not_found)
        e.message = "sync.form_source is \"server\" but no form has been taken from the server yet: run "
                    "asylum-kioskctl form-from-server";
      return e;
    }
    auto own = load_server_form(data_dir(), "");
    if (!own) return own.error();
    if (std::string why = form_mismatch(served->xml, own->xform); !why.empty())
      return make_error(Errc::invalid_input, why, {}, path.string());
    auto key = seal::OfficeKey::from_pem(pem_from_base64_der(served->base64_key));
    if (!key) return make_error(Errc::crypto, "the served form's base64RsaPublicKey is not a usable key", {}, path.string());
    sf.key = *key;
    sf.ref = {served->form_id, served->version};
    sf.xform = std::move(served->xml);
    sf.xform_name = served->form_id + ".xml";
    sf.from_server = true;
    return sf;
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
  std::unique_ptr<RecordService> svc(new RecordService());
  svc->site_id_ = config.site.id;
  auto sealing = load_sealing_form(config);
  if (!sealing) return sealing.error();
  svc->key_ = sealing->key;
  svc->form_ref_ = sealing->ref;
  svc->xform_ = std::move(sealing->xform);
  svc->xform_name_ = std::move(sealing->xform_name);
  auto box = outbox::Outbox::open(config.outbox.data_dir);
  if (!box) return box.error();
  svc->box_ = std::move(*box);
  if (auto purged = svc->box_->purge(outbox::now_ms(), config.outbox.retention_days); !purged)
    return purged.error();
  if (config.sync.enabled) {
    auto settings = settings_from_config(config);
    if (!settings) return settings.error();
    settings->retention_days = config.outbox.retention_days;
    svc->worker_ = std::make_unique<Worker>(*svc->box_, std::move(*settings));
    svc->worker_->start();
  }
  return svc;
}

RecordService::~RecordService() {
  if (worker_) worker_->stop();
}

Result<outbox::RecordInfo> RecordService::submit(std::string& plaintext_xml, const std::string& instance_id,
                                                 const seal::FormRef& form, bool test) {
  auto rec = box_->enqueue(key_, plaintext_xml, instance_id, form, test);
  if (!rec) {
    Error e = rec.error();
    if (e.user_key.empty()) e.user_key = "error.generic";
    return e;
  }
  if (worker_) worker_->sync_now();
  return rec;
}

Result<RecordService::Status> RecordService::status() {
  Status s;
  auto c = box_->counts();
  if (!c) return c.error();
  s.counts = *c;
  auto last = box_->last_sync_run();
  if (!last) return last.error();
  s.last_sync = *last;
  s.sync_enabled = worker_ != nullptr;
  if (worker_) s.syncing = worker_->snapshot().busy;
  return s;
}

bool RecordService::sync_now() {
  if (!worker_) return false;
  const int64_t now = outbox::now_ms();
  (void)box_->requeue_failed(now);    // a storage error here shows in status() and the next pass
  (void)box_->make_waiting_due(now);
  worker_->sync_now();
  return true;
}

Result<outbox::ExportReport> RecordService::export_to(const std::filesystem::path& dir) {
  return outbox::export_records(*box_, dir, site_id_, false, xform_, xform_name_);
}

}  // namespace kiosk::sync
