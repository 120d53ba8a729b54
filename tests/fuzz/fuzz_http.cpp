// The OpenRosa client fed a whole HTTP reply: the input is the raw bytes a
// server sends back (status line, headers, body; chunked or not, cut short
// or not). A loopback server in this process answers the kiosk's real
// sync::Client with them, once for the HEAD preflight and once for the POST
// of a sealed submission, so that cpp-httplib's response parser, the bounded
// reply receiver, fill_from_response and the classification
// (classify_preflight/submission, parse_server_reply, the Accept limit) all
// read it. Invariants: no crash, no hang (the request time limit holds), and
// a classification for every answer (an outcome and a sentence for staff).
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

#include "fuzz_common.hpp"
#include "loopback_settings.hpp"
#include "sync/sync.hpp"

namespace {

// One connection at a time: reads a request (headers, then Content-Length
// bytes), writes the current reply, closes.
class ReplyServer {
 public:
  ReplyServer() {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) std::abort();
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(fd_, 8) != 0) std::abort();
    socklen_t len = sizeof a;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
    port_ = ntohs(a.sin_port);
    std::thread([this] { loop(); }).detach();  // lives as long as the process
  }
  int port() const { return port_; }
  void set_reply(std::string r) {
    std::lock_guard l(m_);
    reply_ = std::move(r);
  }

 private:
  void loop() {
    for (;;) {
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) continue;
      timeval tv{1, 0};
      ::setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      ::setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
      serve(c);
      ::close(c);
    }
  }
  static size_t content_length(const std::string& head) {
    std::string lower(head);
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    const auto at = lower.find("\r\ncontent-length:");
    return at == std::string::npos ? 0 : std::strtoul(lower.c_str() + at + 17, nullptr, 10);
  }
  void serve(int c) {
    std::string in;
    char buf[16384];
    size_t head_end = std::string::npos;
    while (head_end == std::string::npos) {
      const ssize_t n = ::recv(c, buf, sizeof buf, 0);
      if (n <= 0) return;
      in.append(buf, static_cast<size_t>(n));
      head_end = in.find("\r\n\r\n");
      if (in.size() > (1u << 20)) return;
    }
    const size_t want = head_end + 4 + content_length(in.substr(0, head_end + 2));
    while (in.size() < want) {
      const ssize_t n = ::recv(c, buf, sizeof buf, 0);
      if (n <= 0) return;
      in.append(buf, static_cast<size_t>(n));
    }
    std::string reply;
    {
      std::lock_guard l(m_);
      reply = reply_;
    }
    size_t sent = 0;
    while (sent < reply.size()) {
      const ssize_t n = ::send(c, reply.data() + sent, reply.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<size_t>(n);
    }
    ::shutdown(c, SHUT_WR);
  }

  int fd_ = -1;
  int port_ = 0;
  std::mutex m_;
  std::string reply_;
};

void check(const kiosk::sync::Classified& c, const char* what) {
  if (c.outcome == kiosk::sync::Outcome::unknown || c.message.empty()) {
    std::fprintf(stderr, "fuzz_http: the %s answer has no outcome or no sentence for staff\n", what);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static ReplyServer* server = new ReplyServer();
  server->set_reply(std::string(fuzz::as_view(data, size)));
  // The unit tests' loopback settings; the reply is the fuzzer's whatever the path asks.
  auto s = odk_test::loopback_settings("http://127.0.0.1:" + std::to_string(server->port()));
  s.kind = (size > 0 && (data[size - 1] & 1)) ? "kobo" : "central";
  s.device_id = "fuzz-site";
  s.read_timeout = std::chrono::milliseconds(1000);
  s.total_timeout = std::chrono::milliseconds(3000);
  kiosk::sync::Client client(s);
  const auto head = client.preflight();
  check(kiosk::sync::classify_preflight(head), "HEAD");
  (void)kiosk::sync::parse_server_reply(head.body);
  kiosk::seal::SealedSubmission sub;
  sub.instance_id = "uuid:00000000-0000-4000-8000-000000000000";
  sub.form = {"asylum_petition", "1"};
  sub.manifest_xml = "<data id=\"asylum_petition\" version=\"1\"/>";
  sub.encrypted_xml = std::string(64, '\x5a');
  const auto post = client.submit(sub);
  check(kiosk::sync::classify_submission(post), "POST");
  (void)kiosk::sync::parse_server_reply(post.body);
  (void)kiosk::sync::parse_accept_limit(post.accept_content_length);
  (void)client.accept_content_length();
  return 0;
}
