// Sync the way ODK Central offices run it (issue 17), against the loopback
// fake: Central's own reasons parsed and quoted; a closed form or an unknown
// version keeps records queued and does not block the records behind; only a
// real instanceID conflict needs staff; staff's "Send records now" retries;
// one keep-alive connection per pass; deviceID; a batch's acknowledged
// records are marked sent before the next claim; a trickled or huge reply cannot hang or
// bloat a pass; redirects and untrusted certificates named as such; the Kobo
// token header; the server_url checks; the XForm version; odk/forms/ on USB.
#include <catch2/catch.hpp>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <fstream>
#include <sstream>
#include <set>

#include "base/paths.hpp"
#include "config/config.hpp"
#include "fake_openrosa.hpp"
#include "form/xform.hpp"
#include "outbox/transfer.hpp"
#include "outbox_fixtures.hpp"
#include "sync_rig.hpp"
#include "sync/server_form.hpp"
#include "sync/sync.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<std::string> enqueue_ids(Outbox& box, int n) {
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) ids.push_back(odk_test::enqueue_one(box, "Person " + std::to_string(i)));
  return ids;
}

ks::Answer answer(int status, std::string body = {}) {
  ks::Answer a;
  a.status = status;
  a.body = std::move(body);
  return a;
}

}  // namespace

TEST_CASE("Central's reasons are read from its JSON problems and OpenRosa XML replies", "[sync][central]") {
  auto w = ks::parse_server_reply(R"({"code":409.2,"message":"This form is not currently accepting submissions."})");
  CHECK(w.code == "409.2");
  CHECK(w.message == "This form is not currently accepting submissions.");
  w = ks::parse_server_reply(R"({"code": 404.6, "message": "The form version specified in this submission 'x' does not exist.", "details": {}})");
  CHECK(w.code == "404.6");
  w = ks::parse_server_reply(odk_test::central_xml_error("A &lt;b&gt; &amp; &quot;c&quot;\n  second line"));
  CHECK(w.code.empty());
  CHECK(w.message == "A <b> & \"c\" second line");
  CHECK(ks::parse_server_reply("<html><body>Wi-Fi login</body></html>").message.empty());
  CHECK(ks::parse_server_reply(R"({"detail":"Invalid token."})").message == "Invalid token.");  // Kobo
  CHECK(ks::parse_server_reply("{not json").message.empty());
  const auto longer = ks::parse_server_reply(odk_test::central_xml_error(std::string(5000, 'x')));
  CHECK(longer.message.size() <= 303);
}

TEST_CASE("answers are classified by Central's code and words", "[sync][central]") {
  using odk_test::central_xml_error;
  // 409.2 closed form: stays queued, the pass goes on, Central's sentence quoted.
  auto c = ks::classify_submission(answer(409, central_xml_error("This form is not currently accepting submissions. "
                                                                 "Please talk to your program staff if this is unexpected.")));
  CHECK(c.verdict == ks::Verdict::retry);
  CHECK_FALSE(c.stop_pass);
  CHECK_FALSE(c.network);
  CHECK(c.outcome == ks::Outcome::form_closed);
  CHECK(c.message.find("not currently accepting submissions") != std::string::npos);
  CHECK(c.message.find("Open") != std::string::npos);
  CHECK(ks::classify_submission(answer(409, R"({"code":409.2,"message":"closed"})")).outcome == ks::Outcome::form_closed);
  // A real conflict: permanent.
  c = ks::classify_submission(answer(409, central_xml_error("A submission already exists with this ID, but with different XML.")));
  CHECK(c.verdict == ks::Verdict::permanent);
  CHECK(c.message.find("different XML") != std::string::npos);
  CHECK(ks::classify_submission(answer(409, R"({"code":409.3,"message":"A resource already exists with instanceId value(s) of uuid:1."})")).verdict ==
        ks::Verdict::permanent);
  CHECK(ks::classify_submission(answer(409)).verdict == ks::Verdict::permanent);  // OpenRosa's bare 409
  // 404.6 unknown version: record-level, not "check server_url".
  c = ks::classify_submission(answer(404, central_xml_error("The form version specified in this submission 'v9' does not exist.")));
  CHECK(c.verdict == ks::Verdict::retry);
  CHECK_FALSE(c.stop_pass);
  CHECK(c.outcome == ks::Outcome::config);
  CHECK(c.message.find("form version") != std::string::npos);
  CHECK(c.message.find("'v9' does not exist") != std::string::npos);
  CHECK(c.message.find("server_url") == std::string::npos);
  // 404.2 (no /v1 in the path): the address is wrong, the pass ends.
  c = ks::classify_submission(answer(404, R"({"code":404.2,"message":"Expected an API version (eg /v1) at the start of the request URL."})"));
  CHECK(c.verdict == ks::Verdict::stop_release);
  CHECK(c.message.find("sync.server_url") != std::string::npos);
  // 403.1 revoked app user: auth, Central's words.
  c = ks::classify_submission(answer(403, central_xml_error("The authentication you provided does not have rights to perform that action.")));
  CHECK(c.outcome == ks::Outcome::auth);
  CHECK(c.stop_pass);
  CHECK(c.message.find("does not have rights") != std::string::npos);
  CHECK(c.message.find("revoked") != std::string::npos);
  // A redirect is a redirect, with where it goes (its host only).
  ks::Answer r = answer(301);
  r.location = "https://central.example.org/v1/key/SECRET/projects/1/submission";
  c = ks::classify_submission(r);
  CHECK(c.outcome == ks::Outcome::redirect);
  CHECK(c.message.find("https://central.example.org") != std::string::npos);
  CHECK(c.message.find("SECRET") == std::string::npos);
  CHECK(c.message.find("captive") == std::string::npos);
  // An untrusted certificate is named, not "offline".
  ks::Answer t;
  t.tls_untrusted = true;
  t.transport = "SSLServerVerification";
  c = ks::classify_preflight(t);
  CHECK(c.outcome == ks::Outcome::tls);
  CHECK(c.message.find("the server's certificate is not trusted: set sync.ca_file or fix the certificate") !=
        std::string::npos);
}

TEST_CASE("a closed form keeps records queued, reopened, staff's Send now sends them", "[sync][central]") {
  SyncRig rig("central-closed");
  auto& [server, clock, box, s] = rig;
  const auto ids = enqueue_ids(*box, 3);
  server.set_fallback(Fault::closed409);
  auto rep = ks::run_pass(*box, s).value();
  CHECK(rep.run.outcome == ks::Outcome::form_closed);
  CHECK(rep.run.message.find("not currently accepting submissions") != std::string::npos);
  CHECK(server.posts_count() == 3);   // every record was tried: none waits behind another
  CHECK(rep.run.retry == 3);
  CHECK(rep.run.failed_permanent == 0);
  CHECK(box->counts()->queued == 3);  // not "failed (need staff)"
  for (const auto& id : ids) {
    auto info = box->find(id).value().value();
    CHECK(info.state == State::queued);
    CHECK(info.last_error.find("not currently accepting") != std::string::npos);
  }
  // The office reopens the form. Without staff the records come back after their backoff…
  server.set_fallback(Fault::none);
  const int posts = server.posts_count();
  CHECK(ks::run_pass(*box, s).value().run.outcome == ks::Outcome::nothing_to_do);
  CHECK(server.posts_count() == posts);
  CHECK(box->last_sync_run().value()->outcome == ks::Outcome::form_closed);  // still says why they wait
  // …with staff's "Send records now" at once.
  CHECK(box->make_waiting_due(clock.now).value() == 3);
  rep = ks::run_pass(*box, s).value();
  CHECK(rep.run.outcome == ks::Outcome::ok);
  CHECK(rep.run.sent == 3);
  CHECK(server.stored().size() == 3);
}

TEST_CASE("one bad record among good ones does not stop the others", "[sync][central]") {
  SyncRig rig("central-one-bad");
  auto& [server, clock, box, s] = rig;
  const auto ids = enqueue_ids(*box, 6);
  // Oldest first: 2nd unknown version, 4th malformed, 5th no such form.
  server.script({Fault::none, Fault::unknown_version404, Fault::none, Fault::bad_request400, Fault::no_form404,
                 Fault::none});
  auto rep = ks::run_pass(*box, s).value();
  CHECK(rep.run.sent == 3);
  CHECK(rep.run.retry == 2);
  CHECK(rep.run.failed_permanent == 1);
  CHECK(server.posts_count() == 6);
  CHECK(rep.run.outcome == ks::Outcome::config);
  CHECK(rep.run.message.find("3 sent, 2 waiting, 1 need staff") != std::string::npos);
  CHECK(box->find(ids[1]).value()->state == State::queued);
  CHECK(box->find(ids[1]).value()->last_error.find("form version") != std::string::npos);
  CHECK(box->find(ids[3]).value()->state == State::failed_permanent);
  CHECK(box->find(ids[3]).value()->last_error.find("parsing the submission & its XML") != std::string::npos);
  CHECK(box->find(ids[4]).value()->state == State::queued);
  // The cause fixed on the server, staff's Send now: requeue + due now, all go.
  CHECK(box->requeue_failed(clock.now).value() == 1);
  CHECK(box->make_waiting_due(clock.now).value() == 2);
  rep = ks::run_pass(*box, s).value();
  CHECK(rep.run.sent == 3);
  CHECK(box->counts()->sent == 6);
}

TEST_CASE("auth, 5xx and the network still end the pass", "[sync][central]") {
  SyncRig rig("central-stop");
  auto& [server, clock, box, s] = rig;
  enqueue_ids(*box, 3);
  auto rep = odk_test::auth_refused_pass(rig, Fault::revoked403, 3);
  CHECK(rep.run.message.find("does not have rights") != std::string::npos);
  CHECK(server.posts_count() == 1);
  server.script({Fault::error500});
  rep = ks::run_pass(*box, s).value();
  CHECK(rep.run.outcome == ks::Outcome::server);
  CHECK(server.posts_count() == 2);
}

TEST_CASE("one keep-alive connection per pass, deviceID sent, each batch's acks marked before the next claim",
          "[sync][central]") {
  SyncRig rig("central-keepalive", RigClock::real);
  auto& [server, clock, box, s] = rig;
  const int n = ks::kClaimBatch + 6;
  enqueue_ids(*box, n);
  s.device_id = "kiosk site/7";
  // When the server receives POST i (from 0), every record of the batches
  // before it is already "sent" on disk (the acks of a batch are committed
  // together when it ends), and none of its own batch is.
  std::vector<int> sent_at_post, expected;
  for (int i = 0; i < n; ++i) expected.push_back(i / ks::kClaimBatch * ks::kClaimBatch);
  Outbox* b = box.get();
  server.on_post = [&] { sent_at_post.push_back(b->counts().value().sent); };
  auto rep = ks::run_pass(*box, s).value();
  CHECK(rep.run.sent == n);
  CHECK(b->counts().value().sent == n);
  CHECK(sent_at_post == expected);
  const auto ports = server.ports();
  CHECK(ports.size() == static_cast<size_t>(n + 1));  // HEAD + n POSTs
  CHECK(std::set<int>(ports.begin(), ports.end()).size() == 1);
  for (const auto& d : server.device_ids()) CHECK(d == "kiosk site/7");
}

TEST_CASE("a reply trickled byte by byte ends at the total time limit, a huge reply is cut", "[sync][central]") {
  SyncRig rig("central-trickle");
  auto& [server, clock, box, s] = rig;
  server.trickle_ms = 100;
  server.trickle_bytes = 200;  // 20 s if nobody stopped it; each byte well within the read timeout
  enqueue_ids(*box, 2);
  s.read_timeout = std::chrono::milliseconds(1000);
  s.total_timeout = std::chrono::milliseconds(1500);
  server.script({Fault::trickle});
  const auto t0 = std::chrono::steady_clock::now();
  auto rep = ks::run_pass(*box, s).value();
  const auto took = std::chrono::steady_clock::now() - t0;
  CHECK(took < std::chrono::seconds(4));
  CHECK(rep.run.outcome == ks::Outcome::offline);
  CHECK(rep.run.message.find("time limit") != std::string::npos);
  CHECK(box->counts()->queued == 2);  // not acknowledged: will be resent (identical)

  server.huge_bytes = 8u * 1024 * 1024;
  server.script({Fault::huge_reply});
  clock.advance(24LL * 3600 * 1000);
  rep = ks::run_pass(*box, s).value();
  CHECK(rep.records.at(0).result == "retry");
  CHECK(rep.records.at(0).message.find("larger than") != std::string::npos);
  clock.advance(24LL * 3600 * 1000);
  rep = ks::run_pass(*box, s).value();
  CHECK(box->counts()->sent == 2);
  CHECK(server.conflict_count() == 0);
}

TEST_CASE("a redirecting preflight is reported as a redirect, nothing sent", "[sync][central]") {
  SyncRig rig("central-redirect", RigClock::real);
  auto& [server, clock, box, s] = rig;
  enqueue_ids(*box, 1);
  server.set_head_status(301);
  server.head_location = "https://central.example.org/v1/key/testtoken/projects/1/submission";
  auto rep = ks::run_pass(*box, s).value();
  CHECK(rep.run.outcome == ks::Outcome::redirect);
  CHECK(rep.run.message.find("https://central.example.org") != std::string::npos);
  CHECK(rep.run.message.find("testtoken") == std::string::npos);
  CHECK(server.posts_count() == 0);
  CHECK(box->find(box->list().value().at(0).instance_id).value()->attempts == 0);
}

TEST_CASE("KoboToolbox: the token goes in an Authorization: Token header", "[sync][central]") {
  SyncRig rig("central-kobo", RigClock::real);
  auto& [server, clock, box, s] = rig;
  enqueue_ids(*box, 2);
  s.kind = "kobo";
  s.auth = "token";
  s.secret = "wrongtoken";
  auto rep = ks::run_pass(*box, s).value();
  CHECK(rep.run.outcome == ks::Outcome::auth);
  CHECK(rep.run.message.find("wrongtoken") == std::string::npos);
  CHECK(server.posts_count() == 0);
  s.secret = "testtoken";
  rep = ks::run_pass(*box, s).value();
  CHECK(rep.run.sent == 2);
  CHECK(server.stored().size() == 2);
  CHECK(server.problems().empty());
}

TEST_CASE("sync.server_url: https except loopback, allow_insecure_http warned, /v1 caught", "[sync][central][config]") {
  using kiosk::sync_server_url_problem;
  CHECK(sync_server_url_problem("https://central.example.org", false).empty());
  CHECK(sync_server_url_problem("http://127.0.0.1:8383", false).empty());
  CHECK(sync_server_url_problem("http://localhost:8383/odk", false).empty());
  CHECK(sync_server_url_problem("http://[::1]:8383", false).empty());
  CHECK(sync_server_url_problem("http://central.example.org", false).find("unencrypted") != std::string::npos);
  CHECK(sync_server_url_problem("http://127.0.0.1.example.org", false).find("unencrypted") == std::string::npos);
  CHECK(sync_server_url_problem("http://10.0.0.5", true).empty());
  CHECK(sync_server_url_problem("https://central.example.org/v1", false).find("/v1") != std::string::npos);
  CHECK(sync_server_url_problem("https://central.example.org/v1/", false).find("/v1") != std::string::npos);
  CHECK(sync_server_url_problem("https://example.org/v1odk", false).empty());
  CHECK_FALSE(sync_server_url_problem("ftp://central.example.org", false).empty());

  const fs::path dir = odk_test::fresh_dir("central-config");
  fs::copy_file(fs::path(KIOSK_SOURCE_DIR) / "kiosk-config/demo-office-public.pem", dir / "key.pem");
  const auto write = [&](const std::string& sync) {
    std::ofstream(dir / "site.toml") << "[site]\nid = \"t\"\nkind = \"desp_office\"\noffice = \"desp-almaty\"\n"
                                        "[staff]\npin_hash = \"pbkdf2-sha256$1000$ZmljdGl0aW91cy1zYWx0IQ==$/bOA1KlQLBYixDlR773EOwczibh50Jiou6DypZx6XXw=\"\n"
                                        "[outbox]\ndata_dir = \"data\"\n[sync]\npublic_key_file = \"key.pem\"\n"
                                     << sync;
    kiosk::Config c;
    auto problems = kiosk::check_config(dir / "site.toml", c);
    return std::make_pair(problems, kiosk::config_warnings(c));
  };
  auto [p1, w1] = write("server_url = \"http://central.example.org\"\n");
  REQUIRE(p1.size() == 1);
  CHECK(p1[0].line == 11);  // the server_url line
  CHECK(p1[0].message.find("allow_insecure_http") != std::string::npos);
  auto [p2, w2] = write("server_url = \"http://central.example.org\"\nallow_insecure_http = true\n");
  CHECK(p2.empty());
  REQUIRE(w2.size() == 1);
  CHECK(w2[0].find("unencrypted") != std::string::npos);
  auto [p3, w3] = write("server_url = \"https://central.example.org/v1\"\n");
  REQUIRE(p3.size() == 1);
  CHECK(p3[0].message.find("without /v1") != std::string::npos);
  auto [p4, w4] = write("server_url = \"http://127.0.0.1:8383\"\n");
  CHECK(p4.empty());
  CHECK(w4.empty());
}

TEST_CASE("the XForm's version changes with the questions and with the key, USB export carries it",
          "[sync][central][xform]") {
  const auto dir = kiosk::data_dir();
  const fs::path keydir = odk_test::fresh_dir("central-otherkey");
  {
    EVP_PKEY* k = EVP_RSA_gen(2048);
    FILE* f = std::fopen((keydir / "other.pem").c_str(), "w");
    PEM_write_PUBKEY(f, k);
    std::fclose(f);
    EVP_PKEY_free(k);
  }
  auto other_key = kiosk::seal::OfficeKey::load_pem_file(keydir / "other.pem");
  REQUIRE(other_key.ok());
  const std::string key_a = odk_test::demo_key().base64_der();
  auto a = kiosk::load_server_form(dir, key_a).value();
  auto again = kiosk::load_server_form(dir, key_a).value();
  CHECK(a.form.version == again.form.version);  // deterministic
  // The form file's own version, then what the questions and key make of it.
  const std::string file_version = kiosk::load_form(dir / "assets/form/petition.toml").value().version;
  REQUIRE(file_version.size() == 10);
  CHECK(a.form.version.rfind(file_version + "-", 0) == 0);
  CHECK(a.xform.find("version=\"" + a.form.version + "\"") != std::string::npos);
  CHECK(a.xform.find("base64RsaPublicKey=\"" + key_a + "\"") != std::string::npos);
  // Another key: another version.
  auto tr = kiosk::Translations::load(dir / "locales").value();
  auto form = kiosk::load_form(dir / "assets/form/petition.toml").value();
  const std::string base = form.version;
  CHECK(kiosk::xform_version(form, tr, key_a) == a.form.version);
  CHECK(kiosk::xform_version(form, tr, "") != a.form.version);
  CHECK(kiosk::xform_version(form, tr, other_key->base64_der()) != a.form.version);
  // A changed question: another version.
  REQUIRE(!form.fields.empty());
  form.fields.back().required = !form.fields.back().required;
  CHECK(kiosk::xform_version(form, tr, key_a) != a.form.version);
  form.fields.pop_back();
  CHECK(kiosk::xform_version(form, tr, key_a) != a.form.version);
  CHECK(form.version == base);

  // Test records are complete instances of the same form, marked as tests.
  const std::string id = kiosk::seal::new_instance_id();
  const std::string t = kiosk::build_test_instance_xml(a.form, id, 3, "site-x", "2026-12-01T10:00:00Z");
  CHECK(t.find("<test_record>yes</test_record>") != std::string::npos);
  CHECK(t.find("<reference>TEST RECORD 3 - not a real petition</reference>") != std::string::npos);
  CHECK(t.find("version=\"" + a.form.version + "\"") != std::string::npos);
  CHECK(t.find("<" + a.form.fields.front().id) != std::string::npos);
  CHECK(t.find(id) != std::string::npos);

  // USB export writes the XForm into odk/forms/.
  auto box = open_box("central-export");
  odk_test::enqueue_one(*box);
  const fs::path usb = odk_test::fresh_dir("central-export-usb");
  auto rep = kiosk::outbox::export_records(*box, usb, "site-x", false, a.xform, a.file_name()).value();
  CHECK(rep.written == 1);
  std::ifstream in(usb / "odk/forms/asylum_petition.xml");
  std::stringstream ss;
  ss << in.rdbuf();
  CHECK(ss.str() == a.xform);
}

TEST_CASE("the form and key are taken from the server, checked against the kiosk's questions, kept on disk",
          "[sync][central][server-form]") {
  namespace kss = kiosk::sync;
  FakeCentral server;
  const auto dir = kiosk::data_dir();
  const auto own = kiosk::load_server_form(dir, "").value();  // the kiosk's questions, no key
  const std::string key = odk_test::demo_key().base64_der();
  // What Central serves with Managed Encryption: its key spliced in, the version renamed.
  const auto keyed = kiosk::load_server_form(dir, key).value();
  std::string served = keyed.xform;
  const std::string managed_version = own.form.version + "[encrypted:Ab12Cd34]";
  for (size_t at = served.find("version=\"" + keyed.form.version + "\""); at != std::string::npos;
       at = served.find("version=\"" + keyed.form.version + "\"", at + 1))
    served.replace(at + 9, keyed.form.version.size(), managed_version);
  server.served_xform = served;

  auto list = kss::parse_form_list("<xforms><xform><formID>a&amp;b</formID><version>2</version><hash>md5:9</hash>"
                                   "<downloadUrl>https://x/forms/a.xml</downloadUrl></xform></xforms>");
  REQUIRE(list.size() == 1);
  CHECK(list[0].form_id == "a&b");
  CHECK(list[0].download_url == "https://x/forms/a.xml");

  auto parsed = kss::parse_served_form(served).value();
  CHECK(parsed.form_id == "asylum_petition");
  CHECK(parsed.version == managed_version);
  CHECK(parsed.base64_key == key);
  CHECK(kss::form_mismatch(served, own.xform).empty());

  const fs::path store = odk_test::fresh_dir("server-form") / "server-form.xml";
  auto s = odk_test::loopback_settings(server.url());
  CHECK(kss::load_stored_server_form(store).error().code == kiosk::Errc::not_found);
  auto got = kss::fetch_server_form(s, "asylum_petition", own.xform, store);
  REQUIRE(got.ok());
  CHECK(got->version == managed_version);
  CHECK(kss::load_stored_server_form(store).value().version == managed_version);
  // The key works for sealing.
  auto office = kiosk::seal::OfficeKey::from_pem(kss::pem_from_base64_der(got->base64_key));
  REQUIRE(office.ok());
  CHECK(office->base64_der() == key);

  // A served form that asks other questions is refused; the last good one stays.
  const std::string first = own.form.fields.front().id;
  std::string other = served;
  other.replace(other.find("<" + first + "/>"), first.size() + 3, "<something_else/>");
  CHECK_FALSE(kss::form_mismatch(other, own.xform).empty());
  server.served_xform = other;
  auto refused = kss::fetch_server_form(s, "asylum_petition", own.xform, store);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.error().message.find("does not ask the kiosk's questions") != std::string::npos);
  CHECK(refused.error().message.find("last good form") != std::string::npos);
  CHECK(kss::load_stored_server_form(store).value().version == managed_version);
  // A form without a key is refused too.
  server.served_xform = own.xform;
  auto keyless = kss::fetch_server_form(s, "asylum_petition", own.xform, store);
  REQUIRE_FALSE(keyless.ok());
  CHECK(keyless.error().message.find("no encryption key") != std::string::npos);
  // A revoked token: Central's sentence.
  s.secret = "revoked";
  auto denied = kss::fetch_server_form(s, "asylum_petition", own.xform, store);
  REQUIRE_FALSE(denied.ok());
  CHECK(denied.error().message.find("does not have rights") != std::string::npos);
  CHECK(denied.error().message.find("revoked") == std::string::npos);  // the token is never printed
  CHECK(kss::load_stored_server_form(store).value().version == managed_version);
}
