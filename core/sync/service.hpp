// RecordService: the one object the kiosk app holds for records. It opens
// the outbox, loads the office key, and (when [sync] enabled = true) runs
// the background sync Worker. The session's "finish petition" step calls
// submit(); the staff screen calls status(), sync_now() and export_to().
//
// Thread-safety: every method may be called from the UI thread while the
// sync thread works; none of them waits for the network. submit() and
// export_to() do disk I/O (SQLite commit with fsync, tens of ms; export
// writes to USB and may take longer — run it off the UI thread if the
// drive is slow).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "base/result.hpp"
#include "config/config.hpp"
#include "outbox/outbox.hpp"
#include "outbox/transfer.hpp"
#include "seal/seal.hpp"
#include "sync/sync.hpp"

namespace kiosk::sync {

// The key and form every record is sealed with:
//   sync.form_source = "file": sync.public_key_file and the kiosk's XForm
//     (version derived from the questions and the key; ref and xform are
//     empty when petition.toml or the locales cannot be read);
//   "server": the last good form taken from the server
//     (<data_dir>/server-form.xml, see server_form.hpp), its key and version,
//     checked again against the kiosk's questions.
struct SealingForm {
  seal::OfficeKey key;
  seal::FormRef ref;
  std::string xform, xform_name;  // what USB export writes into odk/forms/
  bool from_server = false;
};
Result<SealingForm> load_sealing_form(const Config& config);

class RecordService {
 public:
  // Opens <outbox.data_dir>/outbox.sqlite (recovering interrupted sends),
  // loads sync.public_key_file, purges acknowledged records older than
  // outbox.retention_days, and starts the background sync if sync.enabled.
  // Fails with the outbox's or the key's error (Errc::storage, io, crypto,
  // not_found), or the credentials problem when sync is enabled.
  static Result<std::unique_ptr<RecordService>> start(const Config& config);
  ~RecordService();  // stops the worker (aborting a request in flight)
  RecordService(const RecordService&) = delete;
  RecordService& operator=(const RecordService&) = delete;

  // "Finish petition": seals `plaintext_xml` (the instance document whose
  // meta/instanceID is `instance_id`) for `form`, stores it in one
  // transaction, wipes `plaintext_xml`, and wakes the sync. On failure
  // nothing is stored and the error's user_key is "error.disk.full" (disk
  // full) or "error.generic"; the message is for staff/logs.
  Result<outbox::RecordInfo> submit(std::string& plaintext_xml, const std::string& instance_id,
                                    const seal::FormRef& form, bool test = false);

  struct Status {
    outbox::Counts counts;
    std::optional<outbox::SyncRun> last_sync;  // last pass, from this or another process
    bool sync_enabled = false;
    bool syncing = false;                      // a pass is running now
  };
  // Counts by state and the last sync result for the staff screen.
  Result<Status> status();

  // Staff "Send records now": every waiting record becomes due (also those
  // in their backoff after e.g. a closed form), records that need staff go
  // back into the queue (those whose cause is not gone come back with the
  // server's reason), and the background sync runs a pass at once. Returns
  // false when sync is disabled in the config (USB-only post). A few ms of
  // SQLite writes; never waits for the network.
  bool sync_now();

  // Staff "export to USB": see outbox/transfer.hpp.
  Result<outbox::ExportReport> export_to(const std::filesystem::path& dir);

  // The office key (e.g. for the XForm's base64RsaPublicKey).
  [[nodiscard]] const seal::OfficeKey& office_key() const { return key_; }
  // The form id and version records must carry: the XForm's (form/xform.hpp's
  // xform_version(), which changes with the questions and the key). Empty
  // when petition.toml or the locales could not be read at start.
  [[nodiscard]] const seal::FormRef& form_ref() const { return form_ref_; }
  [[nodiscard]] outbox::Outbox& outbox() { return *box_; }

 private:
  RecordService() = default;
  std::string site_id_;
  seal::OfficeKey key_;
  seal::FormRef form_ref_;
  std::string xform_, xform_name_;  // written into odk/forms/ on USB export
  std::unique_ptr<outbox::Outbox> box_;
  std::unique_ptr<Worker> worker_;  // null when sync is disabled
};

}  // namespace kiosk::sync
