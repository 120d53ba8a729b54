// The outbox: sealed petitions waiting for the office's server, in SQLite.
//
// File: <data_dir>/outbox.sqlite (WAL journal, synchronous=FULL, foreign
// keys on, schema version in PRAGMA user_version, migrations in outbox.cpp).
// A record is written in ONE transaction, already sealed (seal/seal.hpp):
// the database never holds a plaintext answer. A record's sealed bytes are
// never changed after it is written (so a resend is byte-identical, which
// OpenRosa servers accept silently; different bytes would get a 409).
//
// States:  queued -> sending -> sent
//                       |  \-> queued (transient failure, next_attempt_at set)
//                       \--> failed_permanent (409, 413, 400...; staff decide)
//          any unsent -> damaged (its stored bytes cannot be read back; set
//                        aside when a claim or an export meets it)
// "sending" is written and committed BEFORE each network attempt (ODK
// Collect marks "failed" first for the same reason): a crash mid-send leaves
// a "sending" record whose owner process is gone, which open() / the next
// claim puts back into the queue. Resending it is safe (identical XML).
//
// Thread-safety: one Outbox object may be used from any number of threads
// (the UI's "finish petition" and the sync thread); every method takes an
// internal mutex. Several processes (the kiosk and `asylum-kioskctl sync`)
// may open the same file: claims are atomic (BEGIN IMMEDIATE), and a record
// another live process is sending is not claimed.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "seal/seal.hpp"
#include "sync/outcome.hpp"

struct sqlite3;

namespace kiosk::outbox {

// damaged: the record's stored bytes cannot be read back or no longer match
// their checksum (a damaged disk or file). It is set aside when a claim or
// an export meets it, so that every other record still goes on; staff see
// it by reference in `queue list` and in the staff screen's counts.
enum class State { queued, sending, sent, failed_permanent, damaged };

// "queued", "sending", "sent", "failed_permanent", "damaged" (the stored spelling).
const char* to_string(State s);

// Milliseconds since the Unix epoch (the outbox's only time unit).
int64_t now_ms();
// `ms` as UTC, to the second: ISO 8601 "2026-12-02T05:30:00Z" (records,
// exports), or for people "2026-12-02 05:30:00 UTC" (staff, logs).
std::string iso_utc(int64_t ms);
std::string readable_utc(int64_t ms);

// What became of a finished person's record (sync::RecordService::submit):
// stored in the outbox; sealed and held in memory because the outbox cannot
// store it now (stored later; lost if the kiosk stops first); or not kept.
enum class RecordFate { stored, held, not_kept };

// One record's bookkeeping, without the sealed payload.
struct RecordInfo {
  int64_t id = 0;
  std::string instance_id;
  seal::FormRef form;
  State state = State::queued;
  int attempts = 0;               // network attempts begun (POSTs), including a crashed one
  std::string last_error;         // English sentence; never personal data
  int last_http_status = 0;       // 0 = no HTTP answer
  int64_t created_at = 0;         // ms
  int64_t next_attempt_at = 0;    // ms; due when <= now
  int64_t sent_at = 0;            // ms; 0 unless sent
  int64_t exported_at = 0;        // ms of the last USB export; 0 = never
  bool test = false;              // a `queue test-submission` record
};

// A record with its sealed payload (to send or export).
struct Record {
  RecordInfo info;
  seal::SealedSubmission sealed;
};

struct Counts {
  int queued = 0;
  int sending = 0;
  int sent = 0;
  int failed_permanent = 0;
  int damaged = 0;         // set aside: cannot be read back (see State::damaged)
  int test = 0;            // how many of all the above are test records
  int exported_unsent = 0; // exported to USB but not yet acknowledged by the server
  [[nodiscard]] int unsent() const { return queued + sending + failed_permanent + damaged; }
};

// The result of the last sync pass, kept for the staff screen.
struct SyncRun {
  int64_t started_at = 0;    // ms
  int64_t finished_at = 0;   // ms
  int sent = 0;
  int retry = 0;             // transient failures, will be retried
  int failed_permanent = 0;  // needs staff
  // How the pass ended (nothing_to_do passes are not kept); stored as its
  // name (sync/outcome.hpp), read back as Outcome::unknown when this build
  // does not know the name.
  sync::Outcome outcome = sync::Outcome::unknown;
  std::string message;       // English sentence for staff
};

class Outbox {
 public:
  // Opens (creating if needed, mode 0700 dir / 0600 file) <data_dir>/outbox.sqlite,
  // applies migrations, and puts back into the queue any "sending" record
  // whose process is gone. Fails with Errc::io if the directory cannot be
  // made, Errc::storage on SQLite errors or a schema newer than this build.
  static Result<std::unique_ptr<Outbox>> open(const std::filesystem::path& data_dir);
  ~Outbox();
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  // The database file's path.
  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

  // THE "finish petition" call: seals `plaintext_xml` with `key` and stores it
  // as a queued record in one transaction, then wipes `plaintext_xml`
  // (OPENSSL_cleanse; the string is empty afterwards, also on failure).
  // `instance_id` must be "uuid:<UUID>" and appear as meta/instanceID in the
  // XML. Returns the record. Fails with Errc::invalid_input (bad id/XML),
  // Errc::crypto, or Errc::storage (e.g. the instanceID is already stored,
  // disk full); on failure nothing is stored.
  Result<RecordInfo> enqueue(const seal::OfficeKey& key, std::string& plaintext_xml,
                             const std::string& instance_id, const seal::FormRef& form,
                             bool test = false);

  // Stores an already sealed submission (from `import`) as queued. If the
  // same instanceID is already stored with identical bytes, returns it
  // unchanged (idempotent); with different bytes fails with Errc::invalid_input.
  Result<RecordInfo> add_sealed(const seal::SealedSubmission& sealed, bool test = false);

  // Claims the next due record (queued with next_attempt_at <= now, oldest
  // first): in one committed transaction sets it to "sending", attempts+1,
  // and the owner process. Returns nullopt when nothing is due.
  Result<std::optional<Record>> claim_next(int64_t now);
  // Claims up to `max` due records (oldest first) in ONE committed
  // transaction (one fsync instead of one per record); each is "sending"
  // as with claim_next. The caller must end every one of them (mark_*,
  // or release() those it did not send). A due record that cannot be read
  // back is set aside as damaged (in the same transaction) and the next one
  // is taken instead.
  Result<std::vector<Record>> claim_due(int64_t now, int max);

  // Ends an attempt. Each only changes a record that is "sending".
  // mark_sent: the server acknowledged (201/202 + OpenRosaResponse).
  Status mark_sent(int64_t id, int64_t now, int http_status);
  // mark_sent for several records in ONE transaction. If the process dies
  // before it commits, those records are "sending" with a dead owner and
  // are resent: byte-identical, which the server acknowledges again.
  struct Ack {
    int64_t id = 0;
    int http_status = 0;
  };
  Status mark_sent(const std::vector<Ack>& acks, int64_t now);
  // mark_retry: transient failure; back to queued, due at `next_attempt_at`.
  // `network` = the failure was "server unreachable" (see wake_network_failures).
  Status mark_retry(int64_t id, const std::string& error, int http_status, int64_t next_attempt_at,
                    bool network);
  // mark_failed_permanent: needs staff (409, 413, ...); not retried until requeued.
  Status mark_failed_permanent(int64_t id, const std::string& error, int http_status);
  // Releases a claimed record without counting the attempt against it (the
  // pass stopped before sending it): back to queued, attempts-1, due now.
  Status release(int64_t id);

  // The network came back: records waiting only because the server was
  // unreachable become due now. Returns how many.
  Result<int> wake_network_failures(int64_t now);

  // Staff: puts failed_permanent records back in the queue, due now.
  // Returns how many.
  Result<int> requeue_failed(int64_t now);
  // Staff "Send records now": queued records still in their backoff become
  // due now (e.g. after the form was reopened on the server). Returns how many.
  Result<int> make_waiting_due(int64_t now);

  // Puts "sending" records whose owner process is gone (crash, SIGKILL) back
  // into the queue, due now. open() calls it; returns how many.
  Result<int> recover_interrupted();

  // Records not yet acknowledged (queued, sending, failed_permanent), with
  // payload, oldest first; `include_sent` adds sent ones not yet purged.
  // Damaged records are left out (and set aside if met for the first time).
  Result<std::vector<Record>> records_for_export(bool include_sent);
  // Notes that these records were written to a USB export at `now`.
  Status mark_exported(const std::vector<int64_t>& ids, int64_t now);

  // Deletes sent records acknowledged more than `retention_days` ago
  // (0 = every sent record). Never deletes anything unacknowledged.
  // Returns how many were deleted.
  Result<int> purge(int64_t now, int retention_days);

  // When the earliest queued record becomes due (ms), or nullopt if none is queued.
  Result<std::optional<int64_t>> next_due_at();

  Result<Counts> counts();
  // Every record's bookkeeping (no payload), newest first, at most `limit`.
  Result<std::vector<RecordInfo>> list(int limit = 1000);
  Result<std::optional<RecordInfo>> find(const std::string& instance_id);
  // Sealed payload of one record.
  Result<std::optional<Record>> load(const std::string& instance_id);

  // Keeps the result of a sync pass (the last 200 are kept).
  Status record_sync_run(const SyncRun& run);
  Result<std::optional<SyncRun>> last_sync_run();

  // PRAGMA integrity_check plus: every record's payload still matches the
  // checksum written with it. Returns "ok" or the first problem.
  Result<std::string> check_integrity();

  // Current schema version of this build.
  static int schema_version();

 private:
  Outbox() = default;
  Status exec(const char* sql);
  Result<int> recover_interrupted_locked();

  std::mutex mu_;  // guards db_: SQLite connection used by one thread at a time
  sqlite3* db_ = nullptr;
  std::filesystem::path path_;
};

}  // namespace kiosk::outbox
