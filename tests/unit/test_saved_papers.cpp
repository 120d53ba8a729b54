// "Save for staff" papers (issue 18): private folder, a short life, listed,
// deleted (and the old plaintext to-print folder purged).
#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <utime.h>

#include <ctime>
#include <fstream>

#include "outbox_fixtures.hpp"
#include "print/saved.hpp"

namespace fs = std::filesystem;

namespace {

kiosk::SessionDocuments fake_docs(const std::string& ref) {
  kiosk::SessionDocuments d;
  d.reference = ref;
  const std::string body = "%PDF-1.4 Test Person story";
  d.petition.append(reinterpret_cast<const unsigned char*>(body.data()), body.size());
  d.receipt.append(reinterpret_cast<const unsigned char*>(body.data()), body.size());
  return d;
}

void age(const fs::path& p, int64_t seconds) {
  const std::time_t t = std::time(nullptr) - static_cast<std::time_t>(seconds);
  utimbuf times{t, t};
  REQUIRE(::utime(p.c_str(), &times) == 0);
}

}  // namespace

TEST_CASE("saved papers live in a private folder for a short, configured time", "[print][faults]") {
  const auto dir = odk_test::fresh_dir("saved-papers");
  kiosk::Config config;
  config.outbox.data_dir = dir;
  config.printer.saved_papers_hours = 2;
  const auto place = kiosk::saved_papers_place(config);
  CHECK(place.dir == dir / "saved-papers");
  CHECK(place.life == std::chrono::hours(2));

  auto a = kiosk::save_papers(fake_docs("K7M2-Q9"), place);
  REQUIRE(a.ok());
  CHECK(a->size() == 2);
  struct stat st {};
  REQUIRE(::stat(place.dir.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
  for (const auto& f : *a) {
    REQUIRE(::stat(f.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
  }
  REQUIRE(kiosk::save_papers(fake_docs("ZZ11-AB"), place).ok());
  auto listed = kiosk::list_saved_papers(place).value();
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].files.size() == 2);
  CHECK(listed[0].expires_at - listed[0].saved_at == 2 * 3600);

  // One is 3 hours old: gone at the next purge (e.g. kiosk start), with its bytes.
  for (const auto& f : *a) age(f, 3 * 3600);
  CHECK(kiosk::purge_saved_papers(place, std::time(nullptr)).value() == 2);
  for (const auto& f : *a) CHECK_FALSE(fs::exists(f));
  listed = kiosk::list_saved_papers(place).value();
  REQUIRE(listed.size() == 1);
  CHECK(listed[0].reference == "ZZ11-AB");

  // Staff delete the other one.
  REQUIRE(kiosk::delete_saved_papers(place, "ZZ11-AB").ok());
  CHECK(kiosk::list_saved_papers(place).value().empty());
  CHECK(kiosk::delete_saved_papers(place, "ZZ11-AB").error().code == kiosk::Errc::not_found);
  CHECK(kiosk::print_saved_papers(place, "ZZ11-AB", {}).error().code == kiosk::Errc::not_found);
}

TEST_CASE("the old plaintext to-print folder is purged, and a loose saved folder is made private",
          "[print][faults]") {
  const auto dir = odk_test::fresh_dir("saved-legacy");
  kiosk::Config config;
  config.outbox.data_dir = dir;
  const auto place = kiosk::saved_papers_place(config);
  fs::create_directories(dir / "to-print");
  { std::ofstream(dir / "to-print" / "petition-OLD1-23.pdf") << "%PDF old"; }
  age(dir / "to-print" / "petition-OLD1-23.pdf", 30 * 86400);
  fs::create_directories(place.dir);
  ::chmod(place.dir.c_str(), 0755);
  CHECK(kiosk::purge_saved_papers(place, std::time(nullptr)).value() == 1);
  CHECK_FALSE(fs::exists(dir / "to-print" / "petition-OLD1-23.pdf"));
  struct stat st {};
  REQUIRE(::stat(place.dir.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
  // A symlink as the folder is refused.
  fs::remove_all(place.dir);
  fs::create_directory_symlink(dir / "to-print", place.dir);
  CHECK_FALSE(kiosk::save_papers(fake_docs("AAAA-11"), place).ok());
}
