// The SQLite outbox: one transaction per record, sealed at once, states,
// purge, export/import, schema versions, and no plaintext on disk.
#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <sys/stat.h>

#include <fstream>

#include "odk_decrypt.hpp"
#include "outbox/transfer.hpp"
#include "outbox_fixtures.hpp"

namespace fs = std::filesystem;
using kiosk::outbox::Outbox;
using kiosk::outbox::State;

namespace {

std::unique_ptr<Outbox> open_box(const fs::path& dir) {
  auto b = Outbox::open(dir);
  if (!b) FAIL(b.error().describe());
  return std::move(*b);
}

std::string pragma(const fs::path& db, const char* sql) {
  sqlite3* h = nullptr;
  sqlite3_open(db.c_str(), &h);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(h, sql, -1, &st, nullptr);
  std::string out;
  if (sqlite3_step(st) == SQLITE_ROW) out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
  sqlite3_finalize(st);
  sqlite3_close(h);
  return out;
}

}  // namespace

TEST_CASE("enqueue seals at once, wipes the plaintext and stores one queued record", "[outbox]") {
  const auto dir = odk_test::fresh_dir("enqueue");
  auto box = open_box(dir);
  const std::string id = kiosk::seal::new_instance_id();
  std::string xml = odk_test::petition_xml(id, "Test Person", "story");
  const std::string copy = xml;
  auto rec = box->enqueue(odk_test::demo_key(), xml, id, odk_test::test_form());
  REQUIRE(rec.ok());
  CHECK(xml.empty());  // the caller's plaintext was wiped
  CHECK(rec->state == State::queued);
  CHECK(rec->attempts == 0);
  CHECK(rec->instance_id == id);
  CHECK(rec->created_at > 0);
  auto loaded = box->load(id);
  REQUIRE(loaded.ok());
  REQUIRE(loaded->has_value());
  CHECK(odk_test::open_submission((*loaded)->sealed.manifest_xml, (*loaded)->sealed.encrypted_xml).xml == copy);

  // The same instanceID again (different content) is refused, nothing changes.
  std::string again = odk_test::petition_xml(id, "Other", "other");
  CHECK_FALSE(box->enqueue(odk_test::demo_key(), again, id, odk_test::test_form()).ok());
  CHECK(again.empty());
  CHECK(box->counts()->queued == 1);
  // An XML without its instanceID is refused.
  std::string bad = odk_test::petition_xml(kiosk::seal::new_instance_id(), "a", "b");
  CHECK(box->enqueue(odk_test::demo_key(), bad, id, odk_test::test_form()).error().code ==
        kiosk::Errc::invalid_input);
  CHECK(box->counts()->queued == 1);
  CHECK(box->check_integrity().value() == "ok");
}

TEST_CASE("the outbox database is WAL, versioned, private, and refuses newer schemas", "[outbox]") {
  const auto dir = odk_test::fresh_dir("schema");
  {
    auto box = open_box(dir);
    odk_test::enqueue_one(*box);
    struct stat st {};
    REQUIRE(::stat(box->path().c_str(), &st) == 0);
    CHECK((st.st_mode & 077) == 0);
    REQUIRE(::stat(dir.c_str(), &st) == 0);
    CHECK((st.st_mode & 077) == 0);
  }
  const fs::path db = dir / "outbox.sqlite";
  CHECK(pragma(db, "PRAGMA journal_mode") == "wal");
  CHECK(pragma(db, "PRAGMA user_version") == std::to_string(Outbox::schema_version()));
  // Reopening keeps the record (restart).
  CHECK(open_box(dir)->counts()->queued == 1);
  // A database from a newer kiosk is not touched.
  pragma(db, "PRAGMA user_version=999");
  auto newer = Outbox::open(dir);
  REQUIRE_FALSE(newer.ok());
  CHECK(newer.error().message.find("newer version") != std::string::npos);
}

TEST_CASE("a sync run's outcome is stored as its name, a name this build does not know reads as unknown",
          "[outbox]") {
  const auto dir = odk_test::fresh_dir("sync-outcome");
  const fs::path db = dir / "outbox.sqlite";
  auto box = open_box(dir);
  kiosk::outbox::SyncRun run;
  run.outcome = kiosk::sync::Outcome::captive_portal;
  run.message = "a Wi-Fi login page";
  REQUIRE(box->record_sync_run(run).ok());
  CHECK(pragma(db, "SELECT outcome FROM sync_runs ORDER BY id DESC LIMIT 1") == "captive_portal");
  CHECK(box->last_sync_run().value()->outcome == kiosk::sync::Outcome::captive_portal);
  // A row written by another build (older words stay the same; a newer one may add some).
  pragma(db, "INSERT INTO sync_runs (started_at, finished_at, sent, retry, failed_permanent, outcome, message) "
             "VALUES (1, 2, 0, 0, 0, 'form_closed', 'closed')");
  CHECK(box->last_sync_run().value()->outcome == kiosk::sync::Outcome::form_closed);
  pragma(db, "INSERT INTO sync_runs (started_at, finished_at, sent, retry, failed_permanent, outcome, message) "
             "VALUES (3, 4, 1, 0, 0, 'quantum_link', 'from a newer kiosk')");
  const auto last = box->last_sync_run();
  REQUIRE(last.ok());
  REQUIRE(last->has_value());
  CHECK((*last)->outcome == kiosk::sync::Outcome::unknown);
  CHECK((*last)->message == "from a newer kiosk");
  CHECK((*last)->sent == 1);
}

TEST_CASE("attempt bookkeeping: claim, retry, permanent failure, requeue, sent", "[outbox]") {
  const auto dir = odk_test::fresh_dir("states");
  auto box = open_box(dir);
  const auto a = odk_test::enqueue_one(*box);
  const auto b = odk_test::enqueue_one(*box);
  const int64_t now = kiosk::outbox::now_ms();

  auto c1 = box->claim_next(now).value();
  REQUIRE(c1.has_value());
  CHECK(c1->info.instance_id == a);  // oldest first
  CHECK(c1->info.state == State::sending);
  CHECK(c1->info.attempts == 1);
  CHECK(box->find(a).value()->state == State::sending);  // committed before any send
  REQUIRE(box->mark_retry(c1->info.id, "the server had a problem (HTTP 500)", 500, now + 60000, false).ok());

  auto c2 = box->claim_next(now).value();
  REQUIRE(c2.has_value());
  CHECK(c2->info.instance_id == b);  // a is not due yet
  REQUIRE(box->mark_failed_permanent(c2->info.id, "HTTP 409", 409).ok());
  CHECK_FALSE(box->claim_next(now).value().has_value());
  CHECK(box->next_due_at().value().value() == now + 60000);

  auto counts = box->counts().value();
  CHECK(counts.queued == 1);
  CHECK(counts.failed_permanent == 1);
  CHECK(box->find(a).value()->last_error == "the server had a problem (HTTP 500)");
  CHECK(box->find(a).value()->last_http_status == 500);

  CHECK(box->requeue_failed(now).value() == 1);
  auto c3 = box->claim_next(now).value();
  REQUIRE(c3.has_value());
  CHECK(c3->info.instance_id == b);
  CHECK(c3->info.attempts == 2);
  REQUIRE(box->mark_sent(c3->info.id, now, 201).ok());
  CHECK(box->find(b).value()->state == State::sent);
  // A late second answer for the same attempt changes nothing.
  REQUIRE(box->mark_retry(c3->info.id, "late", 500, now + 1, true).ok());
  CHECK(box->find(b).value()->state == State::sent);
}

TEST_CASE("claim_due claims a batch in one go, batch mark_sent and release end it", "[outbox]") {
  const auto dir = odk_test::fresh_dir("batch");
  auto box = open_box(dir);
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(odk_test::enqueue_one(*box));
  const int64_t now = kiosk::outbox::now_ms();

  auto batch = box->claim_due(now, 3).value();
  REQUIRE(batch.size() == 3);
  for (size_t i = 0; i < 3; ++i) {
    CHECK(batch[i].info.instance_id == ids[i]);  // oldest first
    CHECK(batch[i].info.attempts == 1);
    CHECK(box->find(ids[i]).value()->state == State::sending);
  }
  CHECK(box->find(ids[3]).value()->state == State::queued);
  REQUIRE(box->mark_sent({{batch[0].info.id, 201}, {batch[1].info.id, 202}}, now).ok());
  REQUIRE(box->release(batch[2].info.id).ok());
  CHECK(box->find(ids[0]).value()->state == State::sent);
  CHECK(box->find(ids[1]).value()->last_http_status == 202);
  CHECK(box->find(ids[2]).value()->state == State::queued);
  CHECK(box->find(ids[2]).value()->attempts == 0);
  CHECK(box->claim_due(now, 10).value().size() == 3);  // ids 2..4
  CHECK(box->claim_due(now, 10).value().empty());
}

TEST_CASE("a record left 'sending' by a killed process is queued again on reopen", "[outbox]") {
  const auto dir = odk_test::fresh_dir("recover");
  const auto id = [&] {
    auto box = open_box(dir);
    return odk_test::enqueue_one(*box);
  }();
  // Mark it 'sending' for a process that does not exist.
  const fs::path db = dir / "outbox.sqlite";
  pragma(db, "UPDATE records SET state='sending', attempts=1, owner_pid=2147483000, owner_start=5");
  auto box = open_box(dir);
  auto info = box->find(id).value().value();
  CHECK(info.state == State::queued);
  CHECK(info.attempts == 1);
  CHECK(info.last_error.find("interrupted") != std::string::npos);
  // But a record this live process is sending is left alone by another open.
  auto claim = box->claim_next(kiosk::outbox::now_ms()).value();
  REQUIRE(claim.has_value());
  auto second = open_box(dir);
  CHECK(second->find(id).value()->state == State::sending);
}

TEST_CASE("purge deletes only acknowledged records older than the retention", "[outbox]") {
  const auto dir = odk_test::fresh_dir("purge");
  auto box = open_box(dir);
  const int64_t now = kiosk::outbox::now_ms();
  const int64_t day = 86400LL * 1000;
  const auto old_sent = odk_test::enqueue_one(*box);
  const auto new_sent = odk_test::enqueue_one(*box);
  const auto unsent = odk_test::enqueue_one(*box);
  auto c = box->claim_next(now).value();
  REQUIRE(box->mark_sent(c->info.id, now - 40 * day, 201).ok());
  c = box->claim_next(now).value();
  REQUIRE(box->mark_sent(c->info.id, now - 2 * day, 201).ok());
  c = box->claim_next(now).value();
  REQUIRE(box->mark_failed_permanent(c->info.id, "409", 409).ok());
  CHECK(box->purge(now, 30).value() == 1);
  CHECK_FALSE(box->find(old_sent).value().has_value());
  CHECK(box->find(new_sent).value().has_value());
  CHECK(box->purge(now, 0).value() == 1);
  CHECK_FALSE(box->find(new_sent).value().has_value());
  CHECK(box->find(unsent).value().has_value());  // never before the server acknowledged it
  CHECK(box->purge(now + 10000 * day, 0).value() == 0);
}

TEST_CASE("the database and its WAL contain none of the typed answers in plaintext", "[outbox]") {
  const auto dir = odk_test::fresh_dir("plaintext");
  auto box = open_box(dir);  // kept open: the WAL file stays as written
  // Distinctive typed answers in several scripts (made-up test data).
  const std::vector<std::string> answers = {
      "Zarmina-Qx7-Habibzada", "Тимофеенко-Жц9-Оксана", "گلالۍ-ک۷-نورزی",
      "Crossed at night near Qorghon, uncle arrested", "+7-701-555-0199"};
  std::vector<std::string> ids;
  for (int i = 0; i < 25; ++i) {
    const std::string id = kiosk::seal::new_instance_id();
    std::string xml = odk_test::petition_xml(id, answers[static_cast<size_t>(i) % 3], answers[3] + " " + answers[4]);
    REQUIRE(box->enqueue(odk_test::demo_key(), xml, id, odk_test::test_form()).ok());
    ids.push_back(id);
  }
  std::string disk;
  for (const char* f : {"outbox.sqlite", "outbox.sqlite-wal", "outbox.sqlite-shm"})
    if (fs::exists(dir / f)) disk += odk_test::read_file((dir / f).string());
  REQUIRE(fs::exists(dir / "outbox.sqlite-wal"));
  // Positive control: the bytes read are the records (instanceIDs are there).
  CHECK(disk.find(ids.front()) != std::string::npos);
  CHECK(disk.find(ids.back()) != std::string::npos);
  for (const auto& a : answers) {
    INFO(a);
    CHECK(disk.find(a) == std::string::npos);
  }
  CHECK(disk.find("<full_name>") == std::string::npos);
  // ...while the office can read them back with its private key.
  auto rec = box->load(ids.front()).value().value();
  CHECK(odk_test::open_submission(rec.sealed.manifest_xml, rec.sealed.encrypted_xml).xml.find(answers[0]) !=
        std::string::npos);
  // No other file (temp, journal) appeared in the data directory.
  for (const auto& e : fs::directory_iterator(dir)) {
    const auto n = e.path().filename().string();
    CHECK((n == "outbox.sqlite" || n == "outbox.sqlite-wal" || n == "outbox.sqlite-shm"));
  }
}

TEST_CASE("USB export writes the ODK layout, keeps records queued, and import queues them unchanged",
          "[outbox][export]") {
  const auto dir = odk_test::fresh_dir("export");
  auto box = open_box(dir / "kiosk");
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) ids.push_back(odk_test::enqueue_one(*box, "Person " + std::to_string(i)));
  const int64_t now = kiosk::outbox::now_ms();
  // One already acknowledged: not exported by default.
  auto c = box->claim_next(now).value();
  REQUIRE(box->mark_sent(c->info.id, now, 201).ok());

  auto rep = kiosk::outbox::export_records(*box, dir / "usb", "test-kiosk");
  REQUIRE(rep.ok());
  CHECK(rep->written == 2);
  const fs::path inst = dir / "usb" / "odk" / "instances";
  for (size_t i = 1; i < 3; ++i) {
    const fs::path d = inst / ("asylum_petition_" + ids[i].substr(5));
    REQUIRE(fs::exists(d / "submission.xml"));
    REQUIRE(fs::exists(d / "submission.xml.enc"));
    auto o = odk_test::open_submission(odk_test::read_file((d / "submission.xml").string()),
                                       odk_test::read_file((d / "submission.xml.enc").string()));
    CHECK(o.ok);
    CHECK(o.signature_ok);
    CHECK(o.xml.find("Person " + std::to_string(i)) != std::string::npos);
  }
  CHECK_FALSE(fs::exists(inst / ("asylum_petition_" + ids[0].substr(5))));
  CHECK(fs::exists(dir / "usb" / "odk" / "asylum-kiosk-export.json"));
  CHECK(fs::exists(dir / "usb" / "odk" / "README.txt"));
  auto counts = box->counts().value();
  CHECK(counts.queued == 2);  // export never changes the state
  CHECK(counts.exported_unsent == 2);
  CHECK(box->find(ids[1]).value()->exported_at > 0);

  // Import on another machine: same bytes, queued; importing twice is harmless.
  auto other = open_box(dir / "office");
  auto imp = kiosk::outbox::import_records(*other, dir / "usb");
  REQUIRE(imp.ok());
  CHECK(imp->added == 2);
  CHECK(imp->problems.empty());
  CHECK(kiosk::outbox::import_records(*other, dir / "usb").value().already == 2);
  for (size_t i = 1; i < 3; ++i) {
    auto a = box->load(ids[i]).value().value();
    auto b = other->load(ids[i]).value().value();
    CHECK(a.sealed.manifest_xml == b.sealed.manifest_xml);
    CHECK(a.sealed.encrypted_xml == b.sealed.encrypted_xml);
  }
  // A damaged copy is refused.
  {
    std::ofstream f(inst / ("asylum_petition_" + ids[1].substr(5)) / "submission.xml.enc",
                    std::ios::binary | std::ios::app);
    f << "x";
  }
  auto third = open_box(dir / "third");
  auto bad = kiosk::outbox::import_records(*third, dir / "usb").value();
  CHECK(bad.added == 1);
  REQUIRE(bad.problems.size() == 1);
  CHECK(bad.problems[0].find("damaged") != std::string::npos);
}

TEST_CASE("test submissions are marked and carry no person's data", "[outbox]") {
  const std::string id = kiosk::seal::new_instance_id();
  const std::string xml = kiosk::outbox::test_submission_xml(odk_test::test_form(), id, 3, "kiosk-1");
  CHECK(xml.find("TEST RECORD") != std::string::npos);
  CHECK(xml.find("<instanceID>" + id + "</instanceID>") != std::string::npos);
  CHECK(xml.find("version=\"2026112101\"") != std::string::npos);
  const auto dir = odk_test::fresh_dir("testrec");
  auto box = open_box(dir);
  std::string copy = xml;
  auto rec = box->enqueue(odk_test::demo_key(), copy, id, odk_test::test_form(), true);
  REQUIRE(rec.ok());
  CHECK(rec->test);
  CHECK(box->counts()->test == 1);
}

TEST_CASE("an export that cannot be written marks nothing as exported", "[outbox][export]") {
  const auto dir = odk_test::fresh_dir("export-fail");
  auto box = open_box(dir / "kiosk");
  const auto id = odk_test::enqueue_one(*box);
  { std::ofstream(dir / "not-a-drive") << "a file where the USB folder should be"; }
  auto rep = kiosk::outbox::export_records(*box, dir / "not-a-drive" / "usb", "test-kiosk");
  REQUIRE_FALSE(rep.ok());
  CHECK(rep.error().code == kiosk::Errc::io);
  CHECK(box->find(id).value()->exported_at == 0);
  CHECK(box->counts()->exported_unsent == 0);
  CHECK(box->find(id).value()->state == State::queued);
}
