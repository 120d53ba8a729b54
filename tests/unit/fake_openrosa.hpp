// Test-only loopback OpenRosa server (ODK Central-like) on 127.0.0.1 with an
// ephemeral port. It decrypts every submission with the test private key,
// checks it (or, with verify_on_receipt = false, only reads its manifest and
// leaves the decryption to verify_stored(), as a benchmark does after its
// timer stops), stores it by instanceID like Central (identical resend -> 201
// again, different XML -> 409 with Central's XML message), and can be
// scripted to misbehave: 500s, captive-portal 200s, slow answers, answers
// after the client gave up, 409, 401, redirects, Central's refusals (closed
// form 409.2, unknown version 404.6, no such form 404.1, revoked app user
// 403.1, as Central's submission endpoint words them in OpenRosa XML), a
// reply trickled byte by byte, a huge reply. It notes the client port of
// every request (one port = one keep-alive connection) and the deviceID.
// A KoboToolbox-like /submission route takes "Authorization: Token ...". A second, raw TCP server answers HEAD with 204 and
// resets the connection on POST (SO_LINGER 0).
#pragma once

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "odk_decrypt.hpp"

namespace odk_test {

enum class Fault {
  none,                 // store, 201 + OpenRosaResponse
  accept202,            // store, 202 + OpenRosaResponse
  error500,             // 500, nothing stored
  captive200,           // 200 HTML login page, nothing stored
  created_no_body,      // 201 without an OpenRosaResponse (a wrong endpoint)
  redirect302,          // 302 to a login page
  slow,                 // sleep slow_ms, then store + 201
  store_then_hang,      // store, then sleep hang_ms (past the client's timeout), then 201
  conflict409,          // 409
  unauthorized401,      // 401
  too_large413,         // 413
  closed409,            // Central 409.2: form not accepting submissions
  unknown_version404,   // Central 404.6: form version unknown
  no_form404,           // Central 404.1: no such form
  revoked403,           // Central 403.1: app user revoked / not assigned
  bad_request400,       // Central 400: a malformed submission
  trickle,              // store, then 201 whose body comes one byte per trickle_ms
  huge_reply,           // store, then 201 with a huge_bytes body
};

// Central's OpenRosa error reply (lib/formats/openrosa.js).
inline std::string central_xml_error(const std::string& message) {
  return "<OpenRosaResponse xmlns=\"http://openrosa.org/http/response\" items=\"0\">\n"
         "    <message nature=\"error\">" + message + "</message>\n  </OpenRosaResponse>";
}

// Central's refusal of a submission: `status` with its OpenRosa XML message.
inline void central_refusal(httplib::Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(central_xml_error(message), "text/xml");
}

class FakeCentral {
 public:
  struct Stored {
    std::string manifest, enc, xml;
    int acks = 0;  // 201/202 answers given for this instanceID
  };

  // port 0: an ephemeral port; else that port (to bring a server "back").
  explicit FakeCentral(int fixed_port = 0) {
    // httplib 0.11 routes HEAD to the GET handlers (and drops the body).
    srv_.Get(R"(/v1/key/([^/]+)/projects/(\d+)/submission)", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard l(mu_);
      if (req.method != "HEAD") {
        res.status = 405;
        return;
      }
      ++heads;
      client_ports.push_back(req.remote_port);
      if (!check_auth(req, res)) return;
      res.status = head_status;
      res.set_header("X-OpenRosa-Version", "1.0");
      res.set_header("X-OpenRosa-Accept-Content-Length", "10485760");
      if (!head_location.empty()) res.set_header("Location", head_location);
      if (head_status == 200) res.set_content("<html>Please log in to the Wi-Fi</html>", "text/html");
    });
    // OpenRosa formList and the form download (served_xform), like Central's.
    srv_.Get(R"(/v1/key/([^/]+)/projects/(\d+)/formList)", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard l(mu_);
      ++form_lists;
      if (req.matches[1] != token) {
        res.status = 403;
        res.set_content(R"({"code":403.1,"message":"The authentication you provided does not have rights to perform that action."})",
                        "application/json");
        return;
      }
      res.set_content("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xforms xmlns=\"http://openrosa.org/xforms/xformsList\">"
                      "<xform><formID>other_form</formID><version>1</version><hash>md5:0</hash>"
                      "<downloadUrl>http://central.invalid/v1/key/" + token + "/projects/1/forms/other_form.xml</downloadUrl></xform>"
                      "<xform><formID>asylum_petition</formID><version>" + served_version() +
                      "</version><hash>md5:" + kiosk::seal::md5_hex(served_xform) + "</hash>"
                      "<downloadUrl>http://central.invalid/v1/key/" + token + "/projects/1/forms/asylum_petition.xml</downloadUrl></xform>"
                      "</xforms>", "text/xml");
    });
    srv_.Get(R"(/v1/key/([^/]+)/projects/(\d+)/forms/asylum_petition.xml)", [this](const httplib::Request&, httplib::Response& res) {
      std::lock_guard l(mu_);
      ++form_downloads;
      res.set_content(served_xform, "text/xml");
    });
    // KoboToolbox kc: /submission with "Authorization: Token <token>".
    srv_.Get("/submission", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard l(mu_);
      ++heads;
      res.status = req.get_header_value("Authorization") == "Token " + token ? 204 : 401;
    });
    srv_.Post("/submission", [this](const httplib::Request& req, httplib::Response& res) {
      if (req.get_header_value("Authorization") != "Token " + token) {
        std::lock_guard l(mu_);
        ++posts;
        res.status = 401;
        return;
      }
      handle_post(req, res);
    });
    srv_.Post(R"(/v1/key/([^/]+)/projects/(\d+)/submission)", [this](const httplib::Request& req, httplib::Response& res) {
      handle_post(req, res);
    });
    srv_.new_task_queue = [] { return new httplib::ThreadPool(4); };
    srv_.set_keep_alive_max_count(100000);
    srv_.set_tcp_nodelay(true);  // like Node (Central): no Nagle stalls on a kept-alive connection
    srv_.set_keep_alive_timeout(2);
    if (fixed_port == 0) {
      port = srv_.bind_to_any_port("127.0.0.1");  // loopback only
    } else {
      port = fixed_port;
      if (!srv_.bind_to_port("127.0.0.1", fixed_port)) throw std::runtime_error("port busy");
    }
    thread_ = std::thread([this] { srv_.listen_after_bind(); });
    while (!srv_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FakeCentral() {
    srv_.stop();
    thread_.join();
  }
  FakeCentral(const FakeCentral&) = delete;
  FakeCentral& operator=(const FakeCentral&) = delete;

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }

  // Faults for the next POSTs, in order; afterwards `fallback`.
  void script(std::initializer_list<Fault> faults) {
    std::lock_guard l(mu_);
    for (Fault f : faults) script_.push_back(f);
  }
  void set_fallback(Fault f) {
    std::lock_guard l(mu_);
    fallback_ = f;
  }
  void serve_form(const std::string& xform) {
    std::lock_guard l(mu_);
    served_xform = xform;
  }
  int form_downloads_count() const { return locked(form_downloads); }
  int form_lists_count() const { return locked(form_lists); }
  void set_head_status(int s) {
    std::lock_guard l(mu_);
    head_status = s;
  }
  // A random fault per POST with probability p (seeded), else `none`.
  void set_random_faults(double p, unsigned seed, std::vector<Fault> kinds) {
    std::lock_guard l(mu_);
    random_p_ = p;
    rng_.seed(seed);
    random_kinds_ = std::move(kinds);
  }

  std::map<std::string, Stored> stored() const { return locked(stored_); }
  std::vector<std::string> problems() const { return locked(problems_); }
  int posts_count() const { return locked(posts); }
  int duplicate_count() const { return locked(duplicates); }
  int conflict_count() const { return locked(conflicts); }
  std::vector<int> ports() const { return locked(client_ports); }
  std::vector<std::string> device_ids() const { return locked(device_ids_); }
  // Called (without the server's lock) at the start of each POST.
  std::function<void()> on_post;
  // Sets on_post under the server's lock (each POST copies it under that
  // lock): for a test whose POSTs come from another process, whose
  // connection gives ThreadSanitizer no order between this write and the
  // server thread's read.
  void set_on_post(std::function<void()> f) {
    std::lock_guard l(mu_);
    on_post = std::move(f);
  }

  // false: a POST only parses the manifest (instanceID, conflicts by bytes)
  // and stores the raw parts; verify_stored() then decrypts and checks each.
  // Set before the first POST.
  bool verify_on_receipt = true;
  // Decrypts and checks every stored submission not yet checked (fills its
  // xml); each failure is added to problems(). Returns how many failed.
  int verify_stored() {
    std::lock_guard l(mu_);
    int bad = 0;
    for (auto& [id, st] : stored_) {
      if (!st.xml.empty()) continue;
      std::string why;
      auto opened = open_any(st.manifest, st.enc);
      if (!opened.ok || !opened.signature_ok) why = "cannot open a submission: " + opened.why;
      else if (opened.info.instance_id != id) why = "a stored submission's manifest does not carry its instanceID";
      else if (opened.xml.find("instanceID>" + id + "</") == std::string::npos)
        why = "decrypted XML does not carry the manifest's instanceID";
      if (!why.empty()) {
        problems_.push_back(why);
        ++bad;
        continue;
      }
      st.xml = std::move(opened.xml);
    }
    return bad;
  }

  int port = 0;
  std::string token = "testtoken";
  int head_status = 204;
  int slow_ms = 300;
  int hang_ms = 1200;
  int heads = 0;  // guarded by mu_
  std::string head_location;
  std::string served_xform;  // what the form download serves (guarded by mu_); formList lists its version and md5
  int form_downloads = 0;
  int form_lists = 0;        // formList requests
  // Private keys tried (after the demo office's) to open submissions: a
  // test's own office key, e.g. the one in a served form.
  std::vector<EVP_PKEY*> extra_keys;
  int trickle_ms = 100;
  int trickle_bytes = 100;
  size_t huge_bytes = 8u * 1024 * 1024;
  std::vector<int> client_ports;  // guarded by mu_

 private:
  // A copy of a member the handlers write, taken under the server's lock.
  template <class T>
  T locked(const T& member) const {
    std::lock_guard l(mu_);
    return member;
  }

  bool check_auth(const httplib::Request& req, httplib::Response& res) {
    if (req.matches.size() > 1 && req.matches[1] != token) {  // Central's /v1/key/<token>/...
      res.status = 403;
      return false;
    }
    if (req.get_header_value("X-OpenRosa-Version") != "1.0") {
      problems_.push_back("missing X-OpenRosa-Version: 1.0");
      res.status = 400;
      return false;
    }
    return true;
  }

  // The version attribute of the served form's first element with an id (its instance root).
  std::string served_version() const {
    const auto root = served_xform.find(" id=\"asylum_petition\"");
    if (root == std::string::npos) return "x";
    const auto v = served_xform.find("version=\"", root);
    const auto end = v == std::string::npos ? v : served_xform.find('"', v + 9);
    if (end == std::string::npos) return "x";
    return served_xform.substr(v + 9, end - v - 9);
  }

  // Opens a submission with the demo key or one of extra_keys.
  Opened open_any(const std::string& manifest, const std::string& enc) const {
    auto o = open_submission(manifest, enc);
    for (size_t i = 0; i < extra_keys.size() && (!o.ok || !o.signature_ok); ++i)
      o = open_submission(manifest, enc, extra_keys[i]);
    return o;
  }

  static void ack(httplib::Response& res, int status) {
    res.status = status;
    res.set_header("X-OpenRosa-Version", "1.0");
    res.set_content(
        "<OpenRosaResponse xmlns=\"http://openrosa.org/http/response\"><message nature=\"\">full "
        "submission upload was successful!</message></OpenRosaResponse>",
        "text/xml");
  }

  // Checks and stores; returns false (and sets res) if the submission is bad
  // or conflicts.
  bool store(const httplib::Request& req, httplib::Response& res, std::string& instance_id) {
    if (!req.is_multipart_form_data() || !req.has_file("xml_submission_file") ||
        !req.has_file("submission.xml.enc")) {
      problems_.push_back("not a multipart submission with xml_submission_file + submission.xml.enc");
      res.status = 400;
      return false;
    }
    const auto manifest = req.get_file_value("xml_submission_file").content;
    const auto enc = req.get_file_value("submission.xml.enc").content;
    Opened opened;
    if (verify_on_receipt) {
      opened = open_any(manifest, enc);
      if (!opened.ok || !opened.signature_ok) {
        problems_.push_back("cannot open a submission: " + opened.why);
        res.status = 400;
        return false;
      }
      if (opened.xml.find("instanceID>" + opened.info.instance_id + "</") == std::string::npos) {
        problems_.push_back("decrypted XML does not carry the manifest's instanceID");
        res.status = 400;
        return false;
      }
    } else {  // the manifest only; verify_stored() decrypts later
      auto info = kiosk::seal::parse_manifest(manifest);
      if (!info || !kiosk::seal::valid_instance_id(info->instance_id)) {
        problems_.push_back("cannot read a submission's manifest");
        res.status = 400;
        return false;
      }
      opened.info = *info;
    }
    instance_id = opened.info.instance_id;
    auto it = stored_.find(opened.info.instance_id);
    if (it != stored_.end()) {
      if (it->second.manifest != manifest || it->second.enc != enc) {
        ++conflicts;
        central_refusal(res, 409, "A submission already exists with this ID, but with different XML. "
                                  "Resubmissions to attach additional multimedia must resubmit an "
                                  "identical xml_submission_file.");
        return false;
      }
      ++duplicates;
      return true;
    }
    stored_[opened.info.instance_id] = Stored{manifest, enc, opened.xml, 0};
    return true;
  }

  void handle_post(const httplib::Request& req, httplib::Response& res) {
    std::function<void()> hook;
    {
      std::lock_guard l(mu_);
      hook = on_post;
    }
    if (hook) hook();
    Fault f;
    std::string id;  // the stored submission's instanceID
    {
      std::lock_guard l(mu_);
      ++posts;
      client_ports.push_back(req.remote_port);
      device_ids_.push_back(req.has_param("deviceID") ? req.get_param_value("deviceID") : std::string("(none)"));
      if (!check_auth(req, res)) return;
      if (!script_.empty()) {
        f = script_.front();
        script_.pop_front();
      } else if (random_p_ > 0 && std::uniform_real_distribution<double>(0, 1)(rng_) < random_p_) {
        f = random_kinds_[std::uniform_int_distribution<size_t>(0, random_kinds_.size() - 1)(rng_)];
      } else {
        f = fallback_;
      }
      switch (f) {
        case Fault::error500: res.status = 500; res.set_content("Internal Server Error", "text/plain"); return;
        case Fault::captive200: res.status = 200; res.set_content("<html>Wi-Fi login</html>", "text/html"); return;
        case Fault::created_no_body: res.status = 201; res.set_content("created", "text/plain"); return;
        case Fault::redirect302: res.status = 302; res.set_header("Location", "http://login.example/"); return;
        case Fault::conflict409: res.status = 409; return;  // scripted, not a real conflict
        case Fault::unauthorized401: res.status = 401; return;
        case Fault::too_large413: res.status = 413; return;
        case Fault::closed409:
          return central_refusal(res, 409, "This form is not currently accepting submissions. Please talk to "
                                           "your program staff if this is unexpected.");
        case Fault::unknown_version404:
          return central_refusal(res, 404, "The form version specified in this submission '2026112101' does not exist.");
        case Fault::no_form404:
          return central_refusal(res, 404, "Could not find the resource you were looking for.");
        case Fault::revoked403:
          return central_refusal(res, 403, "The authentication you provided does not have rights to perform that action.");
        case Fault::bad_request400:
          return central_refusal(res, 400, "A problem occurred while parsing the submission &amp; its XML.");
        default: break;
      }
      if (f != Fault::slow && !store(req, res, id)) return;
    }
    if (f == Fault::slow) {
      std::this_thread::sleep_for(std::chrono::milliseconds(slow_ms));
      std::lock_guard l(mu_);
      if (!store(req, res, id)) return;
    }
    if (f == Fault::store_then_hang) std::this_thread::sleep_for(std::chrono::milliseconds(hang_ms));
    std::lock_guard l(mu_);
    ++stored_[id].acks;
    ack(res, f == Fault::accept202 ? 202 : 201);
    if (f == Fault::trickle) {
      const int delay = trickle_ms, n = trickle_bytes;
      // n spaces, one per `delay` ms, then the acknowledgement: complete and
      // valid for a client that waits 100 x delay.
      std::string body = std::string(static_cast<size_t>(n), ' ') + res.body;
      res.body.clear();  // httplib sends a non-empty body instead of the provider
      res.set_chunked_content_provider("text/xml", [delay, body, sent = size_t{0}](size_t, httplib::DataSink& sink) mutable {
        if (sent >= body.size()) {
          sink.done();
          return true;
        }
        if (body[sent] == ' ') std::this_thread::sleep_for(std::chrono::milliseconds(delay));
        const size_t chunk = body[sent] == ' ' ? 1 : body.size() - sent;
        const bool ok = sink.write(body.data() + sent, chunk);
        sent += chunk;
        return ok;
      });
    } else if (f == Fault::huge_reply) {
      res.set_content("<OpenRosaResponse>" + std::string(huge_bytes, ' ') + "</OpenRosaResponse>", "text/xml");
    }
  }

  httplib::Server srv_;
  std::thread thread_;
  mutable std::mutex mu_;
  std::deque<Fault> script_;
  Fault fallback_ = Fault::none;
  double random_p_ = 0;
  std::mt19937 rng_;
  std::vector<Fault> random_kinds_;
  std::map<std::string, Stored> stored_;
  std::vector<std::string> problems_;
  std::vector<std::string> device_ids_;
  int posts = 0, duplicates = 0, conflicts = 0;
};

// Raw TCP server on 127.0.0.1: HEAD -> 204; POST -> reads the headers, then
// resets the connection (RST) without answering.
class ResetServer {
 public:
  ResetServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    a.sin_port = 0;
    ::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
    ::listen(fd_, 16);
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
    thread_ = std::thread([this] { loop(); });
  }
  ~ResetServer() {
    stop_ = true;
    ::shutdown(fd_, SHUT_RDWR);
    ::close(fd_);
    thread_.join();
  }
  ResetServer(const ResetServer&) = delete;
  ResetServer& operator=(const ResetServer&) = delete;
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
  int port = 0;
  std::atomic<int> resets{0};

 private:
  void loop() {
    while (!stop_) {
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) return;
      std::string req;
      char buf[4096];
      while (req.find("\r\n\r\n") == std::string::npos) {
        const ssize_t n = ::recv(c, buf, sizeof buf, 0);
        if (n <= 0) break;
        req.append(buf, static_cast<size_t>(n));
      }
      if (req.rfind("HEAD", 0) == 0) {
        const std::string r = "HTTP/1.1 204 No Content\r\nX-OpenRosa-Version: 1.0\r\nConnection: close\r\n\r\n";
        ::send(c, r.data(), r.size(), MSG_NOSIGNAL);
        ::close(c);
        continue;
      }
      linger lg{1, 0};
      ::setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
      ::close(c);  // RST
      ++resets;
    }
  }
  int fd_ = -1;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// A loopback port with nothing listening (bound, then closed).
inline int unused_port() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  ::close(fd);
  return ntohs(a.sin_port);
}

}  // namespace odk_test
