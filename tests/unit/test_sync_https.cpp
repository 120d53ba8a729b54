// https: Debian's cpp-httplib is built with OpenSSL, so the kiosk's client
// speaks TLS and verifies the server certificate (chain and host name).
// A loopback SSLServer with a throwaway self-signed certificate for
// 127.0.0.1: accepted with sync.ca_file naming it, refused without.
#include <catch2/catch.hpp>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "fake_openrosa.hpp"
#include "outbox_fixtures.hpp"

namespace {

struct SelfSigned {
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  SelfSigned() {
    key = EVP_RSA_gen(2048);
    cert = X509_new();
    X509_set_version(cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, key);
    X509_NAME* name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
    X509_set_issuer_name(cert, name);
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    for (auto [nid, value] : {std::pair{NID_subject_alt_name, "IP:127.0.0.1"},
                              std::pair{NID_basic_constraints, "critical,CA:TRUE"}}) {
      X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
      X509_add_ext(cert, ext, -1);
      X509_EXTENSION_free(ext);
    }
    X509_sign(cert, key, EVP_sha256());
  }
  ~SelfSigned() {
    X509_free(cert);
    EVP_PKEY_free(key);
  }
  SelfSigned(const SelfSigned&) = delete;
  SelfSigned& operator=(const SelfSigned&) = delete;
};

}  // namespace

TEST_CASE("https: the server certificate is verified, sync.ca_file makes a private CA work", "[sync][https]") {
  SelfSigned ss;
  const auto dir = odk_test::fresh_dir("https");
  const std::string ca = (dir / "office-ca.pem").string();
  {
    FILE* f = std::fopen(ca.c_str(), "w");
    PEM_write_X509(f, ss.cert);
    std::fclose(f);
  }
  httplib::SSLServer srv(ss.cert, ss.key);
  REQUIRE(srv.is_valid());
  std::mutex mu;
  int stored = 0;
  srv.Get(R"(/v1/key/testtoken/projects/1/submission)", [](const httplib::Request&, httplib::Response& res) {
    res.status = 204;
  });
  srv.Post(R"(/v1/key/testtoken/projects/1/submission)", [&](const httplib::Request& req, httplib::Response& res) {
    auto o = odk_test::open_submission(req.get_file_value("xml_submission_file").content,
                                       req.get_file_value("submission.xml.enc").content);
    std::lock_guard l(mu);
    if (o.ok) ++stored;
    res.status = 201;
    res.set_content("<OpenRosaResponse xmlns=\"http://openrosa.org/http/response\"/>", "text/xml");
  });
  const int port = srv.bind_to_any_port("127.0.0.1");
  std::thread th([&] { srv.listen_after_bind(); });
  while (!srv.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));

  auto box = kiosk::outbox::Outbox::open(dir / "data").value();
  odk_test::enqueue_one(*box);
  std::string url = "https://127.0.0.1:";
  url += std::to_string(port);
  auto s = odk_test::loopback_settings(url);
  // Without the CA: the system store does not know this certificate.
  auto rep = kiosk::sync::run_pass(*box, s).value();
  CHECK(rep.run.outcome == kiosk::sync::Outcome::tls);  // named as such, not "offline"
  CHECK(rep.run.message.find("the server's certificate is not trusted: set sync.ca_file or fix the certificate") !=
        std::string::npos);
  CHECK(box->counts()->queued == 1);
  // With it: sent over TLS.
  s.ca_file = ca;
  rep = kiosk::sync::run_pass(*box, s).value();
  CHECK(rep.run.sent == 1);
  srv.stop();
  th.join();
  CHECK(stored == 1);
}
