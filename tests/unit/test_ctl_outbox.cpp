// The outbox commands of asylum-kioskctl, run as a staff member would:
// queue test-submission / status / list, sync, export, import, purge.
#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>

#include "fake_openrosa.hpp"
#include "outbox_fixtures.hpp"

namespace fs = std::filesystem;

namespace {

struct Run {
  int code = -1;
  std::string out;
};

Run ctl(const fs::path& config, const std::string& args) {
  const std::string cmd = std::string(KIOSK_BINARY_DIR) + "/ctl/asylum-kioskctl --config " + config.string() +
                          " " + args + " 2>&1";
  Run r;
  FILE* p = ::popen(cmd.c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  const int st = ::pclose(p);
  r.code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return r;
}

fs::path site(const fs::path& dir, const std::string& name, const std::string& url) {
  fs::copy_file(std::string(KIOSK_SOURCE_DIR) + "/kiosk-config/demo-office-public.pem", dir / "key.pem",
                fs::copy_options::overwrite_existing);
  { std::ofstream(dir / "credentials") << "testtoken\n"; }
  ::chmod((dir / "credentials").c_str(), 0600);
  const fs::path p = dir / (name + ".toml");
  std::ofstream(p) << "[site]\nid = \"" << name << "\"\nkind = \"airport\"\noffice = \"desp-almaty\"\n"
                   << "[staff]\npin_hash = \"pbkdf2-sha256$1000$ZmljdGl0aW91cy1zYWx0IQ==$/bOA1KlQLBYixDlR773EOwczibh50Jiou6DypZx6XXw=\"\n"
                   << "[outbox]\ndata_dir = \"" << name << "-data\"\n"
                   << "[sync]\nenabled = false\nserver_url = \"" << url << "\"\nproject_id = 1\n"
                   << "form_id = \"asylum_petition\"\ncredentials_file = \"credentials\"\n"
                   << "public_key_file = \"key.pem\"\nrequest_timeout_seconds = 2\n";
  return p;
}

}  // namespace

TEST_CASE("kioskctl: test records go to USB at a post without network and are pushed from the office",
          "[ctl][outbox]") {
  odk_test::FakeCentral server;
  const fs::path dir = odk_test::fresh_dir("ctl");
  const fs::path border = site(dir, "border-post", "http://127.0.0.1:" + std::to_string(odk_test::unused_port()));
  const fs::path office = site(dir, "office", server.url());

  auto r = ctl(border, "queue test-submission --count 3");
  REQUIRE(r.code == 0);
  CHECK(r.out.find("queued test record uuid:") != std::string::npos);
  r = ctl(border, "queue status");
  CHECK(r.code == 0);
  CHECK(r.out.find("queued            3") != std::string::npos);
  CHECK(r.out.find("last sync: never") != std::string::npos);

  // The border post has no network: sync says so and keeps everything.
  r = ctl(border, "sync");
  CHECK(r.code == 1);
  CHECK(r.out.find("result: offline") != std::string::npos);
  CHECK(r.out.find("testtoken") == std::string::npos);  // the token is never printed

  r = ctl(border, "export " + (dir / "usb").string());
  REQUIRE(r.code == 0);
  CHECK(r.out.find("3 sealed records written") != std::string::npos);
  r = ctl(border, "queue status");
  CHECK(r.out.find("exported, unsent  3") != std::string::npos);
  CHECK(r.out.find("last sync: ") != std::string::npos);
  CHECK(r.out.find("offline") != std::string::npos);

  // At the office: import pushes them to the server.
  r = ctl(office, "import " + (dir / "usb").string());
  INFO(r.out);
  CHECK(r.code == 0);
  CHECK(r.out.find("3 records queued") != std::string::npos);
  CHECK(server.stored().size() == 3);
  for (const auto& [id, st] : server.stored()) CHECK(st.xml.find("TEST RECORD") != std::string::npos);

  // Later the border post gets a network: its copies are accepted again
  // (identical bytes), still three records on the server.
  const fs::path border_online = site(dir, "border-post", server.url());
  r = ctl(border_online, "sync");
  CHECK(r.code == 0);
  CHECK(r.out.find("3 sent") != std::string::npos);
  CHECK(server.stored().size() == 3);
  CHECK(server.duplicate_count() == 3);
  r = ctl(border_online, "purge --days 0");
  CHECK(r.code == 0);
  CHECK(r.out.find("3 acknowledged records") != std::string::npos);
  r = ctl(border_online, "queue list");
  CHECK(r.out.find("uuid:") == std::string::npos);
}

TEST_CASE("kioskctl: a crafted USB index is refused with a sentence, saved papers are listed and deleted",
          "[ctl][outbox][faults]") {
  const fs::path dir = odk_test::fresh_dir("ctl-faults");
  const fs::path kiosk = site(dir, "kiosk-a", "http://127.0.0.1:9");
  REQUIRE(ctl(kiosk, "queue test-submission --count 2").code == 0);
  REQUIRE(ctl(kiosk, "export " + (dir / "usb").string()).code == 0);
  // An index whose instances are a list (this made import abort before).
  { std::ofstream(dir / "usb" / "odk" / "asylum-kiosk-export.json") << R"({"instances":[1,2]})"; }
  const fs::path office = site(dir, "office-a", "http://127.0.0.1:9");
  auto r = ctl(office, "import --no-sync " + (dir / "usb").string());
  CHECK(r.code == 1);
  CHECK(r.out.find("export index is damaged") != std::string::npos);
  // queue status counts damaged records.
  CHECK(ctl(kiosk, "queue status").out.find("damaged           0") != std::string::npos);

  // Saved papers: a private folder, listed by reference, deleted by staff.
  const fs::path saved = dir / "kiosk-a-data" / "saved-papers";
  fs::create_directories(saved);
  { std::ofstream(saved / "petition-AB12-CD34.pdf") << "%PDF test"; }
  { std::ofstream(saved / "receipt-AB12-CD34.pdf") << "%PDF test"; }
  r = ctl(kiosk, "saved-papers list");
  CHECK(r.code == 0);
  CHECK(r.out.find("AB12-CD34") != std::string::npos);
  CHECK(r.out.find("1 saved papers") != std::string::npos);
  CHECK(ctl(kiosk, "saved-papers delete AB12-CD34").code == 0);
  CHECK_FALSE(fs::exists(saved / "petition-AB12-CD34.pdf"));
  CHECK(ctl(kiosk, "saved-papers delete AB12-CD34").code == 1);
  CHECK(ctl(kiosk, "saved-papers bogus").code == 2);
}
