// Outbox on SQLite. Sections:
//   [1] statement helper and process identity
//   [2] schema and migrations
//   [3] open / enqueue / add_sealed
//   [4] claims and attempt results
//   [5] export, purge, counts, listing, sync runs, integrity
#include "outbox/outbox.hpp"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <ctime>
#include <cstring>
#include <fstream>
#include <sstream>

namespace kiosk::outbox {

namespace fs = std::filesystem;

const char* to_string(State s) {
  switch (s) {
    case State::queued: return "queued";
    case State::sending: return "sending";
    case State::sent: return "sent";
    case State::failed_permanent: return "failed_permanent";
    case State::damaged: return "damaged";
  }
  return "queued";
}

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

namespace {
std::tm utc_tm(int64_t ms) {
  const std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return tm;
}
}  // namespace

std::string iso_utc(int64_t ms) {
  const std::tm tm = utc_tm(ms);
  char buf[32];
  return std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm) ? buf : "";
}

std::string readable_utc(int64_t ms) {
  const std::tm tm = utc_tm(ms);
  char buf[40];
  return std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm) ? buf : "";
}

namespace {

// [SECTION] 1. helpers ------------------------------------------------------

State state_from(const std::string& s) {
  if (s == "sending") return State::sending;
  if (s == "sent") return State::sent;
  if (s == "failed_permanent") return State::failed_permanent;
  if (s == "damaged") return State::damaged;
  return State::queued;
}

// SQLite's reason, with the operating system's when there is one (EACCES,
// EROFS, ENOSPC...). Never row data for the statements used here.
std::string db_cause(sqlite3* db) {
  std::string cause = sqlite3_errmsg(db);
  if (const int e = sqlite3_system_errno(db); e != 0) cause += "; " + std::string(std::strerror(e));
  return cause;
}

std::string db_file(sqlite3* db) {
  const char* f = db ? sqlite3_db_filename(db, "main") : nullptr;
  return f ? std::string(f) : std::string{};
}

Error db_error(sqlite3* db, const std::string& what) {
  const int code = sqlite3_errcode(db);
  const bool full = code == SQLITE_FULL || sqlite3_system_errno(db) == ENOSPC;
  return make_error(Errc::storage, what + " (SQLite: " + db_cause(db) + ")",
                    full ? "error.disk.full" : "", db_file(db));
}

// A prepared statement; finalised on destruction. Not thread-safe (used
// under Outbox::mu_ only).
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) : db_(db) {
    rc_ = sqlite3_prepare_v2(db, sql, -1, &st_, nullptr);
  }
  ~Stmt() { sqlite3_finalize(st_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  [[nodiscard]] bool ok() const { return rc_ == SQLITE_OK && st_ != nullptr; }
  Stmt& bind(int i, int64_t v) { sqlite3_bind_int64(st_, i, v); return *this; }
  Stmt& bind(int i, int v) { sqlite3_bind_int(st_, i, v); return *this; }
  Stmt& bind(int i, const std::string& v) {
    sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind_blob(int i, const std::string& v) {
    sqlite3_bind_blob(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  // SQLITE_ROW, SQLITE_DONE or an error code.
  int step() { return sqlite3_step(st_); }
  // For the next run of the same statement (bindings kept unless rebound).
  Stmt& reset() { sqlite3_reset(st_); return *this; }
  int64_t i64(int c) { return sqlite3_column_int64(st_, c); }
  bool is_null(int c) { return sqlite3_column_type(st_, c) == SQLITE_NULL; }
  int i32(int c) { return sqlite3_column_int(st_, c); }
  std::string text(int c) {
    const auto* p = sqlite3_column_blob(st_, c);
    const int n = sqlite3_column_bytes(st_, c);
    return p ? std::string(static_cast<const char*>(p), static_cast<size_t>(n)) : std::string{};
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
  int rc_ = SQLITE_ERROR;
};

// Start time of process `pid` (field 22 of /proc/PID/stat), or -1 if no such
// process. pid + start time identify a process across PID reuse and reboots.
int64_t process_start_time(int64_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  if (!in) return -1;
  std::string line;
  std::getline(in, line);
  const auto close = line.rfind(')');
  if (close == std::string::npos || close + 2 >= line.size()) return -1;
  std::istringstream rest(line.substr(close + 2));
  std::string field;
  for (int i = 3; i <= 22 && (rest >> field); ++i) {
    if (i == 3 && (field == "Z" || field == "X")) return -1;  // zombie: already dead
    if (i == 22) return std::stoll(field);
  }
  return -1;
}

int64_t self_start_time() {
  static const int64_t t = process_start_time(::getpid());
  return t;
}

std::string payload_checksum(const seal::SealedSubmission& s) {
  std::string all = s.manifest_xml;
  all.push_back('\0');
  all += s.encrypted_xml;
  return seal::sha256_hex(all);
}

// [SECTION] 2. schema --------------------------------------------------------

// The records table, named `name`, whose state may be one of `states`.
// SQLite cannot change a CHECK, so a new state rebuilds the table with
// these same columns (migration 1 -> 2).
std::string records_table(const char* name, const char* states) {
  return std::string("CREATE TABLE ") + name + R"sql( (
        id               INTEGER PRIMARY KEY,
        instance_id      TEXT NOT NULL UNIQUE CHECK (instance_id LIKE 'uuid:%'),
        form_id          TEXT NOT NULL,
        form_version     TEXT NOT NULL DEFAULT '',
        manifest_xml     BLOB NOT NULL,
        encrypted_xml    BLOB NOT NULL,
        payload_sha256   TEXT NOT NULL,
        state            TEXT NOT NULL DEFAULT 'queued'
                         CHECK (state IN ()sql" + states + R"sql()),
        attempts         INTEGER NOT NULL DEFAULT 0,
        last_error       TEXT NOT NULL DEFAULT '',
        last_http_status INTEGER NOT NULL DEFAULT 0,
        network_failure  INTEGER NOT NULL DEFAULT 0,
        created_at       INTEGER NOT NULL,
        updated_at       INTEGER NOT NULL,
        next_attempt_at  INTEGER NOT NULL DEFAULT 0,
        sent_at          INTEGER NOT NULL DEFAULT 0,
        exported_at      INTEGER NOT NULL DEFAULT 0,
        owner_pid        INTEGER NOT NULL DEFAULT 0,
        owner_start      INTEGER NOT NULL DEFAULT 0,
        is_test          INTEGER NOT NULL DEFAULT 0
      );
)sql";
}

// migrations[i] takes the schema from version i to i+1. Never change what
// a released step does; append a new one.
const std::vector<std::string>& migrations() {
  static const std::vector<std::string> steps = {
      // 0 -> 1: records and sync runs.
      records_table("records", "'queued','sending','sent','failed_permanent'") + R"sql(
      CREATE INDEX records_due ON records (state, next_attempt_at);
      CREATE TABLE sync_runs (
        id               INTEGER PRIMARY KEY,
        started_at       INTEGER NOT NULL,
        finished_at      INTEGER NOT NULL,
        sent             INTEGER NOT NULL,
        retry            INTEGER NOT NULL,
        failed_permanent INTEGER NOT NULL,
        outcome          TEXT NOT NULL,
        message          TEXT NOT NULL
      );
      )sql",
      // 1 -> 2: the 'damaged' state (a record whose stored bytes cannot be
      // read back or no longer match their checksum is set aside, so that
      // it does not block the others).
      records_table("records_v2", "'queued','sending','sent','failed_permanent','damaged'") + R"sql(
      INSERT INTO records_v2 SELECT * FROM records;
      DROP TABLE records;
      ALTER TABLE records_v2 RENAME TO records;
      CREATE INDEX records_due ON records (state, next_attempt_at);
      )sql",
  };
  return steps;
}

constexpr const char* kInfoColumns =
    "id, instance_id, form_id, form_version, state, attempts, last_error, last_http_status, "
    "created_at, next_attempt_at, sent_at, exported_at, is_test";

RecordInfo read_info(Stmt& s, int c0 = 0) {
  RecordInfo r;
  r.id = s.i64(c0 + 0);
  r.instance_id = s.text(c0 + 1);
  r.form.id = s.text(c0 + 2);
  r.form.version = s.text(c0 + 3);
  r.state = state_from(s.text(c0 + 4));
  r.attempts = s.i32(c0 + 5);
  r.last_error = s.text(c0 + 6);
  r.last_http_status = s.i32(c0 + 7);
  r.created_at = s.i64(c0 + 8);
  r.next_attempt_at = s.i64(c0 + 9);
  r.sent_at = s.i64(c0 + 10);
  r.exported_at = s.i64(c0 + 11);
  r.test = s.i32(c0 + 12) != 0;
  return r;
}

// A whole record from a row of kInfoColumns followed by manifest_xml and
// encrypted_xml (columns 13 and 14).
Record read_record(Stmt& s) {
  Record r;
  r.info = read_info(s);
  r.sealed.instance_id = r.info.instance_id;
  r.sealed.form = r.info.form;
  r.sealed.manifest_xml = s.text(13);
  r.sealed.encrypted_xml = s.text(14);
  return r;
}

// Runs `body` inside BEGIN IMMEDIATE ... COMMIT; rolls back on failure.
template <class F>
auto in_transaction(sqlite3* db, F&& body) -> decltype(body()) {
  if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK)
    return db_error(db, "the outbox database is busy or cannot start a transaction");
  auto result = body();
  if (!result.ok()) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return result;
  }
  if (sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
    Error e = db_error(db, "the outbox database could not commit");
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    return e;
  }
  return result;
}

// How reading one record back went.
enum class Readback { ok, damaged, error };

// Reads record `id` (with payload) and checks it against its checksum. A row
// SQLite cannot read (a damaged page) or whose bytes no longer match is
// `damaged`, with the reason in `why`; `error` is a database-wide failure.
Readback read_checked(sqlite3* db, int64_t id, Record& out, std::string& why) {
  Stmt s(db, (std::string("SELECT ") + kInfoColumns +
              ", manifest_xml, encrypted_xml, payload_sha256 FROM records WHERE id = ?")
                 .c_str());
  if (!s.ok()) return Readback::error;
  s.bind(1, id);
  const int rc = s.step();
  if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB || rc == SQLITE_MISMATCH) {
    why = "this record cannot be read back from the outbox file (SQLite: " + std::string(sqlite3_errmsg(db)) + ")";
    return Readback::damaged;
  }
  if (rc != SQLITE_ROW) return Readback::error;
  out = read_record(s);
  if (payload_checksum(out.sealed) != s.text(15)) {
    why = "this record's stored bytes no longer match their checksum (the outbox file is damaged here)";
    return Readback::damaged;
  }
  if (out.sealed.encrypted_xml.empty() || out.sealed.encrypted_xml.size() % 16 != 0 ||
      out.sealed.manifest_xml.empty() || !seal::valid_instance_id(out.info.instance_id)) {
    why = "this record's stored sealed file is truncated (the outbox file is damaged here)";
    return Readback::damaged;
  }
  return Readback::ok;
}

// Sets record `id` aside in the 'damaged' state. If even that cannot be
// written (the row's page is unreadable), the record is just skipped.
void set_aside(sqlite3* db, int64_t id, const std::string& why, int64_t now) {
  Stmt u(db,
         "UPDATE records SET state = 'damaged', last_error = ?, owner_pid = 0, owner_start = 0, "
         "updated_at = ? WHERE id = ? AND state <> 'sent'");
  u.bind(1, why).bind(2, now).bind(3, id);
  (void)u.step();
}

// The ids of a query that selects only `id`, in order. nullopt on error.
std::optional<std::vector<int64_t>> ids_of(Stmt& s) {
  std::vector<int64_t> ids;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) ids.push_back(s.i64(0));
  if (rc != SQLITE_DONE) return std::nullopt;
  return ids;
}

}  // namespace

int Outbox::schema_version() { return static_cast<int>(migrations().size()); }

// [SECTION] 3. open / enqueue ---------------------------------------------------

Status Outbox::exec(const char* sql) {
  char* msg = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
    std::string m = msg ? msg : "unknown";
    sqlite3_free(msg);
    if (const int e = sqlite3_system_errno(db_); e != 0) m += "; " + std::string(std::strerror(e));
    const bool full = sqlite3_errcode(db_) == SQLITE_FULL || sqlite3_system_errno(db_) == ENOSPC;
    return make_error(Errc::storage, "the outbox database failed a statement (SQLite: " + m + ")",
                      full ? "error.disk.full" : "", path_.string());
  }
  return Ok{};
}

Result<std::unique_ptr<Outbox>> Outbox::open(const fs::path& data_dir) {
  std::error_code ec;
  fs::create_directories(data_dir, ec);
  if (ec || !fs::is_directory(data_dir))
    return make_error(Errc::io,
                      "the outbox directory cannot be created (" +
                          (ec ? ec.message() : std::string("it is not a directory")) + ")",
                      ec == std::errc::no_space_on_device ? "error.disk.full" : "", data_dir.string());
  ::chmod(data_dir.c_str(), 0700);

  std::unique_ptr<Outbox> box(new Outbox());
  box->path_ = data_dir / "outbox.sqlite";
  const mode_t old_mask = ::umask(077);  // the db, -wal and -shm files: 0600
  const int rc = sqlite3_open_v2(box->path_.c_str(), &box->db_,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                                 nullptr);
  if (rc != SQLITE_OK) {
    ::umask(old_mask);
    const std::string cause = box->db_ ? db_cause(box->db_) : std::string("out of memory");
    const bool full = box->db_ && sqlite3_system_errno(box->db_) == ENOSPC;
    return make_error(Errc::storage, "the outbox database cannot be opened (" + cause + ")",
                      full ? "error.disk.full" : "", box->path_.string());
  }
  sqlite3_busy_timeout(box->db_, 15000);
  for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL",
                             "PRAGMA foreign_keys=ON", "PRAGMA secure_delete=ON"}) {
    if (auto s = box->exec(pragma); !s) {
      ::umask(old_mask);
      return s.error();
    }
  }
  {
    Stmt jm(box->db_, "PRAGMA journal_mode");
    if (!jm.ok() || jm.step() != SQLITE_ROW || jm.text(0) != "wal") {
      ::umask(old_mask);
      return make_error(Errc::storage, "the outbox database cannot use WAL journaling here", {},
                        box->path_.string());
    }
  }
  ::umask(old_mask);
  ::chmod(box->path_.c_str(), 0600);

  // Migrations, each in its own transaction together with the version bump.
  for (;;) {
    int version = 0;
    {  // finalised before a migration runs (DROP TABLE needs no open statement)
      Stmt v(box->db_, "PRAGMA user_version");
      if (!v.ok() || v.step() != SQLITE_ROW) return db_error(box->db_, "cannot read the outbox schema version");
      version = v.i32(0);
    }
    if (version > schema_version())
      return make_error(Errc::storage,
                        "the outbox database was written by a newer version of the kiosk (schema " +
                            std::to_string(version) + ")",
                        {}, box->path_.string());
    if (version == schema_version()) break;
    sqlite3* db = box->db_;
    auto st = in_transaction(db, [&]() -> Status {
      // Re-check inside the write lock: another process may have migrated.
      {
        Stmt again(db, "PRAGMA user_version");
        if (!again.ok() || again.step() != SQLITE_ROW) return db_error(db, "cannot read the schema version");
        if (again.i32(0) != version) return Ok{};
      }
      if (auto s = box->exec(migrations()[static_cast<size_t>(version)].c_str()); !s) return s;
      const std::string bump = "PRAGMA user_version=" + std::to_string(version + 1);
      return box->exec(bump.c_str());
    });
    if (!st) return st.error();
  }
  if (auto r = box->recover_interrupted(); !r) return r.error();
  return box;
}

Outbox::~Outbox() {
  if (db_) sqlite3_close_v2(db_);
}

Result<RecordInfo> Outbox::enqueue(const seal::OfficeKey& key, std::string& plaintext_xml,
                                   const std::string& instance_id, const seal::FormRef& form,
                                   bool test) {
  auto sealed = seal::seal_submission(key, plaintext_xml, instance_id, form);
  seal::cleanse(plaintext_xml);
  if (!sealed) return sealed.error();
  return add_sealed(*sealed, test);
}

Result<RecordInfo> Outbox::add_sealed(const seal::SealedSubmission& sealed, bool test) {
  if (!seal::valid_instance_id(sealed.instance_id))
    return make_error(Errc::invalid_input, "the record's instanceID is not uuid:<UUID>");
  const std::string sum = payload_checksum(sealed);
  const int64_t now = now_ms();
  std::lock_guard lock(mu_);
  return in_transaction(db_, [&]() -> Result<RecordInfo> {
    {
      Stmt existing(db_, "SELECT payload_sha256 FROM records WHERE instance_id = ?");
      existing.bind(1, sealed.instance_id);
      const int rc = existing.step();
      if (rc == SQLITE_ROW) {
        if (existing.text(0) != sum)
          return make_error(Errc::invalid_input,
                            "a different record with the same instanceID is already in the outbox");
      } else if (rc != SQLITE_DONE) {
        return db_error(db_, "cannot look up a record");
      } else {
        Stmt ins(db_,
                 "INSERT INTO records (instance_id, form_id, form_version, manifest_xml, encrypted_xml, "
                 "payload_sha256, state, created_at, updated_at, next_attempt_at, is_test) "
                 "VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, 0, ?)");
        if (!ins.ok()) return db_error(db_, "cannot prepare the record insert");
        ins.bind(1, sealed.instance_id).bind(2, sealed.form.id).bind(3, sealed.form.version);
        ins.bind_blob(4, sealed.manifest_xml).bind_blob(5, sealed.encrypted_xml).bind(6, sum);
        ins.bind(7, now).bind(8, now).bind(9, test ? 1 : 0);
        if (ins.step() != SQLITE_DONE) return db_error(db_, "cannot store the sealed record");
      }
    }
    Stmt get(db_, (std::string("SELECT ") + kInfoColumns + " FROM records WHERE instance_id = ?").c_str());
    get.bind(1, sealed.instance_id);
    if (get.step() != SQLITE_ROW) return db_error(db_, "cannot read back the stored record");
    return read_info(get);
  });
}

// [SECTION] 4. claims and attempts ----------------------------------------------

Result<int> Outbox::recover_interrupted_locked() {
  std::vector<int64_t> stale;
  {
    Stmt s(db_, "SELECT id, owner_pid, owner_start FROM records WHERE state = 'sending'");
    int rc;
    while ((rc = s.step()) == SQLITE_ROW) {
      const int64_t pid = s.i64(1);
      const int64_t start = s.i64(2);
      const bool alive = pid > 0 && process_start_time(pid) == start && start >= 0;
      const bool mine = pid == ::getpid() && start == self_start_time();
      // A record "sending" for this very process is only stale if no claim
      // is in flight; claims never outlive the call that ends them, except
      // in a crash, so only other (dead) processes' records are recovered.
      if (!alive && !mine) stale.push_back(s.i64(0));
    }
    if (rc != SQLITE_DONE) return db_error(db_, "cannot scan for interrupted sends");
  }
  for (int64_t id : stale) {
    Stmt u(db_,
           "UPDATE records SET state = 'queued', next_attempt_at = 0, owner_pid = 0, owner_start = 0, "
           "last_error = 'the previous attempt was interrupted (the program stopped while sending)' "
           "WHERE id = ? AND state = 'sending'");
    u.bind(1, id);
    if (u.step() != SQLITE_DONE) return db_error(db_, "cannot requeue an interrupted send");
  }
  return static_cast<int>(stale.size());
}

Result<int> Outbox::recover_interrupted() {
  std::lock_guard lock(mu_);
  return in_transaction(db_, [&]() { return recover_interrupted_locked(); });
}

Result<std::optional<Record>> Outbox::claim_next(int64_t now) {
  auto batch = claim_due(now, 1);
  if (!batch) return batch.error();
  if (batch->empty()) return std::optional<Record>{};
  return std::optional<Record>(std::move(batch->front()));
}

Result<std::vector<Record>> Outbox::claim_due(int64_t now, int max) {
  std::lock_guard lock(mu_);
  return in_transaction(db_, [&]() -> Result<std::vector<Record>> {
    if (auto r = recover_interrupted_locked(); !r) return r.error();
    // Ids first (from the index, only as many as are wanted), then each
    // record on its own: one damaged record is set aside and the next ids
    // are picked instead, so that the others are still sent.
    const size_t want = static_cast<size_t>(std::max(max, 1));
    Stmt pick(db_, "SELECT id FROM records WHERE state = 'queued' AND next_attempt_at <= ? "
                   "ORDER BY next_attempt_at, id LIMIT ?");
    Stmt u(db_,
           "UPDATE records SET state = 'sending', attempts = attempts + 1, owner_pid = ?, "
           "owner_start = ?, updated_at = ? WHERE id = ? AND state = 'queued'");
    if (!pick.ok() || !u.ok()) return db_error(db_, "cannot prepare the claim of records to send");
    std::vector<Record> out;
    out.reserve(want);
    // Damaged ids met so far: set aside (no longer queued), or, if even that
    // could not be written, still queued and skipped (counted in the LIMIT).
    std::vector<int64_t> skipped;
    for (;;) {
      const size_t limit = want - out.size() + skipped.size();
      pick.reset().bind(1, now).bind(2, static_cast<int64_t>(limit));
      auto ids = ids_of(pick);
      if (!ids) return db_error(db_, "cannot pick the next record to send");
      for (int64_t id : *ids) {
        if (out.size() >= want) break;
        if (std::find(skipped.begin(), skipped.end(), id) != skipped.end()) continue;
        Record rec;
        std::string why;
        switch (read_checked(db_, id, rec, why)) {
          case Readback::ok: break;
          case Readback::damaged:
            set_aside(db_, id, why, now);
            skipped.push_back(id);
            continue;
          case Readback::error: return db_error(db_, "cannot read a record to send");
        }
        u.reset().bind(1, static_cast<int64_t>(::getpid())).bind(2, self_start_time()).bind(3, now).bind(4, id);
        if (u.step() != SQLITE_DONE || sqlite3_changes(db_) != 1)
          return db_error(db_, "cannot mark a record as sending");
        rec.info.state = State::sending;
        rec.info.attempts += 1;
        out.push_back(std::move(rec));
      }
      // Done when enough are claimed or no more are due (fewer ids than asked).
      if (out.size() >= want || ids->size() < limit) break;
    }
    return out;
  });
}

Status Outbox::mark_sent(const std::vector<Ack>& acks, int64_t now) {
  if (acks.empty()) return Ok{};
  std::lock_guard lock(mu_);
  return in_transaction(db_, [&]() -> Status {
    Stmt u(db_,
           "UPDATE records SET state = 'sent', sent_at = ?, updated_at = ?, last_error = '', "
           "last_http_status = ?, network_failure = 0, owner_pid = 0, owner_start = 0 "
           "WHERE id = ? AND state = 'sending'");
    if (!u.ok()) return db_error(db_, "cannot prepare marking records as sent");
    for (const auto& a : acks) {
      u.reset().bind(1, now).bind(2, now).bind(3, a.http_status).bind(4, a.id);
      if (u.step() != SQLITE_DONE) return db_error(db_, "cannot mark a record as sent");
    }
    return Ok{};
  });
}

Status Outbox::mark_sent(int64_t id, int64_t now, int http_status) {
  std::lock_guard lock(mu_);
  return in_transaction(db_, [&]() -> Status {
    Stmt u(db_,
           "UPDATE records SET state = 'sent', sent_at = ?, updated_at = ?, last_error = '', "
           "last_http_status = ?, network_failure = 0, owner_pid = 0, owner_start = 0 "
           "WHERE id = ? AND state = 'sending'");
    u.bind(1, now).bind(2, now).bind(3, http_status).bind(4, id);
    if (u.step() != SQLITE_DONE) return db_error(db_, "cannot mark a record as sent");
    return Ok{};
  });
}

Status Outbox::mark_retry(int64_t id, const std::string& error, int http_status,
                          int64_t next_attempt_at, bool network) {
  std::lock_guard lock(mu_);
  return in_transaction(db_, [&]() -> Status {
    Stmt u(db_,
           "UPDATE records SET state = 'queued', last_error = ?, last_http_status = ?, "
           "next_attempt_at = ?, network_failure = ?, updated_at = ?, owner_pid = 0, owner_start = 0 "
           "WHERE id = ? AND state = 'sending'");
    u.bind(1, error).bind(2, http_status).bind(3, next_attempt_at).bind(4, network ? 1 : 0);
    u.bind(5, now_ms()).bind(6, id);
    if (u.step() != SQLITE_DONE) return db_error(db_, "cannot put a record back in the queue");
    return Ok{};
  });
}

Status Outbox::mark_failed_permanent(int64_t id, const std::string& error, int http_status) {
  std::lock_guard lock(mu_);
  return in_transaction(db_, [&]() -> Status {
    Stmt u(db_,
           "UPDATE records SET state = 'failed_permanent', last_error = ?, last_http_status = ?, "
           "network_failure = 0, updated_at = ?, owner_pid = 0, owner_start = 0 "
           "WHERE id = ? AND state = 'sending'");
    u.bind(1, error).bind(2, http_status).bind(3, now_ms()).bind(4, id);
    if (u.step() != SQLITE_DONE) return db_error(db_, "cannot mark a record as failed");
    return Ok{};
  });
}

Status Outbox::release(int64_t id) {
  std::lock_guard lock(mu_);
  return in_transaction(db_, [&]() -> Status {
    Stmt u(db_,
           "UPDATE records SET state = 'queued', attempts = MAX(attempts - 1, 0), owner_pid = 0, "
           "owner_start = 0 WHERE id = ? AND state = 'sending'");
    u.bind(1, id);
    if (u.step() != SQLITE_DONE) return db_error(db_, "cannot release a record");
    return Ok{};
  });
}

Result<int> Outbox::wake_network_failures(int64_t now) {
  std::lock_guard lock(mu_);
  return in_transaction(db_, [&]() -> Result<int> {
    Stmt u(db_,
           "UPDATE records SET next_attempt_at = ?, network_failure = 0 "
           "WHERE state = 'queued' AND network_failure = 1 AND next_attempt_at > ?");
    u.bind(1, now).bind(2, now);
    if (u.step() != SQLITE_DONE) return db_error(db_, "cannot wake records after the network returned");
    return sqlite3_changes(db_);
  });
}

Result<int> Outbox::requeue_failed(int64_t now) {
  std::lock_guard lock(mu_);
  return in_transaction(db_, [&]() -> Result<int> {
    Stmt u(db_,
           "UPDATE records SET state = 'queued', next_attempt_at = ?, updated_at = ? "
           "WHERE state = 'failed_permanent'");
    u.bind(1, now).bind(2, now);
    if (u.step() != SQLITE_DONE) return db_error(db_, "cannot requeue failed records");
    return sqlite3_changes(db_);
  });
}

Result<int> Outbox::make_waiting_due(int64_t now) {
  std::lock_guard lock(mu_);
  return in_transaction(db_, [&]() -> Result<int> {
    Stmt u(db_, "UPDATE records SET next_attempt_at = ? WHERE state = 'queued' AND next_attempt_at > ?");
    u.bind(1, now).bind(2, now);
    if (u.step() != SQLITE_DONE) return db_error(db_, "cannot make waiting records due");
    return sqlite3_changes(db_);
  });
}

// [SECTION] 5. export, purge, counts ----------------------------------------------

Result<std::vector<Record>> Outbox::records_for_export(bool include_sent) {
  std::lock_guard lock(mu_);
  std::string sql = "SELECT id FROM records WHERE state <> 'damaged'";
  if (!include_sent) sql += " AND state <> 'sent'";
  sql += " ORDER BY id";
  Stmt s(db_, sql.c_str());
  if (!s.ok()) return db_error(db_, "cannot list records for export");
  auto ids = ids_of(s);
  if (!ids) return db_error(db_, "cannot list records for export");
  std::vector<Record> out;
  std::vector<std::pair<int64_t, std::string>> damaged;
  for (int64_t id : *ids) {
    Record r;
    std::string why;
    switch (read_checked(db_, id, r, why)) {
      case Readback::ok: out.push_back(std::move(r)); break;
      case Readback::damaged: damaged.emplace_back(id, why); break;
      case Readback::error: return db_error(db_, "cannot read a record to export");
    }
  }
  if (!damaged.empty()) {
    // Set aside (best effort: the export of the others goes on regardless).
    auto st = in_transaction(db_, [&]() -> Status {
      for (const auto& [id, why] : damaged) set_aside(db_, id, why, now_ms());
      return Ok{};
    });
    (void)st;
  }
  return out;
}

Status Outbox::mark_exported(const std::vector<int64_t>& ids, int64_t now) {
  std::lock_guard lock(mu_);
  return in_transaction(db_, [&]() -> Status {
    for (int64_t id : ids) {
      Stmt u(db_, "UPDATE records SET exported_at = ? WHERE id = ?");
      u.bind(1, now).bind(2, id);
      if (u.step() != SQLITE_DONE) return db_error(db_, "cannot mark a record as exported");
    }
    return Ok{};
  });
}

Result<int> Outbox::purge(int64_t now, int retention_days) {
  const int64_t cutoff = now - static_cast<int64_t>(retention_days) * 86400LL * 1000LL;
  std::lock_guard lock(mu_);
  auto n = in_transaction(db_, [&]() -> Result<int> {
    Stmt d(db_, "DELETE FROM records WHERE state = 'sent' AND sent_at > 0 AND sent_at <= ?");
    d.bind(1, cutoff);
    if (d.step() != SQLITE_DONE) return db_error(db_, "cannot purge acknowledged records");
    return sqlite3_changes(db_);
  });
  if (n && *n > 0) {
    // secure_delete zeroed the freed pages; checkpoint so the WAL copy goes too.
    sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
  }
  return n;
}

Result<std::optional<int64_t>> Outbox::next_due_at() {
  std::lock_guard lock(mu_);
  Stmt s(db_, "SELECT MIN(next_attempt_at) FROM records WHERE state = 'queued'");
  if (s.step() != SQLITE_ROW) return db_error(db_, "cannot read when the next record is due");
  if (s.is_null(0)) return std::optional<int64_t>{};
  return std::optional<int64_t>(s.i64(0));
}

Result<Counts> Outbox::counts() {
  std::lock_guard lock(mu_);
  Counts c;
  Stmt s(db_, "SELECT state, COUNT(*), SUM(is_test), SUM(exported_at > 0 AND state <> 'sent') "
              "FROM records GROUP BY state");
  if (!s.ok()) return db_error(db_, "cannot count records");
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) {
    const State st = state_from(s.text(0));
    const int n = s.i32(1);
    switch (st) {
      case State::queued: c.queued = n; break;
      case State::sending: c.sending = n; break;
      case State::sent: c.sent = n; break;
      case State::failed_permanent: c.failed_permanent = n; break;
      case State::damaged: c.damaged = n; break;
    }
    c.test += s.i32(2);
    c.exported_unsent += s.i32(3);
  }
  if (rc != SQLITE_DONE) return db_error(db_, "cannot count records");
  return c;
}

Result<std::vector<RecordInfo>> Outbox::list(int limit) {
  std::lock_guard lock(mu_);
  Stmt s(db_, (std::string("SELECT ") + kInfoColumns + " FROM records ORDER BY id DESC LIMIT ?").c_str());
  s.bind(1, limit);
  std::vector<RecordInfo> out;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) out.push_back(read_info(s));
  if (rc != SQLITE_DONE) return db_error(db_, "cannot list records");
  return out;
}

Result<std::optional<RecordInfo>> Outbox::find(const std::string& instance_id) {
  std::lock_guard lock(mu_);
  Stmt s(db_, (std::string("SELECT ") + kInfoColumns + " FROM records WHERE instance_id = ?").c_str());
  s.bind(1, instance_id);
  const int rc = s.step();
  if (rc == SQLITE_DONE) return std::optional<RecordInfo>{};
  if (rc != SQLITE_ROW) return db_error(db_, "cannot look up a record");
  return std::optional<RecordInfo>(read_info(s));
}

Result<std::optional<Record>> Outbox::load(const std::string& instance_id) {
  std::lock_guard lock(mu_);
  Stmt s(db_, (std::string("SELECT ") + kInfoColumns +
               ", manifest_xml, encrypted_xml FROM records WHERE instance_id = ?")
                  .c_str());
  s.bind(1, instance_id);
  const int rc = s.step();
  if (rc == SQLITE_DONE) return std::optional<Record>{};
  if (rc != SQLITE_ROW) return db_error(db_, "cannot load a record");
  return std::optional<Record>(read_record(s));
}

Status Outbox::record_sync_run(const SyncRun& run) {
  std::lock_guard lock(mu_);
  return in_transaction(db_, [&]() -> Status {
    Stmt ins(db_,
             "INSERT INTO sync_runs (started_at, finished_at, sent, retry, failed_permanent, outcome, "
             "message) VALUES (?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, run.started_at).bind(2, run.finished_at).bind(3, run.sent).bind(4, run.retry);
    ins.bind(5, run.failed_permanent).bind(6, std::string(sync::to_string(run.outcome))).bind(7, run.message);
    if (ins.step() != SQLITE_DONE) return db_error(db_, "cannot store the sync result");
    Stmt trim(db_, "DELETE FROM sync_runs WHERE id <= (SELECT MAX(id) FROM sync_runs) - 200");
    if (trim.step() != SQLITE_DONE) return db_error(db_, "cannot trim old sync results");
    return Ok{};
  });
}

Result<std::optional<SyncRun>> Outbox::last_sync_run() {
  std::lock_guard lock(mu_);
  Stmt s(db_, "SELECT started_at, finished_at, sent, retry, failed_permanent, outcome, message "
              "FROM sync_runs ORDER BY id DESC LIMIT 1");
  const int rc = s.step();
  if (rc == SQLITE_DONE) return std::optional<SyncRun>{};
  if (rc != SQLITE_ROW) return db_error(db_, "cannot read the last sync result");
  SyncRun r;
  r.started_at = s.i64(0);
  r.finished_at = s.i64(1);
  r.sent = s.i32(2);
  r.retry = s.i32(3);
  r.failed_permanent = s.i32(4);
  r.outcome = sync::outcome_from(s.text(5));
  r.message = s.text(6);
  return std::optional<SyncRun>(r);
}

Result<std::string> Outbox::check_integrity() {
  std::lock_guard lock(mu_);
  {
    Stmt s(db_, "PRAGMA integrity_check");
    if (s.step() != SQLITE_ROW) return db_error(db_, "cannot run the integrity check");
    const std::string r = s.text(0);
    if (r != "ok") return r;
  }
  Stmt s(db_, "SELECT id FROM records ORDER BY id");
  auto ids = ids_of(s);
  if (!ids) return db_error(db_, "cannot scan records");
  int damaged = 0;
  std::string first;
  for (int64_t id : *ids) {
    Record r;
    std::string why;
    const Readback rb = read_checked(db_, id, r, why);
    if (rb == Readback::error) return db_error(db_, "cannot scan records");
    if (rb == Readback::damaged && damaged++ == 0) {
      Stmt name(db_, "SELECT instance_id FROM records WHERE id = ?");
      name.bind(1, id);
      const std::string ref = name.step() == SQLITE_ROW ? name.text(0) : "#" + std::to_string(id);
      first = "record " + ref + ": " + why;
    }
  }
  if (damaged > 0)
    return first + (damaged > 1 ? " (and " + std::to_string(damaged - 1) + " more)" : std::string{});
  const int rc = SQLITE_DONE;
  if (rc != SQLITE_DONE) return db_error(db_, "cannot scan records");
  return std::string("ok");
}

}  // namespace kiosk::outbox
