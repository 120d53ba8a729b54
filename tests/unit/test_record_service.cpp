// End to end: the session's "finish petition" (form/xform.hpp builds the
// instance) through RecordService: sealed, stored, sent by the background
// sync to the loopback server, which decrypts exactly the typed answers.
#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <fstream>

#include "base/paths.hpp"
#include "fake_openrosa.hpp"
#include "form/xform.hpp"
#include "outbox_fixtures.hpp"
#include "sync/service.hpp"

namespace fs = std::filesystem;
using odk_test::Fault;

namespace {

kiosk::Config service_config(const fs::path& dir, const std::string& url, bool enabled) {
  odk_test::write_key_and_credentials(dir);
  std::ofstream(dir / "site.toml")
      << odk_test::airport_site_toml("svc-test")
      << "[outbox]\ndata_dir = \"data\"\nretention_days = 0\n"
         "[sync]\nenabled = " << (enabled ? "true" : "false") << "\nserver_url = \"" << url << "\"\n"
      << "project_id = 1\nform_id = \"asylum_petition\"\ncredentials_file = \"credentials\"\n"
         "public_key_file = \"key.pem\"\npoll_seconds = 1\nrequest_timeout_seconds = 5\n";
  return kiosk::load_config(dir / "site.toml").value();
}

}  // namespace

TEST_CASE("finish petition: the built instance is sealed, sent in the background and decrypts exactly",
          "[sync][service]") {
  odk_test::FakeCentral server;
  const fs::path dir = odk_test::fresh_dir("service");
  auto svc = kiosk::sync::RecordService::start(service_config(dir, server.url(), true));
  REQUIRE(svc.ok());

  const auto form = kiosk::load_form(kiosk::data_dir() / "assets/form/petition.toml").value();
  kiosk::Answers a;
  a.values["surname"] = "Хабибзада-Тест";
  a.cyrillic["surname"] = "Хабибзада-Тест";
  kiosk::InstanceMeta meta{kiosk::seal::new_instance_id(), "svc-test", "fa-AF", "K7M2-Q9", "2026-11-21T10:00:00+05:00", false};
  std::string xml = kiosk::build_instance_xml(form, kiosk::Situation{kiosk::Where::airport, kiosk::Entry::checkpoint, "2026-11-20"}, a, meta);
  const std::string expected = xml;
  auto rec = (*svc)->submit(xml, meta.instance_id, {form.id, form.version});
  REQUIRE(rec.ok());
  CHECK(xml.empty());

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (server.stored().empty() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const auto stored = server.stored();
  {
    auto st = (*svc)->status().value();
    INFO("posts " << server.posts_count() << " problems " << server.problems().size() << " last sync "
                  << (st.last_sync ? kiosk::sync::to_string(st.last_sync->outcome) + std::string(": ") + st.last_sync->message : "none"));
    REQUIRE(stored.count(meta.instance_id) == 1);
  }
  CHECK(stored.at(meta.instance_id).xml == expected);
  CHECK(server.problems().empty());
  // Sent, then purged at once (retention_days = 0) once the pass completes.
  bool purged = false;
  while (!purged && std::chrono::steady_clock::now() < deadline) {
    auto st = (*svc)->status().value();
    purged = st.counts.sent == 0 && st.counts.queued == 0 && st.counts.sending == 0 && st.last_sync &&
             st.last_sync->sent == 1;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(purged);
  CHECK((*svc)->status().value().sync_enabled);
}

TEST_CASE("with sync disabled records wait in the outbox and can be exported", "[sync][service]") {
  const fs::path dir = odk_test::fresh_dir("service-usb");
  auto svc = kiosk::sync::RecordService::start(service_config(dir, "http://127.0.0.1:9", false));
  REQUIRE(svc.ok());
  const std::string id = kiosk::seal::new_instance_id();
  std::string xml = odk_test::petition_xml(id, "Test", "Test");
  REQUIRE((*svc)->submit(xml, id, odk_test::test_form()).ok());
  CHECK_FALSE((*svc)->sync_now());
  auto st = (*svc)->status().value();
  CHECK(st.counts.queued == 1);
  CHECK_FALSE(st.sync_enabled);
  auto rep = (*svc)->export_to(dir / "usb");
  REQUIRE(rep.ok());
  CHECK(rep->written == 1);
  CHECK((*svc)->status().value().counts.exported_unsent == 1);
  CHECK((*svc)->office_key().base64_der() == odk_test::demo_key().base64_der());
}

TEST_CASE("a record larger than the server's Accept-Content-Length needs staff, without a POST", "[sync]") {
  odk_test::FakeCentral server;
  auto box = kiosk::outbox::Outbox::open(odk_test::fresh_dir("too-big")).value();
  const std::string id = kiosk::seal::new_instance_id();
  std::string xml = odk_test::petition_xml(id, "Test", std::string(11 * 1024 * 1024, 'x'));  // > 10 MiB limit
  REQUIRE(box->enqueue(odk_test::demo_key(), xml, id, odk_test::test_form()).ok());
  auto rep = kiosk::sync::run_pass(*box, odk_test::loopback_settings(server.url())).value();
  CHECK(rep.run.failed_permanent == 1);
  CHECK(server.posts_count() == 0);
  CHECK(box->find(id).value()->last_error.find("413") != std::string::npos);
}

TEST_CASE("staff's Send records now retries records a closed form held back and those that needed staff",
          "[sync][service][central]") {
  odk_test::FakeCentral server;
  server.script({Fault::bad_request400});
  server.set_fallback(Fault::closed409);
  const fs::path dir = odk_test::fresh_dir("service-send-now");
  auto svc = kiosk::sync::RecordService::start(service_config(dir, server.url(), true));
  REQUIRE(svc.ok());
  // Records carry the XForm's version (derived from the questions and the key).
  const auto ref = (*svc)->form_ref();
  CHECK(ref.id == "asylum_petition");
  CHECK(ref.version == kiosk::load_server_form(kiosk::data_dir(), (*svc)->office_key().base64_der()).value().form.version);
  const auto form = kiosk::load_form(kiosk::data_dir() / "assets/form/petition.toml").value();
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    kiosk::InstanceMeta meta{kiosk::seal::new_instance_id(), "svc-test", "ru", "K7M2-Q" + std::to_string(i),
                             "2026-11-21T10:00:00+05:00", false};
    std::string xml = kiosk::build_instance_xml(form, kiosk::Situation{}, kiosk::Answers{}, meta);
    REQUIRE((*svc)->submit(xml, meta.instance_id, ref).ok());
    ids.push_back(meta.instance_id);
  }
  // The background passes: one record needs staff (400), two wait for the form (409.2).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  auto tried_all = [&] {
    auto c = (*svc)->status().value().counts;
    return c.failed_permanent == 1 && c.queued == 2 && server.posts_count() >= 3;
  };
  while (!tried_all() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  REQUIRE(tried_all());
  const int posts = server.posts_count();
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // poll_seconds = 1: nothing is due (backoff)
  CHECK(server.posts_count() == posts);
  // The office reopens the form; staff press "Send records now".
  server.set_fallback(Fault::none);
  REQUIRE((*svc)->sync_now());
  while (server.stored().size() < 3 && std::chrono::steady_clock::now() < deadline + std::chrono::seconds(5))
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(server.stored().size() == 3);
  for (const auto& id : ids) CHECK(server.stored().count(id) == 1);
  // USB export carries the XForm in odk/forms/.
  const fs::path usb = odk_test::fresh_dir("service-send-now-usb");
  REQUIRE((*svc)->export_to(usb).ok());
  CHECK(fs::exists(usb / "odk/forms/asylum_petition.xml"));
}
