// RecordService under storage faults (issue 18): an outbox that cannot be
// opened at start is opened later; a record the outbox cannot store is held
// sealed in memory and stored when the disk works again; staff see it.
#include <catch2/catch.hpp>
#include <sys/resource.h>
#include <sys/stat.h>

#include <csignal>
#include <fstream>
#include <thread>

#include "outbox_fixtures.hpp"
#include "sync/service.hpp"

namespace fs = std::filesystem;

namespace {

kiosk::Config faults_config(const fs::path& dir, const fs::path& data_dir) {
  fs::copy_file(std::string(KIOSK_SOURCE_DIR) + "/kiosk-config/demo-office-public.pem", dir / "key.pem",
                fs::copy_options::overwrite_existing);
  std::ofstream(dir / "site.toml")
      << "[site]\nid = \"faults-test\"\nkind = \"desp_office\"\noffice = \"desp-almaty\"\n"
         "[staff]\npin_hash = \"pbkdf2-sha256$1000$ZmljdGl0aW91cy1zYWx0IQ==$/bOA1KlQLBYixDlR773EOwczibh50Jiou6DypZx6XXw=\"\n"
         "[outbox]\ndata_dir = \"" << data_dir.string() << "\"\n"
         "[sync]\nenabled = false\npublic_key_file = \"key.pem\"\n";
  return kiosk::load_config(dir / "site.toml").value();
}

}  // namespace

TEST_CASE("an outbox that cannot open at start is opened later, and held records are stored then",
          "[service][faults]") {
  const auto dir = odk_test::fresh_dir("svc-noopen");
  { std::ofstream(dir / "data") << "a file where the data directory should be"; }
  kiosk::sync::RecordService::Options opt;
  opt.retry_every = std::chrono::milliseconds(50);
  auto svc = kiosk::sync::RecordService::start(faults_config(dir, dir / "data"), opt);
  REQUIRE(svc.ok());  // starts anyway
  auto st0 = (*svc)->status().value();
  CHECK_FALSE(st0.outbox_open);
  CHECK(st0.storage_problem.find((dir / "data").string()) != std::string::npos);

  const std::string id = kiosk::seal::new_instance_id();
  std::string xml = odk_test::petition_xml(id, "Test Person", "held story");
  auto fate = kiosk::outbox::RecordFate::stored;
  auto r = (*svc)->submit(xml, id, odk_test::test_form(), false, &fate);
  REQUIRE_FALSE(r.ok());
  CHECK(fate == kiosk::outbox::RecordFate::held);  // what the person's screens say
  CHECK(r.error().code == kiosk::Errc::storage);
  CHECK(r.error().message.find("held in memory") != std::string::npos);
  CHECK(r.error().message.find("held story") == std::string::npos);  // no personal data
  CHECK(xml.empty());                                                 // the plaintext is gone
  auto st1 = (*svc)->status().value();
  CHECK(st1.held == 1);
  CHECK(st1.describe().find("held in memory") != std::string::npos);

  // The space comes back: the background retry opens the outbox and stores it.
  fs::remove(dir / "data");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while ((*svc)->outbox() == nullptr && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  REQUIRE((*svc)->outbox() != nullptr);
  auto st2 = (*svc)->status().value();
  CHECK(st2.outbox_open);
  CHECK(st2.held == 0);
  CHECK(st2.counts.queued == 1);
  CHECK((*svc)->outbox()->find(id).value().has_value());
}

TEST_CASE("a record the full disk cannot take is held sealed and stored when space returns",
          "[service][faults]") {
  const auto dir = odk_test::fresh_dir("svc-full");
  kiosk::sync::RecordService::Options opt;
  opt.retry_every = std::chrono::hours(1);  // only explicit retries in this test
  auto svc = kiosk::sync::RecordService::start(faults_config(dir, dir / "data"), opt);
  REQUIRE(svc.ok());
  {
    const std::string first = kiosk::seal::new_instance_id();
    std::string xml = odk_test::petition_xml(first, "A", "B");
    auto fate = kiosk::outbox::RecordFate::not_kept;
    REQUIRE((*svc)->submit(xml, first, odk_test::test_form(), false, &fate).ok());
    CHECK(fate == kiosk::outbox::RecordFate::stored);
  }
  // "Disk full": no file of this process may grow (EFBIG instead of SIGXFSZ).
  rlimit old{};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &old) == 0);
  auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit tiny = old;
  tiny.rlim_cur = 1;
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &tiny) == 0);
  const std::string id = kiosk::seal::new_instance_id();
  std::string xml = odk_test::petition_xml(id, "Test Person", "a long story");
  auto r = (*svc)->submit(xml, id, odk_test::test_form());
  const int still_held = (*svc)->retry_storage();
  ::setrlimit(RLIMIT_FSIZE, &old);
  std::signal(SIGXFSZ, old_handler);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("held in memory") != std::string::npos);
  CHECK(r.error().message.find("outbox.sqlite") != std::string::npos);  // names the file
  CHECK(still_held == 1);
  CHECK(xml.empty());
  // Space is back.
  CHECK((*svc)->retry_storage() == 0);
  auto st = (*svc)->status().value();
  CHECK(st.held == 0);
  CHECK(st.counts.queued == 2);
  CHECK((*svc)->outbox()->find(id).value().has_value());
  CHECK(st.storage_problem.empty());
}

TEST_CASE("past max_held a record is not kept, and submit says which fate each record had", "[service][faults]") {
  const auto dir = odk_test::fresh_dir("svc-maxheld");
  { std::ofstream(dir / "data") << "a file where the data directory should be"; }
  kiosk::sync::RecordService::Options opt;
  opt.retry_every = std::chrono::hours(1);
  opt.max_held = 1;
  auto svc = kiosk::sync::RecordService::start(faults_config(dir, dir / "data"), opt);
  REQUIRE(svc.ok());
  using kiosk::outbox::RecordFate;
  RecordFate fates[2] = {RecordFate::stored, RecordFate::stored};
  for (auto& fate : fates) {
    const std::string id = kiosk::seal::new_instance_id();
    std::string xml = odk_test::petition_xml(id, "Test Person", "story");
    CHECK_FALSE((*svc)->submit(xml, id, odk_test::test_form(), false, &fate).ok());
  }
  CHECK(fates[0] == RecordFate::held);
  CHECK(fates[1] == RecordFate::not_kept);
  CHECK((*svc)->status().value().held == 1);
}
