#include "sync/service.hpp"

namespace kiosk::sync {

Result<std::unique_ptr<RecordService>> RecordService::start(const Config& config) {
  std::unique_ptr<RecordService> svc(new RecordService());
  svc->site_id_ = config.site.id;
  auto key = seal::OfficeKey::load_pem_file(config.sync.public_key_file);
  if (!key) return key.error();
  svc->key_ = *key;
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
  worker_->sync_now();
  return true;
}

Result<outbox::ExportReport> RecordService::export_to(const std::filesystem::path& dir) {
  return outbox::export_records(*box_, dir, site_id_);
}

}  // namespace kiosk::sync
