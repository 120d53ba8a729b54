// RecordService: the one object the kiosk app holds for records. It opens
// the outbox, loads the office key, and (when [sync] enabled = true) runs
// the background sync Worker. The session's "finish petition" step calls
// submit(); the staff screen calls status(), sync_now() and export_to().
//
// Nothing is dropped because the disk misbehaves (issue 18): if the outbox
// cannot be opened at start (disk full, read-only, wrong permissions), the
// service still starts and keeps trying to open it (every `retry_every`, and
// on each submit/status); a record the outbox cannot store is kept SEALED in
// memory (never the plaintext) and stored as soon as the outbox works again.
// The cause goes to stderr (the journal) without personal data, and
// status() tells staff what is waiting. Memory does not survive a power
// cut: such a record is "held", not "saved", and submit() says so.
//
// Thread-safety: every method may be called from the UI thread while the
// sync thread works; none of them waits for the network. submit() and
// export_to() do disk I/O (SQLite commit with fsync, tens of ms; export
// writes to USB and may take longer — run it off the UI thread if the
// drive is slow).
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "base/result.hpp"
#include "config/config.hpp"
#include "outbox/outbox.hpp"
#include "outbox/transfer.hpp"
#include "seal/seal.hpp"
#include "sync/server_form.hpp"
#include "sync/sync.hpp"

namespace kiosk::sync {

// The key and form every record is sealed with:
//   sync.form_source = "file": sync.public_key_file and the kiosk's XForm
//     (version derived from the questions and the key; ref and xform are
//     empty when petition.toml or the locales cannot be read);
//   "server": the last good form taken from the server
//     (<data_dir>/server-form.xml, see server_form.hpp), its key and version,
//     checked again against the kiosk's questions. The running service
//     keeps it up to date by itself: at the start of each sync pass its
//     worker looks at the server's formList and takes a changed form (a new
//     version, Managed Encryption turned on) when it still asks the kiosk's
//     questions (RecordService::sealing_form()).
struct SealingForm {
  seal::OfficeKey key;
  seal::FormRef ref;
  std::string xform, xform_name;  // what USB export writes into odk/forms/
  bool from_server = false;
};
Result<SealingForm> load_sealing_form(const Config& config);

class RecordService {
 public:
  struct Options {
    // How often a closed outbox is opened again and held records stored.
    std::chrono::milliseconds retry_every{10000};
    // At most this many sealed records are held in memory (then submit fails).
    int max_held = 500;
  };
  // Loads sync.public_key_file (without it nothing can be sealed: fails with
  // the key's error) or, with sync.form_source = "server", the last good
  // served form (when none was taken yet and sync is on, it first tries once
  // to take it from the server; fails when it cannot), opens <outbox.data_dir>/outbox.sqlite (recovering
  // interrupted sends; if it cannot, starts anyway and keeps trying), purges
  // acknowledged records older than outbox.retention_days, and starts the
  // background sync if sync.enabled (a credentials problem is reported in
  // status().sync_problem and leaves sync off; records are still stored).
  static Result<std::unique_ptr<RecordService>> start(const Config& config);
  static Result<std::unique_ptr<RecordService>> start(const Config& config, Options options);
  ~RecordService();  // stops the worker (aborting a request in flight)
  RecordService(const RecordService&) = delete;
  RecordService& operator=(const RecordService&) = delete;

  // "Finish petition": seals `plaintext_xml` (the instance document whose
  // meta/instanceID is `instance_id`) for `form`, wipes `plaintext_xml`,
  // stores it in one transaction and wakes the sync.
  // If the outbox cannot store it, the sealed record is HELD in memory and
  // stored later; submit() then fails with Errc::storage, user_key
  // "error.disk.full" (disk full) or "error.generic", and a message for
  // staff/logs that says it is held. Sealing errors: Errc::invalid_input /
  // crypto, nothing kept. `fate`, if given, receives what became of the
  // record (stored, held, not_kept): what the person's screens say.
  // This one seals with the current sealing form's key (sealing_form()).
  Result<outbox::RecordInfo> submit(std::string& plaintext_xml, const std::string& instance_id,
                                    const seal::FormRef& form, bool test = false,
                                    outbox::RecordFate* fate = nullptr);
  // The same, sealed with `with`'s key for `with.ref`: the kiosk passes the
  // form it took at the start of the session (a form taken from the server
  // meanwhile is used from the next session on, never mid-session).
  Result<outbox::RecordInfo> submit(std::string& plaintext_xml, const std::string& instance_id,
                                    const SealingForm& with, bool test = false,
                                    outbox::RecordFate* fate = nullptr);

  struct Status {
    outbox::Counts counts;
    std::optional<outbox::SyncRun> last_sync;  // last pass, from this or another process
    bool sync_enabled = false;
    bool syncing = false;                      // a pass is running now
    bool outbox_open = false;                  // false: the outbox could not be opened (yet)
    int held = 0;                              // sealed records held in memory, not yet stored
    std::string storage_problem;               // English, for staff: why records are held; "" if none
    std::string sync_problem;                  // English: why sync is off although enabled
    // The form new records are sealed with (sealing_form()).
    bool form_from_server = false;             // sync.form_source = "server"
    std::string form_version;                  // its version ("" when unknown)
    // English: why the server's last served form was not taken (it asks
    // other questions, has no key ...); "" when none was refused.
    std::string form_problem;
    // One or two plain English sentences for the staff screen.
    [[nodiscard]] std::string describe() const;
  };
  // Counts by state, held records and the last sync result for the staff
  // screen. Tries to open the outbox / store held records first. Fails only
  // on a read error of an open outbox.
  Result<Status> status();

  // Staff "Send records now": every waiting record becomes due (also those
  // in their backoff after e.g. a closed form), records that need staff go
  // back into the queue (those whose cause is not gone come back with the
  // server's reason), and the background sync runs a pass at once. Returns
  // false when sync is disabled in the config (USB-only post) or not running.
  // A few ms of SQLite writes; never waits for the network.
  bool sync_now();

  // Staff "export to USB": see outbox/transfer.hpp. Fails with the storage
  // problem while the outbox is not open.
  Result<outbox::ExportReport> export_to(const std::filesystem::path& dir);

  // Opens the outbox if it is not open and stores held records. Returns the
  // number of records still held. (The background retry calls it too.)
  int retry_storage();

  // The form and key new records are sealed with now. With
  // sync.form_source = "server" the sync worker replaces it (a new object;
  // the one a caller holds never changes) when it took a changed form from
  // the server. Thread-safe.
  [[nodiscard]] std::shared_ptr<const SealingForm> sealing_form() const;
  // The office key of sealing_form() (e.g. for the XForm's base64RsaPublicKey).
  [[nodiscard]] seal::OfficeKey office_key() const { return sealing_form()->key; }
  // The form id and version records must carry: sealing_form()'s (with
  // form_source = "file" the XForm's, form/xform.hpp's xform_version(), which
  // changes with the questions and the key). Empty when petition.toml or the
  // locales could not be read at start.
  [[nodiscard]] seal::FormRef form_ref() const { return sealing_form()->ref; }
  // The outbox, or nullptr while it cannot be opened.
  [[nodiscard]] outbox::Outbox* outbox();

 private:
  RecordService() = default;
  // Under mu_: open the outbox (and start the worker) if needed, then store
  // held records. Logs state changes to stderr.
  void retry_locked();
  void retry_loop();
  Result<outbox::RecordInfo> seal_and_store(const seal::OfficeKey& key, const seal::FormRef& form,
                                            std::string& plaintext_xml, const std::string& instance_id, bool test,
                                            outbox::RecordFate* fate);
  // The worker's look at the served form (Worker::BeforePass), on its thread.
  std::string look_at_served_form(const Settings& s, const AbortHook& abort);

  Config config_;
  Options options_;
  std::string site_id_;
  std::string kiosk_xform_;          // the kiosk's own XForm (its questions, no key); const after start()
  // With form_source = "server": the worker's look at the served form (only
  // the worker's thread calls it after start()).
  std::unique_ptr<FormWatch> form_watch_;
  mutable std::mutex form_mu_;  // guards sealing_ and form_problem_; taken alone or inside mu_, never around it
  std::shared_ptr<const SealingForm> sealing_;  // never null after start(); replaced, never changed
  std::string form_problem_;
  mutable std::mutex mu_;  // guards everything below
  std::unique_ptr<outbox::Outbox> box_;  // null until it could be opened; never reset after
  std::unique_ptr<Worker> worker_;       // null when sync is disabled
  std::vector<seal::SealedSubmission> held_;  // sealed, not yet stored
  std::string storage_problem_;
  std::string sync_problem_;
  bool stop_ = false;
  std::condition_variable cv_;
  std::thread retry_thread_;
};

}  // namespace kiosk::sync
