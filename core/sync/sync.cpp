// OpenRosa sync. Sections:
//   [1] settings from config, URLs
//   [2] classification of answers, backoff
//   [3] the HTTP client (cpp-httplib)
//   [4] one pass
//   [5] the background worker
#include "sync/sync.hpp"

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>
#include <fstream>
#include <set>
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

}  // namespace

void split_url(const std::string& url, std::string& origin, std::string& prefix) {
  const auto scheme_end = url.find("://");
  const auto path_start = scheme_end == std::string::npos ? std::string::npos : url.find('/', scheme_end + 3);
  origin = path_start == std::string::npos ? url : url.substr(0, path_start);
  prefix = path_start == std::string::npos ? std::string{} : url.substr(path_start);
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
}

Result<Settings> settings_from_config(const Config& config) {
  const SyncConfig& c = config.sync;
  if (c.server_url.empty())
    return make_error(Errc::invalid_input, "sync.server_url is not set in the site config");
  if (c.kind == "central" && c.project_id <= 0)
    return make_error(Errc::invalid_input, "sync.project_id is not set in the site config");
  if (std::string why = sync_server_url_problem(c.server_url, c.allow_insecure_http); !why.empty())
    return make_error(Errc::invalid_input, why);
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
  s.device_id = config.site.id;
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

std::string xml_unescape(std::string s) {
  static const std::pair<const char*, const char*> entities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&#39;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : entities) {
    const std::string f(from);
    for (size_t at = s.find(f); at != std::string::npos; at = s.find(f, at + 1)) s.replace(at, f.size(), to);
  }
  return s;
}

// One line, no control characters, at most 300 bytes (cut on a UTF-8 boundary).
std::string one_line(const std::string& in) {
  std::string out;
  for (char ch : in) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) {
      if (!out.empty() && out.back() != ' ') out.push_back(' ');
      continue;
    }
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out.push_back(ch);
  }
  out = trim(out);
  if (out.size() > 300) {
    size_t cut = 300;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
    out = out.substr(0, cut) + "...";
  }
  return out;
}

// The host part of a Location header (never its path: it may echo the token).
std::string origin_of(const std::string& url) {
  const auto se = url.find("://");
  if (se == std::string::npos) return "another address on the same server";
  const auto ps = url.find('/', se + 3);
  return one_line(url.substr(0, ps));
}

std::string says(const ServerSays& w) {
  if (w.message.empty()) return {};
  return " The server says: \"" + w.message + "\".";
}

std::string http_code(int status, const ServerSays& w) {
  return "HTTP " + (w.code.empty() ? std::to_string(status) : w.code);
}

Classified network_failure(const Answer& a) {
  Classified c;
  c.verdict = Verdict::retry;
  c.network = true;
  c.stop_pass = true;
  if (a.tls_untrusted) {
    c.outcome = Outcome::tls;
    c.message = "the server's certificate is not trusted: set sync.ca_file or fix the certificate "
                "(the kiosk is online; nothing was sent)";
    return c;
  }
  c.outcome = Outcome::offline;
  c.message = "the server could not be reached or did not answer in time (" +
              (a.transport.empty() ? std::string("no answer") : a.transport) + ")";
  return c;
}

// An answer's verdict, whether the pass ends with it, its outcome and staff's sentence.
enum class Pass { goes_on, ends };
Classified classified(Verdict v, Pass p, Outcome o, std::string message) {
  Classified c;
  c.verdict = v;
  c.stop_pass = p == Pass::ends;
  c.outcome = o;
  c.message = std::move(message);
  return c;
}

// Staff's sentence about a server's answer: what happened, its HTTP code, what
// the server said (if anything), then what to do.
std::string told(int status, const ServerSays& w, const std::string& what, const std::string& then) {
  return what + " (" + http_code(status, w) + ")." + says(w) + " " + then;
}

bool contains(const std::string& hay, const char* needle) { return hay.find(needle) != std::string::npos; }

}  // namespace

ServerSays parse_server_reply(const std::string& body) {
  ServerSays w;
  const std::string b = trim(body.substr(0, 64 * 1024));
  if (!b.empty() && b.front() == '{') {
    const auto j = nlohmann::json::parse(b, nullptr, false);
    if (!j.is_object()) return w;
    if (const auto it = j.find("code"); it != j.end()) {
      if (it->is_number()) w.code = it->dump();
      else if (it->is_string()) w.code = one_line(it->get<std::string>());
    }
    if (const auto it = j.find("message"); it != j.end() && it->is_string())
      w.message = one_line(it->get<std::string>());
    else if (const auto d = j.find("detail"); d != j.end() && d->is_string())  // Kobo (Django REST)
      w.message = one_line(d->get<std::string>());
    return w;
  }
  const auto m = b.find("<message");
  if (m == std::string::npos) return w;
  const auto open_end = b.find('>', m);
  const auto close = b.find("</message>", m);
  if (open_end == std::string::npos || close == std::string::npos || close < open_end) return w;
  w.message = one_line(xml_unescape(b.substr(open_end + 1, close - open_end - 1)));
  return w;
}

Classified classify_submission(const Answer& a) {
  const int st = a.status;
  if (st == 0) return network_failure(a);
  if ((st == 201 || st == 202) && has_openrosa_body(a.body)) {
    return classified(Verdict::sent, Pass::goes_on, Outcome::ok,
                      "acknowledged by the server (HTTP " + std::to_string(st) + ")");
  }
  if (st >= 300 && st < 400) {
    return classified(Verdict::retry, Pass::ends, Outcome::redirect,
                      "the server address redirects (HTTP " + std::to_string(st) + " to " +
                      (a.location.empty() ? std::string("an address it did not give") : origin_of(a.location)) +
                      "): if that is the office's server, put its address in sync.server_url (e.g. https:// "
                      "instead of http://); if it is a Wi-Fi login page, log in first. Nothing was accepted; "
                      "the records wait in the kiosk");
  }
  if (st >= 200 && st < 300) {
    return classified(Verdict::retry, Pass::ends, Outcome::captive_portal,
                      "the network answered HTTP " + std::to_string(st) +
                      " without an OpenRosa acknowledgement: probably a Wi-Fi login page (captive portal) "
                      "or a wrong server address; the record was not accepted and will be sent again");
  }
  const ServerSays w = parse_server_reply(a.body);
  if (st == 401) {
    return classified(Verdict::stop_release, Pass::ends, Outcome::auth,
                      told(st, w, "the server refused the kiosk's credentials",
                           "Staff: put the current app-user token (or user:password) into sync.credentials_file"));
  }
  if (st == 403) {
    return classified(Verdict::stop_release, Pass::ends, Outcome::auth,
                      told(st, w, "the server refused the kiosk's app user",
                           "Staff: in Central check that the app user is not revoked and has access to the form "
                           "(Form Access), and that sync.credentials_file holds its current token"));
  }
  if (st == 404) {
    if (w.code == "404.2" || w.code == "404.3") {  // the /v1 part of the path: sync.server_url
      return classified(Verdict::stop_release, Pass::ends, Outcome::config,
                        told(st, w, "the server does not know this address",
                             "Staff: check sync.server_url (the server's address without /v1)"));
    }
    // One form or version missing: the next record may be fine.
    if (w.code == "404.6" || contains(w.message, "form version"))
      return classified(Verdict::retry, Pass::goes_on, Outcome::config,
                        told(st, w, "the server does not know this record's form version",
                             "Staff: publish the kiosk's form (asylum-kioskctl xform) in Central as a new "
                             "version, then press Send records now; the record waits in the kiosk"));
    return classified(Verdict::retry, Pass::goes_on, Outcome::config,
                      told(st, w, "the server has no such form in this project",
                           "Staff: check sync.project_id and that the kiosk's form (asylum-kioskctl xform) is "
                           "uploaded and published in Central, then press Send records now; the record waits "
                           "in the kiosk"));
  }
  if (st == 409) {
    const bool closed = w.code == "409.2" || contains(w.message, "not currently accepting submissions");
    const bool conflict = w.code == "409.1" || w.code == "409.3" || contains(w.message, "different XML") ||
                          contains(w.message, "already exists") || (w.code.empty() && w.message.empty());
    if (closed) {
      return classified(Verdict::retry, Pass::goes_on, Outcome::form_closed,
                        told(st, w, "the form is closed on the server",
                             "Staff: set the form to Open in Central, then press Send records now; the records "
                             "wait in the kiosk"));
    }
    if (conflict) {
      return classified(Verdict::permanent, Pass::goes_on, Outcome::rejected,
                        told(st, w, "the server already holds a different submission with this instanceID",
                             "Staff: compare them on the server; this record stays in the kiosk and can be "
                             "exported to USB"));
    }
    return classified(Verdict::retry, Pass::goes_on, Outcome::config,
                      told(st, w, "the server refused the record for now",
                           "The record waits in the kiosk and is sent again later or on Send records now"));
  }
  if (st == 413) {
    return classified(Verdict::permanent, Pass::goes_on, Outcome::rejected,
                      told(st, w, "the record is larger than the server accepts",
                           "Staff: export it to USB"));
  }
  if (st == 408 || st == 429 || st >= 500) {
    return classified(Verdict::retry, Pass::ends, Outcome::server,
                      told(st, w, "the server had a problem", "The records will be sent again"));
  }
  return classified(Verdict::permanent, Pass::goes_on, Outcome::rejected,
                    told(st, w, "the server rejected the record",
                         "Staff: check that the form in Central is the kiosk's (asylum-kioskctl xform); the record "
                         "stays in the kiosk"));
}

Classified classify_preflight(const Answer& a) {
  const int st = a.status;
  if (st == 0) return network_failure(a);
  if (st == 204 || st == 405) {  // 405: the server does not do HEAD; POST will tell
    return classified(Verdict::sent, Pass::goes_on, Outcome::ok, "the server is reachable");
  }
  if (st >= 200 && st < 300) {
    return classified(Verdict::stop_release, Pass::ends, Outcome::captive_portal,
                      "the network answered HTTP " + std::to_string(st) +
                      " instead of the server's 204: probably a Wi-Fi login page (captive portal) or a "
                      "wrong server address; nothing was sent");
  }
  Classified post = classify_submission(a);  // 3xx/401/403/5xx read the same
  post.verdict = Verdict::stop_release;
  post.stop_pass = true;
  if (st == 404) {
    const ServerSays w = parse_server_reply(a.body);
    post.outcome = Outcome::config;
    post.message = told(st, w, "the server has no such project or address",
                        "Staff: check sync.server_url (without /v1) and sync.project_id; nothing was sent");
  } else if (post.outcome == Outcome::rejected || post.outcome == Outcome::form_closed) {
    post.outcome = Outcome::config;
  }
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

// A watchdog ends a request that has not finished within the total time
// limit (httplib's timeouts are per read, so a trickled reply would not end).
struct Client::Impl {
  Settings s;
  std::string path;       // HEAD
  std::string post_path;  // POST (with ?deviceID=)
  int64_t accept_limit = 0;
  std::unique_ptr<httplib::Client> http;
  httplib::Headers headers;

  std::mutex wm;
  std::condition_variable wcv;
  bool armed = false, quit = false, fired = false;
  std::chrono::steady_clock::time_point deadline;
  // Until when the watchdog sleeps (max: until armed). arm() wakes it only
  // if the new deadline is earlier: a later one is seen when it wakes (one
  // thread wake-up per request saved on a pass of many quick POSTs).
  std::chrono::steady_clock::time_point sleeping_until = std::chrono::steady_clock::time_point::max();
  std::thread watchdog;

  void arm() {
    std::lock_guard l(wm);
    const milliseconds total = s.total_timeout.count() > 0 ? s.total_timeout : s.read_timeout;
    deadline = std::chrono::steady_clock::now() + total;
    armed = true;
    fired = false;
    if (deadline < sleeping_until) wcv.notify_all();
  }
  bool disarm() {
    std::lock_guard l(wm);
    armed = false;
    return fired;
  }
  void watch() {
    std::unique_lock l(wm);
    while (!quit) {
      if (!armed) {
        sleeping_until = std::chrono::steady_clock::time_point::max();
        wcv.wait(l);
        continue;
      }
      sleeping_until = deadline;
      if (wcv.wait_until(l, deadline) == std::cv_status::timeout && armed &&
          std::chrono::steady_clock::now() >= deadline) {
        fired = true;
        armed = false;
        http->stop();
      }
    }
  }
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

std::string url_encode(const std::string& v) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (char ch : v) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

std::string total_limit_text(const Settings& s) {
  const milliseconds total = s.total_timeout.count() > 0 ? s.total_timeout : s.read_timeout;
  const auto ms = total.count();
  return "no complete answer within the time limit of " +
         (ms % 1000 == 0 ? std::to_string(ms / 1000) + " s" : std::to_string(ms) + " ms");
}

void fill_from_response(Answer& a, const httplib::Response& r) {
  a.status = r.status;
  a.accept_content_length = r.get_header_value("X-OpenRosa-Accept-Content-Length");
  a.location = r.get_header_value("Location");
}

void fill_error(Answer& a, httplib::Error e, bool fired, bool too_big, const Settings& s) {
  a.status = 0;
  a.tls_untrusted = e == httplib::Error::SSLServerVerification;
  if (fired) a.transport = total_limit_text(s);
  else if (too_big) a.transport = "the reply was larger than " + std::to_string(kMaxReplyBytes / 1024) + " KB";
  else a.transport = httplib::to_string(e);
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
  impl_->post_path = impl_->path;
  if (!s.device_id.empty()) impl_->post_path += "?deviceID=" + url_encode(s.device_id);
  std::string origin, prefix;
  split_url(s.server_url, origin, prefix);
  impl_->http = std::make_unique<httplib::Client>(origin);
  auto& h = *impl_->http;
  const auto secs = [](milliseconds ms) { return static_cast<time_t>(ms.count() / 1000); };
  const auto usecs = [](milliseconds ms) { return static_cast<time_t>((ms.count() % 1000) * 1000); };
  h.set_connection_timeout(secs(s.connect_timeout), usecs(s.connect_timeout));
  h.set_read_timeout(secs(s.read_timeout), usecs(s.read_timeout));
  h.set_write_timeout(secs(s.read_timeout), usecs(s.read_timeout));
  h.set_follow_location(false);  // a redirect is reported, never followed
  h.set_keep_alive(true);        // HEAD and every POST of the pass on one connection
  h.set_tcp_nodelay(true);       // else Nagle + delayed ACK stall each request on it by ~40 ms
  h.enable_server_certificate_verification(true);
  if (!s.ca_file.empty()) h.set_ca_cert_path(s.ca_file);
  httplib::Headers headers{{"X-OpenRosa-Version", "1.0"}, {"User-Agent", s.user_agent}};
  if (s.auth == "basic") {
    const auto colon = s.secret.find(':');
    headers.insert(httplib::make_basic_authentication_header(s.secret.substr(0, colon),
                                                             s.secret.substr(colon + 1)));
  }
  if (s.kind == "kobo" && s.auth == "token") headers.emplace("Authorization", "Token " + s.secret);
  if (!s.accept_language.empty()) headers.emplace("Accept-Language", s.accept_language);
  impl_->headers = headers;
  h.set_default_headers(headers);
  impl_->watchdog = std::thread([impl = impl_.get()] { impl->watch(); });
}

Client::~Client() {
  {
    std::lock_guard l(impl_->wm);
    impl_->quit = true;
  }
  impl_->wcv.notify_all();
  impl_->watchdog.join();
}

Answer Client::preflight() {
  httplib::Headers hdr{{"Date", http_date()}};
  impl_->arm();
  auto r = impl_->http->Head(impl_->path, hdr);
  const bool fired = impl_->disarm();
  Answer a;
  if (r && !fired) {
    fill_from_response(a, *r);
    a.body = r->body.substr(0, 64 * 1024);
  } else {
    fill_error(a, r ? httplib::Error::Read : r.error(), fired, false, impl_->s);
  }
  impl_->accept_limit = parse_accept_limit(a.accept_content_length);
  return a;
}

int64_t Client::accept_content_length() const { return impl_->accept_limit; }

Answer Client::submit(const seal::SealedSubmission& sub) {
  // multipart/form-data built here (not by httplib) so that the reply can be
  // read through a bounded receiver.
  std::string boundary = "asylum-kiosk-" + seal::sha256_hex(sub.manifest_xml + http_date()).substr(0, 32);
  std::string body;
  body.reserve(sub.manifest_xml.size() + sub.encrypted_xml.size() + 512);
  const auto part = [&](const char* name, const char* filename, const char* type, const std::string& data) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" +
            filename + "\"\r\nContent-Type: " + type + "\r\n\r\n";
    body += data;
    body += "\r\n";
  };
  part("xml_submission_file", seal::kManifestName, "text/xml", sub.manifest_xml);
  part(seal::kEncryptedXmlName, seal::kEncryptedXmlName, "application/octet-stream", sub.encrypted_xml);
  body += "--" + boundary + "--\r\n";

  httplib::Request req;
  req.method = "POST";
  req.path = impl_->post_path;
  req.headers = impl_->headers;
  req.headers.emplace("Date", http_date());
  req.headers.emplace("Content-Type", "multipart/form-data; boundary=" + boundary);
  req.body = std::move(body);
  std::string reply;
  size_t total = 0;
  bool too_big = false;
  req.content_receiver = [&](const char* data, size_t n, uint64_t, uint64_t) {
    total += n;
    if (total > kMaxReplyBytes) {
      too_big = true;
      return false;
    }
    if (reply.size() < 64 * 1024) reply.append(data, std::min(n, 64 * 1024 - reply.size()));
    return true;
  };
  httplib::Response res;
  httplib::Error err = httplib::Error::Success;
  impl_->arm();
  const bool ok = impl_->http->send(req, res, err);
  const bool fired = impl_->disarm();
  Answer a;
  if (ok && !fired && !too_big) {
    fill_from_response(a, res);
    a.body = std::move(reply);
  } else {
    fill_error(a, ok ? httplib::Error::Read : err, fired, too_big, impl_->s);
  }
  return a;
}

void Client::stop() { impl_->http->stop(); }

// [SECTION] 4. one pass -------------------------------------------------------------

Result<PassReport> run_pass(outbox::Outbox& box, const Settings& s,
                            const std::function<void(Client*)>& abort_client,
                            const std::atomic<bool>* cancel, const std::string& form_note) {
  PassReport rep;
  rep.run.started_at = s.clock();
  std::mt19937_64 rng(std::random_device{}());
  std::uniform_real_distribution<double> uni(0.0, 1.0);
  const auto jitter = [&] { return s.jitter ? s.jitter() : uni(rng); };

  const auto previous = box.last_sync_run();
  const auto finish = [&](Outcome outcome, std::string message) -> Result<PassReport> {
    if (abort_client) abort_client(nullptr);
    rep.run.finished_at = s.clock();
    bool keep = outcome != Outcome::nothing_to_do;
    if (!form_note.empty() && (outcome == Outcome::ok || outcome == Outcome::nothing_to_do)) {
      message = outcome == Outcome::nothing_to_do ? form_note : message + "; " + form_note;
      // An idle pass with the same refusal as the last kept one adds nothing.
      keep = keep || !(previous && previous->has_value() && (*previous)->outcome == Outcome::form_refused &&
                       (*previous)->message == message);
      outcome = Outcome::form_refused;
    }
    rep.run.outcome = outcome;
    rep.run.message = std::move(message);
    // An idle pass is not kept: "last sync" stays the last one that did something.
    if (keep)
      if (auto st = box.record_sync_run(rep.run); !st) return st.error();
    return rep;
  };

  auto due = box.next_due_at();
  if (!due) return due.error();
  const bool was_offline = previous && previous->has_value() && (*previous)->outcome == Outcome::offline;
  // Nothing due yet (records in their backoff): no pass, so that "last sync"
  // keeps saying why they wait (e.g. the form is closed), not "0 sent".
  if ((!due->has_value() || **due > s.clock()) && !was_offline)
    return finish(Outcome::nothing_to_do,
                  due->has_value() ? "no record is due yet (records wait for their next try; "
                                     "staff's Send records now sends them at once)"
                                   : "no record is waiting");

  Client client(s);
  if (abort_client) abort_client(&client);

  const Classified pre = classify_preflight(client.preflight());
  if (pre.verdict != Verdict::sent) return finish(pre.outcome, pre.message);
  if (was_offline) {
    // The network is back: records that failed only because the server was
    // unreachable should not sit out the rest of their backoff.
    if (auto woke = box.wake_network_failures(s.clock()); !woke) return finish(Outcome::storage, woke.error().message);
  }

  // The pass's result: the problem that ended it, else the first refusal of
  // one record (the pass went on past it), else "rejected" if records need
  // staff, else "ok".
  std::optional<Outcome> stop_outcome, record_outcome;
  std::string stop_message, record_message;
  // Records are claimed kClaimBatch at a time (one fsync for the claim), and
  // the acknowledged ones of a batch are marked sent together when the batch
  // ends (one fsync), before the next claim and before the pass returns. A
  // record is only ever marked sent after the server acknowledged it; a kill
  // before the batch's mark leaves its acknowledged records "sending" with a
  // dead owner, which the next open or claim puts back in the queue: they are
  // resent byte-identical (the server acknowledges a resend again) and none
  // is lost. A kill thus costs at most kClaimBatch resends (sync.hpp).
  std::vector<outbox::Outbox::Ack> acked;  // acknowledged in this batch, not yet marked sent
  const auto mark_acked = [&]() -> Status {
    if (acked.empty()) return Ok{};
    Status st = box.mark_sent(acked, s.clock());
    acked.clear();
    return st;
  };
  // A storage failure ends the pass; the batch's acknowledgements are still
  // marked if the database lets us (else they are resent, see above).
  const auto storage_failed = [&](const std::string& why) {
    (void)mark_acked();
    return finish(Outcome::storage, why);
  };
  bool stop = false;
  std::set<int64_t> tried;  // a record retried in this pass is not claimed again in it
  while (!stop) {
    if (cancel && cancel->load()) {
      stop_outcome = Outcome::stopped;
      stop_message = "the sync was stopped (the kiosk is shutting down)";
      break;
    }
    auto claimed = box.claim_due(s.clock(), kClaimBatch);
    if (!claimed) return finish(Outcome::storage, claimed.error().message);
    if (claimed->empty()) break;
    bool fresh = false;
    for (size_t i = 0; i < claimed->size(); ++i) {
      outbox::Record& rec = (*claimed)[i];
      if (stop || (cancel && cancel->load()) || tried.count(rec.info.id)) {
        if (!stop && !tried.count(rec.info.id)) {
          stop_outcome = Outcome::stopped;
          stop_message = "the sync was stopped (the kiosk is shutting down)";
          stop = true;
        }
        if (auto st = box.release(rec.info.id); !st) return storage_failed(st.error().message);
        continue;
      }
      fresh = true;
      tried.insert(rec.info.id);

      RecordReport rr;
      rr.instance_id = rec.info.instance_id;
      rr.test = rec.info.test;
      rr.attempts = rec.info.attempts;

      // A record bigger than the server takes cannot be split further (it is
      // one encrypted file); sending it would only fail again and again.
      const int64_t body = static_cast<int64_t>(rec.sealed.manifest_xml.size() +
                                                rec.sealed.encrypted_xml.size()) + 1024;
      const int64_t limit = client.accept_content_length();
      Answer ans;
      if (limit > 0 && body > limit) ans.status = 413;
      else ans = client.submit(rec.sealed);
      const Classified c = classify_submission(ans);
      rr.http_status = ans.status;
      rr.message = c.message;
      Status st = Ok{};
      switch (c.verdict) {
        case Verdict::sent:
          acked.push_back({rec.info.id, ans.status});  // marked when the batch ends
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
      rep.records.push_back(std::move(rr));
      if (!st) return storage_failed(st.error().message);
      if (c.stop_pass) {
        stop = true;
        stop_outcome = c.outcome;
        stop_message = c.message;
      } else if (c.verdict != Verdict::sent && c.outcome != Outcome::rejected && !record_outcome) {
        record_outcome = c.outcome;
        record_message = c.message;
      } else if (c.verdict == Verdict::permanent && record_message.empty()) {
        record_message = c.message;
      }
    }
    if (auto st = mark_acked(); !st) return finish(Outcome::storage, st.error().message);
    if (!fresh) break;  // only records already tried in this pass were due
  }
  if (stop_outcome) return finish(*stop_outcome, stop_message);
  std::string message = std::to_string(rep.run.sent) + " sent";
  if (rep.run.retry > 0) message += ", " + std::to_string(rep.run.retry) + " waiting";
  if (rep.run.failed_permanent > 0)
    message += ", " + std::to_string(rep.run.failed_permanent) + " need staff";
  if (!record_message.empty()) message += "; " + record_message;
  if (record_outcome) return finish(*record_outcome, message);
  return finish(rep.run.failed_permanent > 0 ? Outcome::rejected : Outcome::ok, message);
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
    if (abort_look_) abort_look_();
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
  bool looked = false;     // before_pass_ ran at least once
  int64_t last_look = 0;   // when (settings_.clock)
  std::string form_note;   // its last sentence, carried by every pass until the next look
  for (;;) {
    bool kicked = false;
    {
      std::lock_guard lock(mu_);
      if (stop_) return;
      kicked = kick_;
      kick_ = false;
      snap_.busy = true;
    }
    if (before_pass_) {
      const int64_t now = settings_.clock();
      if (!looked || kicked || now - last_look >= settings_.poll_interval.count()) {
        form_note = before_pass_(settings_, [this](std::function<void()> abort) {
          std::lock_guard lock(mu_);
          abort_look_ = std::move(abort);
          if (abort_look_ && stop_) abort_look_();
        });
        looked = true;
        last_look = now;
      }
    }
    auto rep = run_pass(box_, settings_, [this](Client* c) {
      std::lock_guard lock(mu_);
      in_flight_ = c;
      if (c && stop_) c->stop();
    }, &cancel_, form_note);
    if (settings_.retention_days >= 0 && rep && rep->run.sent > 0) {
      if (auto purged = box_.purge(settings_.clock(), settings_.retention_days); !purged) {
        std::lock_guard lock(mu_);
        snap_.last_storage_error = purged.error().message;
      }
    }
    // When to look again: when the next record is due, but at least every
    // poll_interval while records wait (the network may come back).
    milliseconds wait = settings_.poll_interval;
    Outcome outcome = Outcome::unknown;
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
      if (outcome != Outcome::ok && outcome != Outcome::rejected) wait = settings_.poll_interval;
    }
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, wait, [this] { return stop_ || kick_; });
    if (stop_) return;
  }
}

}  // namespace kiosk::sync
