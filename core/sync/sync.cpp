// OpenRosa sync. Sections:
//   [1] settings from config, URLs
//   [2] classification of answers, backoff
//   [3] the HTTP client (cpp-httplib)
//   [4] one pass
//   [5] the background worker
#include "sync/sync.hpp"

#include <httplib.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>
#include <fstream>
#include <sstream>

#include "seal/seal.hpp"

namespace kiosk::sync {

// [SECTION] 1. settings ---------------------------------------------------------

namespace {

std::string trim(std::string s) {
  const auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

// Splits "scheme://host[:port][/prefix]" into origin and path prefix.
void split_url(const std::string& url, std::string& origin, std::string& prefix) {
  const auto scheme_end = url.find("://");
  const auto path_start = scheme_end == std::string::npos ? std::string::npos : url.find('/', scheme_end + 3);
  origin = path_start == std::string::npos ? url : url.substr(0, path_start);
  prefix = path_start == std::string::npos ? std::string{} : url.substr(path_start);
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
}

}  // namespace

Result<Settings> settings_from_config(const Config& config) {
  const SyncConfig& c = config.sync;
  if (c.server_url.empty())
    return make_error(Errc::invalid_input, "sync.server_url is not set in the site config");
  if (c.kind == "central" && c.project_id <= 0)
    return make_error(Errc::invalid_input, "sync.project_id is not set in the site config");
  Settings s;
  s.server_url = c.server_url;
  s.kind = c.kind;
  s.project_id = c.project_id;
  s.auth = c.auth;
  s.ca_file = c.ca_file.empty() ? std::string{} : c.ca_file.string();
  s.connect_timeout = milliseconds(static_cast<int64_t>(c.connect_timeout_seconds) * 1000);
  s.read_timeout = milliseconds(static_cast<int64_t>(c.request_timeout_seconds) * 1000);
  s.retry_base = milliseconds(static_cast<int64_t>(c.retry_base_seconds) * 1000);
  s.retry_max = milliseconds(static_cast<int64_t>(c.retry_max_seconds) * 1000);
  s.poll_interval = milliseconds(static_cast<int64_t>(c.poll_seconds) * 1000);
  if (c.credentials_file.empty())
    return make_error(Errc::invalid_input, "sync.credentials_file is not set in the site config");
  std::ifstream in(c.credentials_file);
  if (!in)
    return make_error(Errc::io, "the sync credentials file cannot be read", {},
                      c.credentials_file.string());
  std::stringstream ss;
  ss << in.rdbuf();
  std::string secret = ss.str();
  s.secret = trim(secret);
  seal::cleanse(secret);
  if (s.secret.empty())
    return make_error(Errc::invalid_input, "the sync credentials file is empty", {},
                      c.credentials_file.string());
  if (s.auth == "basic" && s.secret.find(':') == std::string::npos)
    return make_error(Errc::invalid_input,
                      "sync.auth is basic but the credentials file does not hold user:password", {},
                      c.credentials_file.string());
  s.user_agent = "asylum-kiosk (" + config.site.id + ")";
  return s;
}

std::string submission_path(const Settings& s) {
  std::string origin, prefix;
  split_url(s.server_url, origin, prefix);
  if (s.kind == "central") {
    if (s.auth == "token")
      return prefix + "/v1/key/" + s.secret + "/projects/" + std::to_string(s.project_id) + "/submission";
    return prefix + "/v1/projects/" + std::to_string(s.project_id) + "/submission";
  }
  return prefix + "/submission";  // KoboToolbox kc (and Aggregate-compatible servers)
}

std::string describe_target(const Settings& s) {
  if (s.kind == "central")
    return "ODK Central " + s.server_url + " project " + std::to_string(s.project_id);
  return "KoboToolbox " + s.server_url;
}

// [SECTION] 2. classification -------------------------------------------------------

namespace {

bool has_openrosa_body(const std::string& body) {
  return body.find("<OpenRosaResponse") != std::string::npos;
}

Classified network_failure(const Answer& a) {
  Classified c;
  c.verdict = Verdict::retry;
  c.network = true;
  c.stop_pass = true;
  c.outcome = "offline";
  c.message = "the server could not be reached or did not answer in time (" +
              (a.transport.empty() ? std::string("no answer") : a.transport) + ")";
  return c;
}

}  // namespace

Classified classify_submission(const Answer& a) {
  Classified c;
  const int st = a.status;
  if (st == 0) return network_failure(a);
  if ((st == 201 || st == 202) && has_openrosa_body(a.body)) {
    c.verdict = Verdict::sent;
    c.outcome = "ok";
    c.message = "acknowledged by the server (HTTP " + std::to_string(st) + ")";
    return c;
  }
  if ((st >= 200 && st < 300) || (st >= 300 && st < 400)) {
    c.verdict = Verdict::retry;
    c.stop_pass = true;
    c.outcome = "captive_portal";
    c.message = "the network answered HTTP " + std::to_string(st) +
                " without an OpenRosa acknowledgement: probably a Wi-Fi login page (captive portal) "
                "or a wrong server address; the record was not accepted and will be sent again";
    return c;
  }
  if (st == 401 || st == 403) {
    c.verdict = Verdict::stop_release;
    c.stop_pass = true;
    c.outcome = "auth";
    c.message = "the server refused the kiosk's credentials (HTTP " + std::to_string(st) +
                "); staff must check the app-user token or password in the credentials file";
    return c;
  }
  if (st == 404) {
    c.verdict = Verdict::stop_release;
    c.stop_pass = true;
    c.outcome = "config";
    c.message = "the server has no such project or form (HTTP 404); staff must check sync.server_url, "
                "sync.project_id and that the form is uploaded and open";
    return c;
  }
  if (st == 409) {
    c.verdict = Verdict::permanent;
    c.outcome = "rejected";
    c.message = "the server already holds a different submission with this instanceID (HTTP 409); "
                "staff must check it on the server";
    return c;
  }
  if (st == 413) {
    c.verdict = Verdict::permanent;
    c.outcome = "rejected";
    c.message = "the record is larger than the server accepts (HTTP 413); staff must export it to USB";
    return c;
  }
  if (st == 408 || st == 429 || st >= 500) {
    c.verdict = Verdict::retry;
    c.stop_pass = true;
    c.outcome = "server";
    c.message = "the server had a problem (HTTP " + std::to_string(st) + "); the record will be sent again";
    return c;
  }
  c.verdict = Verdict::permanent;
  c.outcome = "rejected";
  c.message = "the server rejected the record (HTTP " + std::to_string(st) +
              "); staff must check the form on the server";
  return c;
}

Classified classify_preflight(const Answer& a) {
  Classified c;
  const int st = a.status;
  if (st == 0) return network_failure(a);
  if (st == 204 || st == 405) {  // 405: the server does not do HEAD; POST will tell
    c.verdict = Verdict::sent;
    c.outcome = "ok";
    c.message = "the server is reachable";
    return c;
  }
  if (st >= 200 && st < 400) {
    c.verdict = Verdict::stop_release;
    c.stop_pass = true;
    c.outcome = "captive_portal";
    c.message = "the network answered HTTP " + std::to_string(st) +
                " instead of the server's 204: probably a Wi-Fi login page (captive portal) or a "
                "wrong server address; nothing was sent";
    return c;
  }
  Classified post = classify_submission(a);  // 401/403/404/5xx read the same
  post.verdict = Verdict::stop_release;
  post.stop_pass = true;
  if (post.outcome == "rejected") post.outcome = "config";
  return post;
}

int64_t backoff_ms(const Settings& s, int attempts, double u) {
  const double base = static_cast<double>(s.retry_base.count());
  const double cap = static_cast<double>(s.retry_max.count());
  const int n = std::clamp(attempts, 1, 40);
  const double d = std::min(cap, base * std::pow(2.0, n - 1));
  return static_cast<int64_t>(d * (1.0 + 0.25 * std::clamp(u, 0.0, 1.0)));
}

// [SECTION] 3. HTTP client ------------------------------------------------------------

struct Client::Impl {
  Settings s;
  std::string path;
  int64_t accept_limit = 0;
  std::unique_ptr<httplib::Client> http;
};

namespace {

std::string http_date() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

Answer to_answer(const httplib::Result& r) {
  Answer a;
  if (!r) {
    a.transport = httplib::to_string(r.error());
    return a;
  }
  a.status = r->status;
  a.body = r->body.substr(0, 64 * 1024);
  a.accept_content_length = r->get_header_value("X-OpenRosa-Accept-Content-Length");
  return a;
}

}  // namespace

int64_t parse_accept_limit(const std::string& header) {
  int64_t v = 0;
  const char* b = header.data();
  const char* e = b + header.size();
  while (b < e && (*b == ' ' || *b == '\t')) ++b;
  const auto [end, ec] = std::from_chars(b, e, v);
  if (ec != std::errc() || end == b || v < 0) return 0;
  return v;
}

Client::Client(const Settings& s) : impl_(std::make_unique<Impl>()) {
  impl_->s = s;
  impl_->path = submission_path(s);
  std::string origin, prefix;
  split_url(s.server_url, origin, prefix);
  impl_->http = std::make_unique<httplib::Client>(origin);
  auto& h = *impl_->http;
  const auto secs = [](milliseconds ms) { return static_cast<time_t>(ms.count() / 1000); };
  const auto usecs = [](milliseconds ms) { return static_cast<time_t>((ms.count() % 1000) * 1000); };
  h.set_connection_timeout(secs(s.connect_timeout), usecs(s.connect_timeout));
  h.set_read_timeout(secs(s.read_timeout), usecs(s.read_timeout));
  h.set_write_timeout(secs(s.read_timeout), usecs(s.read_timeout));
  h.set_follow_location(false);  // a redirect is a captive portal, never followed
  h.set_keep_alive(false);
  h.enable_server_certificate_verification(true);
  if (!s.ca_file.empty()) h.set_ca_cert_path(s.ca_file);
  if (s.auth == "basic") {
    const auto colon = s.secret.find(':');
    h.set_basic_auth(s.secret.substr(0, colon), s.secret.substr(colon + 1));
  }
  httplib::Headers headers{{"X-OpenRosa-Version", "1.0"}, {"User-Agent", s.user_agent}};
  if (s.kind == "kobo" && s.auth == "token") headers.emplace("Authorization", "Token " + s.secret);
  if (!s.accept_language.empty()) headers.emplace("Accept-Language", s.accept_language);
  h.set_default_headers(headers);
}

Client::~Client() = default;

Answer Client::preflight() {
  httplib::Headers hdr{{"Date", http_date()}};
  Answer a = to_answer(impl_->http->Head(impl_->path, hdr));
  impl_->accept_limit = parse_accept_limit(a.accept_content_length);
  return a;
}

int64_t Client::accept_content_length() const { return impl_->accept_limit; }

Answer Client::submit(const seal::SealedSubmission& sub) {
  httplib::Headers hdr{{"Date", http_date()}};
  httplib::MultipartFormDataItems items{
      {"xml_submission_file", sub.manifest_xml, seal::kManifestName, "text/xml"},
      {seal::kEncryptedXmlName, sub.encrypted_xml, seal::kEncryptedXmlName, "application/octet-stream"},
  };
  return to_answer(impl_->http->Post(impl_->path, hdr, items));
}

void Client::stop() { impl_->http->stop(); }

// [SECTION] 4. one pass -------------------------------------------------------------

Result<PassReport> run_pass(outbox::Outbox& box, const Settings& s,
                            const std::function<void(Client*)>& abort_client,
                            const std::atomic<bool>* cancel) {
  PassReport rep;
  rep.run.started_at = s.clock();
  std::mt19937_64 rng(std::random_device{}());
  std::uniform_real_distribution<double> uni(0.0, 1.0);
  const auto jitter = [&] { return s.jitter ? s.jitter() : uni(rng); };

  const auto finish = [&](std::string outcome, std::string message) -> Result<PassReport> {
    if (abort_client) abort_client(nullptr);
    rep.run.finished_at = s.clock();
    rep.run.outcome = std::move(outcome);
    rep.run.message = std::move(message);
    // An idle pass is not kept: "last sync" stays the last one that did something.
    if (rep.run.outcome != "nothing_to_do")
      if (auto st = box.record_sync_run(rep.run); !st) return st.error();
    return rep;
  };

  auto due = box.next_due_at();
  if (!due) return due.error();
  const auto previous = box.last_sync_run();
  const bool was_offline = previous && previous->has_value() && (*previous)->outcome == "offline";
  if (!due->has_value() && !was_offline) return finish("nothing_to_do", "no record is waiting");

  Client client(s);
  if (abort_client) abort_client(&client);

  const Classified pre = classify_preflight(client.preflight());
  if (pre.verdict != Verdict::sent) return finish(pre.outcome, pre.message);
  if (was_offline) {
    // The network is back: records that failed only because the server was
    // unreachable should not sit out the rest of their backoff.
    if (auto woke = box.wake_network_failures(s.clock()); !woke) return finish("storage", woke.error().message);
  }

  std::string outcome = "ok";
  std::string message;
  // Records are claimed kClaimBatch at a time and acknowledged ones marked
  // sent together: two fsyncs per batch instead of two per record. A crash
  // in between leaves them "sending" with a dead owner: they are resent,
  // byte-identical, and the server acknowledges them again.
  constexpr int kClaimBatch = 32;
  std::vector<outbox::Outbox::Ack> acked;
  const auto flush_acked = [&]() -> Status {
    Status st = box.mark_sent(acked, s.clock());
    acked.clear();
    return st;
  };
  bool stop = false;
  while (!stop) {
    if (cancel && cancel->load()) {
      outcome = "stopped";
      message = "the sync was stopped (the kiosk is shutting down)";
      break;
    }
    auto claimed = box.claim_due(s.clock(), kClaimBatch);
    if (!claimed) return finish("storage", claimed.error().message);
    if (claimed->empty()) break;
    for (size_t i = 0; i < claimed->size(); ++i) {
      outbox::Record& rec = (*claimed)[i];
      if (stop || (cancel && cancel->load())) {
        if (!stop) {
          outcome = "stopped";
          message = "the sync was stopped (the kiosk is shutting down)";
          stop = true;
        }
        if (auto st = box.release(rec.info.id); !st) return finish("storage", st.error().message);
        continue;
      }

      RecordReport rr;
      rr.instance_id = rec.info.instance_id;
      rr.test = rec.info.test;
      rr.attempts = rec.info.attempts;

      // A record bigger than the server takes cannot be split further (it is
      // one encrypted file); sending it would only fail again and again.
      const int64_t body = static_cast<int64_t>(rec.sealed.manifest_xml.size() +
                                                rec.sealed.encrypted_xml.size()) + 1024;
      const int64_t limit = client.accept_content_length();
      const Answer ans = (limit > 0 && body > limit) ? Answer{413, {}, {}, {}} : client.submit(rec.sealed);
      const Classified c = classify_submission(ans);
      rr.http_status = ans.status;
      rr.message = c.message;
      Status st = Ok{};
      switch (c.verdict) {
        case Verdict::sent:
          acked.push_back({rec.info.id, ans.status});
          rr.result = "sent";
          ++rep.run.sent;
          break;
        case Verdict::retry: {
          const int64_t next = s.clock() + backoff_ms(s, rec.info.attempts, jitter());
          st = box.mark_retry(rec.info.id, c.message, ans.status, next, c.network);
          rr.result = "retry";
          ++rep.run.retry;
          break;
        }
        case Verdict::permanent:
          st = box.mark_failed_permanent(rec.info.id, c.message, ans.status);
          rr.result = "failed_permanent";
          ++rep.run.failed_permanent;
          break;
        case Verdict::stop_release:
          st = box.release(rec.info.id);
          rr.result = "released";
          break;
      }
      rep.records.push_back(rr);
      if (!st) {
        (void)flush_acked();
        return finish("storage", st.error().message);
      }
      if (c.verdict != Verdict::sent && outcome == "ok") {
        outcome = c.outcome == "rejected" ? "ok" : c.outcome;
        message = c.message;
      }
      if (c.stop_pass) stop = true;
    }
    if (auto st = flush_acked(); !st) return finish("storage", st.error().message);
  }
  if (message.empty()) {
    message = std::to_string(rep.run.sent) + " sent";
    if (rep.run.failed_permanent > 0)
      message += ", " + std::to_string(rep.run.failed_permanent) + " need staff";
  }
  if (outcome == "ok" && rep.run.failed_permanent > 0) outcome = "rejected";
  return finish(outcome, message);
}

// [SECTION] 5. worker -------------------------------------------------------------

Worker::Worker(outbox::Outbox& box, Settings s) : box_(box), settings_(std::move(s)) {}

Worker::~Worker() { stop(); }

void Worker::start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable()) return;
  stop_ = false;
  cancel_ = false;
  snap_.running = true;
  thread_ = std::thread([this] { loop(); });
}

void Worker::stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
    cancel_ = true;
    if (in_flight_) in_flight_->stop();
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  std::lock_guard lock(mu_);
  snap_.running = false;
}

void Worker::sync_now() {
  {
    std::lock_guard lock(mu_);
    kick_ = true;
  }
  cv_.notify_all();
}

Worker::Snapshot Worker::snapshot() const {
  std::lock_guard lock(mu_);
  return snap_;
}

void Worker::loop() {
  for (;;) {
    {
      std::lock_guard lock(mu_);
      if (stop_) return;
      kick_ = false;
      snap_.busy = true;
    }
    auto rep = run_pass(box_, settings_, [this](Client* c) {
      std::lock_guard lock(mu_);
      in_flight_ = c;
      if (c && stop_) c->stop();
    }, &cancel_);
    if (settings_.retention_days >= 0 && rep && rep->run.sent > 0) {
      if (auto purged = box_.purge(settings_.clock(), settings_.retention_days); !purged) {
        std::lock_guard lock(mu_);
        snap_.last_storage_error = purged.error().message;
      }
    }
    // When to look again: when the next record is due, but at least every
    // poll_interval while records wait (the network may come back).
    milliseconds wait = settings_.poll_interval;
    std::string outcome;
    {
      std::lock_guard lock(mu_);
      snap_.busy = false;
      ++snap_.passes;
      if (rep) {
        snap_.last = rep->run;
        outcome = rep->run.outcome;
        snap_.last_storage_error.clear();
      } else {
        snap_.last_storage_error = rep.error().message;
      }
    }
    if (auto due = box_.next_due_at(); due && due->has_value()) {
      const int64_t in = **due - settings_.clock();
      wait = std::min(wait, milliseconds(std::max<int64_t>(in, 0)));
      // A pass that stopped early (offline, captive portal) must not spin.
      if (outcome != "ok" && outcome != "rejected") wait = settings_.poll_interval;
    }
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, wait, [this] { return stop_ || kick_; });
    if (stop_) return;
  }
}

}  // namespace kiosk::sync
