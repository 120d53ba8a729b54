// Sync: OpenRosa submission of sealed records to ODK Central or KoboToolbox.
//
// One pass (run_pass), over ONE keep-alive connection:
//   1. HEAD preflight on the submission URL. 204 = go. Any other 2xx =
//      captive portal / wrong endpoint (Wi-Fi login pages answer 200); 3xx =
//      a redirect (named as such, with where it points); 401/403 = credentials
//      (Central's 403.1: app user revoked or not assigned); 404 = wrong address
//      or project; 5xx = server trouble; no answer = offline; a certificate
//      that does not verify = "tls". In all those cases nothing is POSTed and
//      no record is touched. 405 (no HEAD support) continues.
//   2. For each due record (oldest first): the outbox marks it "sending"
//      (committed) BEFORE the POST, kClaimBatch records per transaction;
//      multipart/form-data with xml_submission_file (the manifest, text/xml)
//      and submission.xml.enc; headers X-OpenRosa-Version: 1.0, Date,
//      User-Agent; ?deviceID=<site id> (what ODK Collect sends, so Central
//      tells kiosks apart). The acknowledged records of a batch are marked
//      sent together (one transaction) when the batch ends, before the next
//      claim, so a kill loses at most kClaimBatch acknowledgements: those
//      records are still "sending" with a dead owner, go back to the queue
//      and are resent, byte-identical, and acknowledged again. A record is
//      never marked sent before the server acknowledged it.
//   3. The answer decides (classify_submission()). Central's reason (its JSON
//      problem {code, message} or the OpenRosa XML <message>) is parsed and
//      quoted to staff with what to do:
//        201/202 with an <OpenRosaResponse> body -> sent
//        200, 2xx without OpenRosaResponse -> captive portal: retry, stop pass
//        3xx -> redirect: retry, stop pass
//        401/403 -> credentials: record released (no attempt counted), stop pass
//        404 (no such form, 404.6 unknown form version), 409.2 (form closed),
//          other refusals of one record that fixing the server cures
//          -> this record stays queued (backoff), the pass goes on
//        409 with different content for the same instanceID (409.1/409.3, or a
//          bare 409), 400, 413 -> failed_permanent (needs staff); pass goes on
//        408/429/5xx, timeouts, resets, oversized replies -> retry, stop pass
//      A served form the kiosk refused (form_source = "server", see
//      server_form.hpp) makes an otherwise good pass "form_refused".
//      A timeout after the server may have stored the record is harmless:
//      the resend is byte-identical and servers acknowledge it again.
// Every request has a total time limit (a reply trickled byte by byte cannot
// hang a pass) and a reply size limit (kMaxReplyBytes).
// Backoff: base * 2^(attempts-1), capped, plus 0-25 % random jitter; base
// 60 s by default (ODK Collect's). Records are never given up on for
// transient errors. After an "offline" pass, the first pass that reaches the
// server makes records that failed only for network reasons due at once
// (the known "auto-send does not resume after reconnect" bug, collect#6120).
// Staff's "Send records now" (RecordService::sync_now) makes every waiting
// record due and puts records that need staff back in the queue.
//
// Secrets (token, password) are never put in messages or logs; the Central
// app-user token is part of the URL path, so URLs are never printed either.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "base/result.hpp"
#include "config/config.hpp"
#include "outbox/outbox.hpp"
#include "sync/outcome.hpp"

namespace kiosk::sync {

using std::chrono::milliseconds;

struct Settings {
  std::string server_url;         // scheme://host[:port][/prefix], no trailing slash
  std::string kind = "central";   // "central" or "kobo"
  int project_id = 0;             // Central project
  std::string auth = "token";     // "token" or "basic"
  std::string secret;             // token, or "user:password"; NEVER print it
  std::string ca_file;            // extra CA bundle for https (empty = system store)
  std::string device_id;          // sent as ?deviceID= (the site id); empty = none
  milliseconds connect_timeout{10000};
  milliseconds read_timeout{60000};  // per read/write on the socket
  // The whole request (connect, upload, reply) must end within this; 0 = read_timeout.
  milliseconds total_timeout{0};
  milliseconds retry_base{60000};
  milliseconds retry_max{6LL * 3600 * 1000};
  milliseconds poll_interval{60000};  // worker: how often to look when idle / offline
  std::string user_agent = "asylum-kiosk";
  std::string accept_language;     // optional Accept-Language header
  // Clock in ms since the epoch; tests replace it to skip backoff waits.
  std::function<int64_t()> clock = outbox::now_ms;
  // Worker: after each pass, purge records acknowledged more than this many
  // days ago (outbox.retention_days); -1 = do not purge.
  int retention_days = -1;
  // Jitter source in [0, 1); tests may fix it.
  std::function<double()> jitter;
};

// Builds Settings from the site config: reads the credentials file (trimmed)
// and the timing keys. Fails with Errc::invalid_input when sync is not fully
// configured, Errc::io when the credentials file cannot be read. The error
// never contains the secret.
Result<Settings> settings_from_config(const Config& config);

// (The checks of sync.server_url, https except loopback and no /v1, are
// config/config.hpp's sync_server_url_problem(); settings_from_config
// applies them too.)

// The submission path (for the HTTP request line; holds the token for Central
// app users, so never print it) and a printable description of the target
// without secrets, e.g. "ODK Central https://central.example.org project 3".
std::string submission_path(const Settings& s);
std::string describe_target(const Settings& s);

// Splits "scheme://host[:port][/prefix]" into its origin and its path prefix
// without trailing slashes (the server's address, a form's download URL).
void split_url(const std::string& url, std::string& origin, std::string& prefix);

// What happened to one attempt or preflight.
enum class Verdict {
  sent,          // acknowledged
  retry,         // transient or fixable on the server; back off and retry this record
  permanent,     // needs staff; failed_permanent
  stop_release,  // a problem of the whole pass (auth, address): release the record, stop
};

struct Answer {
  int status = 0;            // HTTP status; 0 = no HTTP answer
  std::string body;          // response body (bounded); servers' answers carry no answers of ours
  std::string transport;     // httplib error name when status == 0
  std::string accept_content_length;  // X-OpenRosa-Accept-Content-Length, if any
  std::string location;      // Location header of a redirect, if any
  bool tls_untrusted = false;  // status 0 because the certificate did not verify
};

// Records claimed per outbox transaction in a pass; their acknowledgements
// are marked sent together when the batch ends (see 2. above).
inline constexpr int kClaimBatch = 32;

// The largest reply read (bigger ones end the request: not a Central answer).
inline constexpr size_t kMaxReplyBytes = 1024 * 1024;

// What the server said, from a JSON problem ({"code": 409.2, "message": ...},
// Central's API and Kobo) or an OpenRosa XML reply (<message>...</message>,
// Central's submission endpoint). code is "" when the reply has none.
struct ServerSays {
  std::string code;     // e.g. "409.2"
  std::string message;  // one line, at most 300 characters, control characters removed
};
ServerSays parse_server_reply(const std::string& body);

struct Classified {
  Verdict verdict = Verdict::retry;
  bool network = false;      // no HTTP answer (offline, reset, timeout)
  bool stop_pass = false;    // do not try further records in this pass
  // ok, offline, tls, captive_portal, redirect, auth, config, form_closed,
  // server, rejected (a pass can also end form_refused, run_pass)
  Outcome outcome = Outcome::unknown;
  std::string message;       // English sentence for staff
};

// Classifies a POST answer (see the table above). Pure; unit-tested.
Classified classify_submission(const Answer& a);
// Classifies a HEAD preflight answer: verdict sent = go ahead.
Classified classify_preflight(const Answer& a);
// The X-OpenRosa-Accept-Content-Length value in bytes; 0 (no limit) when it
// is empty, not a number or negative.
int64_t parse_accept_limit(const std::string& header);

// Backoff before attempt number attempts+1, given `attempts` failed ones
// (>= 1) and u in [0, 1): min(max, base * 2^(attempts-1)) * (1 + 0.25 u).
int64_t backoff_ms(const Settings& s, int attempts, double u);

// The OpenRosa client: one per pass. Not thread-safe, except stop(), which
// any thread may call to abort a request in flight.
class Client {
 public:
  explicit Client(const Settings& s);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;
  // HEAD on the submission URL.
  Answer preflight();
  // Multipart POST of one sealed submission.
  Answer submit(const seal::SealedSubmission& sub);
  // Aborts the request in flight (it then fails as a network error).
  void stop();
  // X-OpenRosa-Accept-Content-Length from the last preflight; 0 = not given.
  [[nodiscard]] int64_t accept_content_length() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct RecordReport {
  std::string instance_id;
  bool test = false;
  std::string result;        // "sent", "retry", "failed_permanent", "released"
  int http_status = 0;
  int attempts = 0;
  std::string message;       // why (English; no personal data)
};

struct PassReport {
  outbox::SyncRun run;
  std::vector<RecordReport> records;
};

// One sync pass (see the top of this file). Records the run in the outbox
// (last_sync_run) unless there was nothing to do. `abort_client`, if given, receives the Client while the
// pass runs so another thread can stop it (worker shutdown); it is called
// with nullptr when the pass ends. `cancel`, if given and set, ends the pass
// before the next record. Fails only on outbox (storage) errors.
// `form_note`, if not empty, is a sentence for staff about the form (the
// served form was refused, see server_form.hpp): a pass that would end "ok"
// or had nothing to do ends "form_refused" with that sentence (an idle pass
// is then kept, once per different sentence), so the staff screen says it;
// records go on as usual (sealed with the last good form).
Result<PassReport> run_pass(outbox::Outbox& box, const Settings& s,
                            const std::function<void(Client*)>& abort_client = {},
                            const std::atomic<bool>* cancel = nullptr, const std::string& form_note = {});

// Lets another thread abort a request in flight: called with a function that
// aborts it when the request starts, and with an empty one when it ended.
using AbortHook = std::function<void(std::function<void()>)>;

// Background sync: a thread that runs passes when records are due, when
// sync_now() is called, and every poll_interval while records wait (to notice
// the network coming back). It never blocks the caller: every public method
// only takes a short lock on the status. Stops (and joins) in stop() / the
// destructor, aborting a request in flight.
class Worker {
 public:
  Worker(outbox::Outbox& box, Settings s);
  ~Worker();
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Called on the worker's thread at the start of a pass, before any record
  // is sent: at the first pass, after sync_now(), and at most once per
  // poll_interval otherwise (RecordService looks at the served form here,
  // server_form.hpp). Returns a sentence for staff that the passes carry
  // (run_pass's form_note) until the next look; "" = nothing to say. It may
  // register its request with the AbortHook so that stop() ends it. Set
  // before start().
  using BeforePass = std::function<std::string(const Settings&, const AbortHook&)>;
  void set_before_pass(BeforePass f) { before_pass_ = std::move(f); }

  void start();
  void stop();
  // Asks for a pass as soon as possible (staff "sync now", or a new record).
  void sync_now();

  struct Snapshot {
    bool running = false;
    bool busy = false;                        // a pass is in progress
    std::optional<outbox::SyncRun> last;      // last finished pass
    int passes = 0;
    std::string last_storage_error;           // if a pass failed on the outbox
  };
  // Thread-safe copy of the state for the staff screen.
  Snapshot snapshot() const;

 private:
  void loop();

  outbox::Outbox& box_;
  Settings settings_;
  mutable std::mutex mu_;          // guards everything below
  std::condition_variable cv_;
  bool stop_ = false;
  std::atomic<bool> cancel_{false};  // set by stop(); read by the pass between records
  bool kick_ = false;
  Snapshot snap_;
  Client* in_flight_ = nullptr;    // the pass's client, to abort on stop()
  std::function<void()> abort_look_;  // aborts before_pass_'s request in flight, if any
  BeforePass before_pass_;         // set before start(), then only read by the worker's thread
  std::thread thread_;
};

}  // namespace kiosk::sync
