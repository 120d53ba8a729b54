// Faults of the outbox (issue 18): one damaged record does not block the
// others, and every storage error names the file and the cause.
#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#include "outbox/transfer.hpp"
#include "odk_decrypt.hpp"
#include "outbox_fixtures.hpp"

namespace fs = std::filesystem;
using kiosk::outbox::Outbox;
using kiosk::outbox::State;

namespace {

std::string slurp(const fs::path& p) { return odk_test::read_file(p.string()); }

// Flips one byte inside the stored sealed bytes of `instance_id`, in the
// database file itself (as a failing disk would): finds the bytes, changes one.
void flip_byte_on_disk(const fs::path& dir, const std::string& instance_id) {
  std::string enc;
  {
    auto box = Outbox::open(dir).value();
    enc = box->load(instance_id).value().value().sealed.encrypted_xml;
  }  // closing the last connection checkpoints the WAL into the file
  const fs::path db = dir / "outbox.sqlite";
  std::string bytes = slurp(db);
  const auto at = bytes.find(enc.substr(0, 48));
  REQUIRE(at != std::string::npos);
  REQUIRE(bytes.find(enc.substr(0, 48), at + 1) == std::string::npos);
  bytes[at + 20] = static_cast<char>(bytes[at + 20] ^ 0x01);
  std::ofstream(db, std::ios::binary | std::ios::trunc).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

TEST_CASE("one damaged record is set aside, sync claims and USB export go on with the others",
          "[outbox][faults]") {
  const auto dir = odk_test::fresh_dir("damaged");
  std::vector<std::string> ids;
  {
    auto box = Outbox::open(dir).value();
    for (int i = 0; i < 30; ++i) ids.push_back(odk_test::enqueue_one(*box, "Person " + std::to_string(i)));
  }
  const std::string bad = ids[7];
  flip_byte_on_disk(dir, bad);

  auto box = Outbox::open(dir).value();
  // The integrity check names the damaged record by reference.
  const std::string integrity = box->check_integrity().value();
  CHECK(integrity.find(bad) != std::string::npos);

  // Sync: every other record is claimed; the damaged one is set aside.
  auto claimed = box->claim_due(kiosk::outbox::now_ms(), 100);
  REQUIRE(claimed.ok());
  CHECK(claimed->size() == 29);
  for (const auto& r : *claimed) CHECK(r.info.instance_id != bad);
  const auto info = box->find(bad).value().value();
  CHECK(info.state == State::damaged);
  CHECK(info.last_error.find("checksum") != std::string::npos);
  auto c = box->counts().value();
  CHECK(c.damaged == 1);
  CHECK(c.sending == 29);
  CHECK(c.unsent() == 30);  // set aside is not lost
  for (const auto& r : *claimed) REQUIRE(box->release(r.info.id).ok());
  CHECK(std::string(kiosk::outbox::to_string(State::damaged)) == "damaged");

  // `queue list` (Outbox::list) shows it by reference, in its own state.
  bool listed = false;
  const auto rows = box->list().value();
  for (const auto& r : rows)
    if (r.instance_id == bad) listed = r.state == State::damaged;
  CHECK(listed);

  // USB export writes the 29 others.
  auto rep = kiosk::outbox::export_records(*box, dir / "usb", "test-kiosk");
  REQUIRE(rep.ok());
  CHECK(rep->written == 29);
  // A damaged record is not requeued by "retry failed".
  CHECK(box->requeue_failed(kiosk::outbox::now_ms()).value() == 0);
  CHECK(box->find(bad).value()->state == State::damaged);
}

TEST_CASE("an export meets a damaged record first: it is set aside and the rest is written",
          "[outbox][faults]") {
  const auto dir = odk_test::fresh_dir("damaged-export");
  std::vector<std::string> ids;
  {
    auto box = Outbox::open(dir).value();
    for (int i = 0; i < 3; ++i) ids.push_back(odk_test::enqueue_one(*box));
  }
  flip_byte_on_disk(dir, ids[0]);
  auto box = Outbox::open(dir).value();
  auto rep = kiosk::outbox::export_records(*box, dir / "usb", "test-kiosk");
  REQUIRE(rep.ok());
  CHECK(rep->written == 2);
  CHECK(box->counts()->damaged == 1);
}

TEST_CASE("a schema 1 outbox is migrated with its records kept", "[outbox][faults]") {
  const auto dir = odk_test::fresh_dir("migrate1");
  std::string id;
  {
    auto box = Outbox::open(dir).value();
    id = odk_test::enqueue_one(*box);
  }
  // Make it look like a schema-1 database: the old table (no 'damaged').
  sqlite3* h = nullptr;
  REQUIRE(sqlite3_open((dir / "outbox.sqlite").c_str(), &h) == SQLITE_OK);
  const char* down =
      "BEGIN; CREATE TABLE r1 AS SELECT * FROM records; DROP TABLE records; "
      "CREATE TABLE records (id INTEGER PRIMARY KEY, instance_id TEXT NOT NULL UNIQUE, form_id TEXT NOT NULL, "
      "form_version TEXT NOT NULL DEFAULT '', manifest_xml BLOB NOT NULL, encrypted_xml BLOB NOT NULL, "
      "payload_sha256 TEXT NOT NULL, state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN "
      "('queued','sending','sent','failed_permanent')), attempts INTEGER NOT NULL DEFAULT 0, last_error TEXT "
      "NOT NULL DEFAULT '', last_http_status INTEGER NOT NULL DEFAULT 0, network_failure INTEGER NOT NULL "
      "DEFAULT 0, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, next_attempt_at INTEGER NOT NULL "
      "DEFAULT 0, sent_at INTEGER NOT NULL DEFAULT 0, exported_at INTEGER NOT NULL DEFAULT 0, owner_pid "
      "INTEGER NOT NULL DEFAULT 0, owner_start INTEGER NOT NULL DEFAULT 0, is_test INTEGER NOT NULL DEFAULT 0); "
      "INSERT INTO records SELECT * FROM r1; DROP TABLE r1; "
      "CREATE INDEX records_due ON records (state, next_attempt_at); PRAGMA user_version=1; COMMIT;";
  REQUIRE(sqlite3_exec(h, down, nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(h);
  auto box = Outbox::open(dir).value();
  CHECK(box->find(id).value()->state == State::queued);
  CHECK(box->check_integrity().value() == "ok");
}

TEST_CASE("storage errors name the outbox file and the cause", "[outbox][faults]") {
  if (::geteuid() == 0) {
    WARN("running as root: permissions do not stop root; the path part is still checked below");
  }
  const auto dir = odk_test::fresh_dir("readonly");
  {
    auto box = Outbox::open(dir / "data").value();
    odk_test::enqueue_one(*box);
  }
  // A data_dir that is a file: names the directory and says why.
  { std::ofstream(dir / "file") << "x"; }
  auto notdir = Outbox::open(dir / "file");
  REQUIRE_FALSE(notdir.ok());
  CHECK(notdir.error().describe().find((dir / "file").string()) != std::string::npos);
  CHECK(notdir.error().message.find("(") != std::string::npos);
  // A database that is not a database: the file and SQLite's reason.
  fs::create_directories(dir / "junk");
  { std::ofstream(dir / "junk" / "outbox.sqlite") << std::string(4096, 'j'); }
  auto junk = Outbox::open(dir / "junk");
  REQUIRE_FALSE(junk.ok());
  CHECK(junk.error().describe().find((dir / "junk" / "outbox.sqlite").string()) != std::string::npos);
  CHECK(junk.error().message.find("not a database") != std::string::npos);
  if (::geteuid() != 0) {
    // A read-only outbox directory and file.
    ::chmod((dir / "data" / "outbox.sqlite").c_str(), 0400);
    ::chmod((dir / "data").c_str(), 0500);
    auto ro = Outbox::open(dir / "data");
    if (ro) {
      std::string xml = odk_test::petition_xml(kiosk::seal::new_instance_id(), "A", "B");
      const std::string id = kiosk::seal::new_instance_id();
      xml = odk_test::petition_xml(id, "A", "B");
      auto e = (*ro)->enqueue(odk_test::demo_key(), xml, id, odk_test::test_form());
      REQUIRE_FALSE(e.ok());
      CHECK(e.error().where.find("outbox.sqlite") != std::string::npos);
    } else {
      CHECK(ro.error().where.find("outbox.sqlite") != std::string::npos);
      CHECK(ro.error().message.find("SQLite") != std::string::npos);
    }
    ::chmod((dir / "data").c_str(), 0700);
  }
}

namespace {

// An export of `n` records in dir/usb; returns the instance folders.
std::vector<fs::path> make_export(const fs::path& dir, int n) {
  auto box = Outbox::open(dir / "kiosk").value();
  for (int i = 0; i < n; ++i) odk_test::enqueue_one(*box);
  REQUIRE(kiosk::outbox::export_records(*box, dir / "usb", "test-kiosk").ok());
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir / "usb" / "odk" / "instances")) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("import refuses symlinked records and files, FIFOs and oversized files", "[outbox][import][faults]") {
  const auto dir = odk_test::fresh_dir("import-links");
  auto folders = make_export(dir, 4);
  // A record folder that is a symlink to a real record elsewhere.
  const auto elsewhere = dir / "elsewhere";
  fs::create_directories(elsewhere);
  fs::rename(folders[0], elsewhere / "rec");
  fs::create_directory_symlink(elsewhere / "rec", folders[0]);
  // A submission.xml.enc that is a symlink to a file outside the export.
  const auto enc1 = folders[1] / "submission.xml.enc";
  fs::rename(enc1, elsewhere / "enc1");
  fs::create_symlink(elsewhere / "enc1", enc1);
  // A FIFO as the manifest (reading it would hang).
  const auto man2 = folders[2] / "submission.xml";
  fs::remove(man2);
  REQUIRE(::mkfifo(man2.c_str(), 0600) == 0);

  auto other = Outbox::open(dir / "office").value();
  auto rep = kiosk::outbox::import_records(*other, dir / "usb");
  REQUIRE(rep.ok());
  CHECK(rep->added == 1);
  REQUIRE(rep->problems.size() == 3);
  std::string all;
  for (const auto& p : rep->problems) all += p + "\n";
  CHECK(all.find("symbolic link") != std::string::npos);
  CHECK(all.find("not a regular file") != std::string::npos);
  CHECK(other->counts()->queued == 1);

  // An oversized encrypted file is refused without reading it all.
  const auto enc3 = folders[3] / "submission.xml.enc";
  {
    std::ofstream f(enc3, std::ios::binary | std::ios::trunc);
    f.seekp(static_cast<std::streamoff>(kiosk::outbox::kMaxImportEncryptedBytes) + 16);
    f.put('x');
  }
  auto third = Outbox::open(dir / "third").value();
  auto big = kiosk::outbox::import_records(*third, dir / "usb").value();
  CHECK(big.added == 0);
  bool too_large = false;
  for (const auto& p : big.problems) too_large = too_large || p.find("too large") != std::string::npos;
  CHECK(too_large);

  // A symlinked odk folder is refused as a whole.
  fs::create_directories(dir / "linked");
  fs::create_directory_symlink(dir / "usb" / "odk", dir / "linked" / "odk");
  auto linked = kiosk::outbox::import_records(*third, dir / "linked");
  REQUIRE_FALSE(linked.ok());
  CHECK(linked.error().message.find("symbolic link") != std::string::npos);
}

TEST_CASE("import of a crafted index gives a plain message, never an exception", "[outbox][import][faults]") {
  const auto dir = odk_test::fresh_dir("import-index");
  auto folders = make_export(dir, 2);
  const auto index = dir / "usb" / "odk" / "asylum-kiosk-export.json";
  const std::string good = slurp(index);
  auto box = Outbox::open(dir / "office").value();
  auto import_with = [&](const std::string& text) {
    std::ofstream(index, std::ios::binary | std::ios::trunc) << text;
    return kiosk::outbox::import_records(*box, dir / "usb");
  };
  // "instances" of the wrong type: refused with a sentence.
  auto a = import_with(R"({"format":"asylum-kiosk-export","instances":[1,2,3]})");
  REQUIRE_FALSE(a.ok());
  CHECK(a.error().message.find("damaged") != std::string::npos);
  // Entries of the wrong type and checksums that are numbers: per record problems.
  nlohmann::json j = nlohmann::json::parse(good);
  auto it = j["instances"].begin();
  const std::string first = it.key();
  const std::string second = std::next(it).key();
  j["instances"][first] = 42;
  j["instances"][second]["manifest_sha256"] = 12345;
  j["instances"][second]["test"] = "yes";
  auto b = import_with(j.dump());
  REQUIRE(b.ok());
  CHECK(b->added == 0);
  CHECK(b->problems.size() == 2);
  // Not JSON at all.
  auto c = import_with("{not json");
  REQUIRE_FALSE(c.ok());
  CHECK(c.error().where == index.string());
  // An index that is a symlink.
  fs::remove(index);
  { std::ofstream(dir / "other.json") << good; }
  fs::create_symlink(dir / "other.json", index);
  auto d = kiosk::outbox::import_records(*box, dir / "usb");
  REQUIRE_FALSE(d.ok());
  CHECK(d.error().message.find("symbolic link") != std::string::npos);
}
