// The kiosk takes a changed form and key from the server by itself (issue
// 17, point 1), against the loopback fake: with sync.form_source = "server"
// the running RecordService's worker looks at the formList at the start of a
// pass, takes a changed form (a new version, a new key: Managed Encryption
// turned on) and seals the next records with it; a served form that asks
// other questions is refused with the last good form kept and staff told;
// offline, the last good form on disk is used.
#include <catch2/catch.hpp>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "locale/language.hpp"
#include "base/paths.hpp"
#include "fake_openrosa.hpp"
#include "form/xform.hpp"
#include "locale/catalog.hpp"
#include "outbox_fixtures.hpp"
#include "sync/server_form.hpp"
#include "sync/service.hpp"
#include "view/staff_view.hpp"

namespace fs = std::filesystem;
namespace ks = kiosk::sync;

namespace {

// A fresh RSA office key of a test's own (what Central makes when Managed
// Encryption is turned on); its private half opens the records.
struct TestKey {
  EVP_PKEY* key = nullptr;
  std::string base64_der;
  TestKey() {
    key = EVP_RSA_gen(2048);
    if (!key) throw std::runtime_error("cannot make a test RSA key");
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_PUBKEY(bio, key);
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    const std::string pem(data, static_cast<size_t>(n));
    BIO_free(bio);
    base64_der = kiosk::seal::OfficeKey::from_pem(pem).value().base64_der();
  }
  ~TestKey() { EVP_PKEY_free(key); }
  TestKey(const TestKey&) = delete;
  TestKey& operator=(const TestKey&) = delete;
};

// The kiosk's XForm as Central serves it with Managed Encryption: `key`
// spliced in, the version renamed "<version>[encrypted:<tag>]".
std::string served_form(const std::string& key, const std::string& tag, std::string* version = nullptr) {
  const auto keyed = kiosk::load_server_form(kiosk::data_dir(), key).value();
  std::string xml = keyed.xform;
  const std::string managed = keyed.form.version + "[encrypted:" + tag + "]";
  const std::string attr = "version=\"" + keyed.form.version + "\"";
  for (size_t at = xml.find(attr); at != std::string::npos; at = xml.find(attr, at + 1))
    xml.replace(at + 9, keyed.form.version.size(), managed);
  if (version) *version = managed;
  return xml;
}

// The same form asking one question the kiosk does not have.
std::string other_questions(std::string xml) {
  const auto own = kiosk::load_server_form(kiosk::data_dir(), "").value();
  const std::string first = own.form.fields.front().id;
  xml.replace(xml.find("<" + first + "/>"), first.size() + 3, "<something_else/>");
  return xml;
}

kiosk::Config server_form_config(const fs::path& dir, const std::string& url) {
  // (public_key_file stays required; with form_source = "server" records use the served form's key)
  odk_test::write_key_and_credentials(dir);
  std::ofstream(dir / "site.toml")
      << odk_test::airport_site_toml("form-watch-test")
      << "[outbox]\ndata_dir = \"data\"\n"
         "[sync]\nenabled = true\nserver_url = \"" << url << "\"\n"
      << "project_id = 1\nform_id = \"asylum_petition\"\nform_source = \"server\"\n"
         "credentials_file = \"credentials\"\npublic_key_file = \"key.pem\"\npoll_seconds = 1\nrequest_timeout_seconds = 5\n"
         "connect_timeout_seconds = 2\n";
  auto c = kiosk::load_config(dir / "site.toml");
  if (!c) FAIL(c.error().describe());
  return c.value();
}

// A kiosk's site in fresh_dir(name) with form_source = "server", and where it
// keeps its last good served form.
struct ServerFormSite {
  fs::path dir;
  kiosk::Config config;
  fs::path store;
};

ServerFormSite server_form_site(const std::string& name, const std::string& url) {
  const fs::path dir = odk_test::fresh_dir(name);
  kiosk::Config config = server_form_config(dir, url);
  const fs::path store = ks::server_form_path(config.outbox.data_dir);
  return {dir, std::move(config), store};
}

// Seals one petition the way the kiosk does: the instance names the version
// of the form the session took, and is sealed with that form's key.
std::string submit_petition(ks::RecordService& svc, const ks::SealingForm& with, const std::string& name) {
  auto form = kiosk::load_form(kiosk::data_dir() / "assets/form/petition.toml").value();
  form.version = with.ref.version;
  kiosk::Answers a;
  a.values["surname"] = name;
  a.cyrillic["surname"] = name;
  kiosk::InstanceMeta meta{kiosk::seal::new_instance_id(), "form-watch-test", "ru", "K7M2-Q9",
                           "2026-11-21T10:00:00+05:00", false};
  std::string xml = kiosk::build_instance_xml(form, kiosk::Situation{kiosk::Where::airport, kiosk::Entry::checkpoint, "2026-11-20"}, a, meta);
  auto rec = svc.submit(xml, meta.instance_id, with);
  if (!rec) FAIL(rec.error().describe());
  return meta.instance_id;
}

template <class F>
bool eventually(F&& done, int seconds = 10) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return true;
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

TEST_CASE("the running kiosk takes a changed form and key from the server, the next record is sealed with them",
          "[sync][service][server-form]") {
  odk_test::FakeCentral server;
  TestKey managed;
  server.extra_keys.push_back(managed.key);
  std::string first_version, second_version;
  const std::string first = served_form(odk_test::demo_key().base64_der(), "Aa11Bb22", &first_version);
  const std::string second = served_form(managed.base64_der, "Cc33Dd44", &second_version);
  REQUIRE(first_version != second_version);
  server.serve_form(first);

  const auto [dir, config, store] = server_form_site("form-watch-taken", server.url());
  // A new kiosk: no form on disk yet; the service takes it at start.
  auto svc = ks::RecordService::start(config);
  REQUIRE(svc.ok());
  CHECK(read_text(store) == first);
  const auto session_one = (*svc)->sealing_form();
  CHECK(session_one->ref.version == first_version);
  CHECK(session_one->from_server);
  const std::string before = submit_petition(**svc, *session_one, "Первая-Тест");
  REQUIRE(eventually([&] { return server.stored().count(before) == 1; }));
  // Unchanged: the formList is asked at each pass, the form is not downloaded again.
  const int downloads = server.form_downloads_count();
  const int lists = server.form_lists_count();
  (*svc)->sync_now();
  REQUIRE(eventually([&] { return server.form_lists_count() > lists + 1; }));
  CHECK(server.form_downloads_count() == downloads);

  // The office turns on Managed Encryption: a new version with Central's key.
  server.serve_form(second);
  (*svc)->sync_now();
  REQUIRE(eventually([&] { return (*svc)->sealing_form()->ref.version == second_version; }));
  CHECK(read_text(store) == second);  // the new last good form
  CHECK((*svc)->office_key().base64_der() == managed.base64_der);
  // A session that started before still holds its own form: nothing changes mid-session.
  CHECK(session_one->ref.version == first_version);
  CHECK(session_one->key.base64_der() == odk_test::demo_key().base64_der());
  auto st = (*svc)->status().value();
  CHECK(st.form_from_server);
  CHECK(st.form_version == second_version);
  CHECK(st.form_problem.empty());

  // The next session's record: the new version, sealed to the new key.
  const auto session_two = (*svc)->sealing_form();
  const std::string after = submit_petition(**svc, *session_two, "Вторая-Тест");
  REQUIRE(eventually([&] { return server.stored().count(after) == 1; }));
  const auto stored = server.stored();
  const auto manifest = kiosk::seal::parse_manifest(stored.at(after).manifest).value();
  CHECK(manifest.form_version == second_version);
  CHECK(stored.at(after).xml.find("version=\"" + second_version + "\"") != std::string::npos);
  CHECK(stored.at(after).xml.find("Вторая-Тест") != std::string::npos);
  CHECK_FALSE(odk_test::open_submission(stored.at(after).manifest, stored.at(after).enc).ok);  // not the old key
  CHECK(odk_test::open_submission(stored.at(after).manifest, stored.at(after).enc, managed.key).signature_ok);
  // The record sealed before stays as it was (its own version, the old key).
  CHECK(kiosk::seal::parse_manifest(stored.at(before).manifest).value().form_version == first_version);
  CHECK(odk_test::open_submission(stored.at(before).manifest, stored.at(before).enc).signature_ok);
  CHECK(server.problems().empty());
  // USB export writes the form in use.
  auto rep = (*svc)->export_to(dir / "usb");
  REQUIRE(rep.ok());
  CHECK(read_text(dir / "usb" / "odk/forms/asylum_petition.xml") == second);

  // A restarted kiosk starts with the last good form from disk.
  svc->reset();
  auto again = ks::RecordService::start(config);
  REQUIRE(again.ok());
  CHECK((*again)->sealing_form()->ref.version == second_version);
}

TEST_CASE("a served form that asks other questions is refused: the last good form stays, records go on, staff told",
          "[sync][service][server-form]") {
  odk_test::FakeCentral server;
  std::string good_version;
  const std::string good = served_form(odk_test::demo_key().base64_der(), "Aa11Bb22", &good_version);
  server.serve_form(good);
  const auto [dir, config, store] = server_form_site("form-watch-refused", server.url());
  auto svc = ks::RecordService::start(config);
  REQUIRE(svc.ok());
  REQUIRE((*svc)->sealing_form()->ref.version == good_version);

  // The office publishes a form with other questions (a new version, a new key).
  TestKey other_key;
  std::string bad_version;
  const std::string bad = other_questions(served_form(other_key.base64_der, "Ee55Ff66", &bad_version));
  server.serve_form(bad);
  (*svc)->sync_now();
  REQUIRE(eventually([&] { return !(*svc)->status().value().form_problem.empty(); }));
  auto st = (*svc)->status().value();
  CHECK(st.form_problem.find("does not ask the kiosk's questions") != std::string::npos);
  CHECK(st.form_version == good_version);
  CHECK((*svc)->sealing_form()->ref.version == good_version);
  CHECK(read_text(store) == good);  // never replaced by the bad one
  // The last sync says so (the pass had nothing to send).
  REQUIRE(eventually([&] {
    auto s = (*svc)->status().value();
    return s.last_sync && s.last_sync->outcome == ks::Outcome::form_refused;
  }));
  CHECK((*svc)->status().value().last_sync->message.find("last good form (version " + good_version + ")") !=
        std::string::npos);
  // The staff line, composed in core, in every language.
  const auto tr = kiosk::Translations::load(kiosk::data_dir() / "locales").value();
  for (const std::string& lang : kiosk::language_codes()) {
    const std::string line = kiosk::StaffView(tr, lang).form(st);
    INFO(lang << ": " << line);
    CHECK(line.find("does not ask the kiosk's questions") != std::string::npos);
    CHECK(line.find(good_version) != std::string::npos);
    CHECK(line.find("⟦") == std::string::npos);
    if (std::string(lang) != "en") CHECK(line != kiosk::StaffView(tr, "en").form(st));
  }

  // Records are kept and go, sealed with the last good form; the refusal stays.
  const auto with = (*svc)->sealing_form();
  const std::string id = submit_petition(**svc, *with, "Третья-Тест");
  REQUIRE(eventually([&] { return server.stored().count(id) == 1; }));
  CHECK(kiosk::seal::parse_manifest(server.stored().at(id).manifest).value().form_version == good_version);
  REQUIRE(eventually([&] {
    auto s = (*svc)->status().value();
    return s.last_sync && s.last_sync->sent == 1;
  }));
  st = (*svc)->status().value();
  CHECK(st.last_sync->outcome == ks::Outcome::form_refused);
  CHECK(st.last_sync->message.find("1 sent") == 0);
  CHECK(st.counts.failed_permanent == 0);
  // The refused form is not downloaded again while the server keeps serving it.
  const int downloads = server.form_downloads_count();
  const int lists = server.form_lists_count();
  (*svc)->sync_now();
  REQUIRE(eventually([&] { return server.form_lists_count() > lists + 1; }));
  CHECK(server.form_downloads_count() == downloads);
  CHECK_FALSE((*svc)->status().value().form_problem.empty());

  // Fixed on the server (the kiosk's questions again, a new version): taken, the refusal is gone.
  std::string fixed_version;
  const std::string fixed = served_form(odk_test::demo_key().base64_der(), "Gg77Hh88", &fixed_version);
  server.serve_form(fixed);
  (*svc)->sync_now();
  REQUIRE(eventually([&] { return (*svc)->sealing_form()->ref.version == fixed_version; }));
  CHECK((*svc)->status().value().form_problem.empty());
  CHECK(read_text(store) == fixed);
  CHECK(kiosk::StaffView(tr, "en").form((*svc)->status().value()) ==
        "New records use the server’s form, version " + fixed_version + ".");
}

TEST_CASE("offline, the kiosk starts and seals with the last good form on disk", "[sync][service][server-form]") {
  std::string version;
  const fs::path dir = odk_test::fresh_dir("form-watch-offline");
  std::string url;
  kiosk::Config config;
  fs::path store;
  {
    odk_test::FakeCentral server;
    server.serve_form(served_form(odk_test::demo_key().base64_der(), "Aa11Bb22", &version));
    url = server.url();
    config = server_form_config(dir, url);
    store = ks::server_form_path(config.outbox.data_dir);
    const auto own = kiosk::load_server_form(kiosk::data_dir(), "").value();
    REQUIRE(ks::fetch_server_form(ks::settings_from_config(config).value(), "asylum_petition", own.xform, store).ok());
  }  // the server is gone: its port refuses connections
  const std::string kept = read_text(store);
  auto svc = ks::RecordService::start(config);
  REQUIRE(svc.ok());
  CHECK((*svc)->sealing_form()->ref.version == version);
  const std::string id = submit_petition(**svc, *(*svc)->sealing_form(), "Четвёртая-Тест");
  REQUIRE(eventually([&] {
    auto s = (*svc)->status().value();
    return s.last_sync && s.last_sync->outcome == ks::Outcome::offline;
  }));
  auto st = (*svc)->status().value();
  CHECK(st.counts.queued == 1);
  CHECK(st.form_problem.empty());  // unreachable is not a refused form
  CHECK(st.form_version == version);
  CHECK(read_text(store) == kept);
  // The look itself: failed, nothing changed.
  const auto own = kiosk::load_server_form(kiosk::data_dir(), "").value();
  ks::FormWatch watch("asylum_petition", own.xform, store);
  auto look = watch.check(odk_test::loopback_settings(url));
  CHECK(look.result == ks::FormRefresh::Result::failed);
  CHECK(look.message.find("could not be reached") != std::string::npos);
  CHECK(read_text(store) == kept);

  // A new kiosk that never reached the server cannot seal: it says what to do.
  const fs::path fresh = odk_test::fresh_dir("form-watch-offline-new");
  auto none = ks::RecordService::start(server_form_config(fresh, url));
  REQUIRE_FALSE(none.ok());
  CHECK(none.error().message.find("no form was taken from the server yet") != std::string::npos);
  CHECK(none.error().message.find("could not be reached") != std::string::npos);
}

TEST_CASE("FormWatch: only a changed version or hash is downloaded, a keyless or unusable form is refused",
          "[sync][server-form]") {
  odk_test::FakeCentral server;
  const auto own = kiosk::load_server_form(kiosk::data_dir(), "").value();
  const fs::path store = odk_test::fresh_dir("form-watch-unit") / "server-form.xml";
  ks::FormWatch watch("asylum_petition", own.xform, store);
  const auto s = odk_test::loopback_settings(server.url());
  std::string v1;
  const std::string one = served_form(odk_test::demo_key().base64_der(), "Aa11Bb22", &v1);
  CHECK(ks::form_list_hash(one) == "md5:" + kiosk::seal::md5_hex(one));
  server.serve_form(one);
  auto r = watch.check(s);
  REQUIRE(r.result == ks::FormRefresh::Result::taken);
  CHECK(r.form->version == v1);
  CHECK(watch.check(s).result == ks::FormRefresh::Result::unchanged);
  CHECK(server.form_downloads_count() == 1);
  // Keyless (Managed Encryption turned off): refused, kept.
  server.serve_form(own.xform);
  r = watch.check(s);
  CHECK(r.result == ks::FormRefresh::Result::refused);
  CHECK(r.message.find("no encryption key") != std::string::npos);
  // A key that is no RSA key: refused, kept.
  std::string broken = one;
  const std::string key = odk_test::demo_key().base64_der();
  broken.replace(broken.find(key), key.size(), "bm90IGEga2V5");
  server.serve_form(broken);
  r = watch.check(s);
  CHECK(r.result == ks::FormRefresh::Result::refused);
  CHECK(r.message.find("not a usable RSA public key") != std::string::npos);
  CHECK(read_text(store) == one);
  CHECK(ks::load_stored_server_form(store).value().version == v1);
  // A revoked app user: the look fails with Central's sentence; nothing changes.
  auto denied = s;
  denied.secret = "revoked";
  r = watch.check(denied);
  CHECK(r.result == ks::FormRefresh::Result::failed);
  CHECK(r.message.find("does not have rights") != std::string::npos);
  CHECK(read_text(store) == one);
}
