#include <catch2/catch.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "locale/language.hpp"
#include "config/config.hpp"

namespace fs = std::filesystem;
using kiosk::check_config;
using kiosk::Config;

namespace {

// A temp dir of this process: CTest runs test cases in parallel processes.
fs::path test_dir() {
  return fs::temp_directory_path() / ("kiosk-config-test-" + std::to_string(::getpid()));
}

// Writes `text` to a fresh file in a temp dir, next to a copy of the demo key.
fs::path write_config(const std::string& name, const std::string& text) {
  const fs::path dir = test_dir();
  fs::create_directories(dir);
  fs::copy_file(fs::path(KIOSK_SOURCE_DIR) / "kiosk-config/demo-office-public.pem",
                dir / "key.pem", fs::copy_options::overwrite_existing);
  const fs::path p = dir / name;
  std::ofstream(p) << text;
  return p;
}

const char* kMinimal = R"([site]
id = "t"
kind = "airport"
office = "desp-almaty"
[staff]
pin_hash = "pbkdf2-sha256$1000$ZmljdGl0aW91cy1zYWx0IQ==$/bOA1KlQLBYixDlR773EOwczibh50Jiou6DypZx6XXw="
[outbox]
data_dir = "data"
[sync]
public_key_file = "key.pem"
)";

}  // namespace

TEST_CASE("the demo config is valid", "[config]") {
  Config c;
  const auto problems = check_config(fs::path(KIOSK_SOURCE_DIR) / "kiosk-config/demo.toml", c);
  for (const auto& p : problems) INFO(p.describe());
  CHECK(problems.empty());
  CHECK(c.site.id == "demo-almaty-desp");
  CHECK(c.site.kind == kiosk::SiteKind::desp_office);
  CHECK(c.kiosk.languages.size() == kiosk::languages().size());  // the demo offers every language
}

TEST_CASE("a minimal config gets defaults and resolves paths next to the file", "[config]") {
  Config c;
  const fs::path p = write_config("minimal.toml", kMinimal);
  const auto problems = check_config(p, c);
  for (const auto& pr : problems) INFO(pr.describe());
  REQUIRE(problems.empty());
  CHECK(c.site.kind == kiosk::SiteKind::airport);
  CHECK(c.site.petition_language == "ru");
  CHECK(c.kiosk.idle_warning_seconds == 90);
  CHECK(c.outbox.data_dir == p.parent_path() / "data");
}

TEST_CASE("config problems carry the line they are on", "[config]") {
  Config c;
  const auto problems =
      check_config(fs::path(KIOSK_TEST_FIXTURES) / "bad-config.toml", c);
  auto has = [&](int line, const std::string& part) {
    for (const auto& p : problems)
      if (p.line == line && p.message.find(part) != std::string::npos) return true;
    return false;
  };
  CHECK(has(4, "site.kind"));
  CHECK(has(6, "petition_language"));
  CHECK(has(9, "\"de\""));
  CHECK(has(10, "whole number"));
  CHECK(has(11, "unknown key kiosk.colour"));
  CHECK(has(14, "staff.pin_hash"));
  CHECK(has(18, "retention_days"));
  CHECK(has(22, "sync.server_url"));
  CHECK(has(23, "public key"));
  CHECK(has(25, "unknown section [extras]"));
  // An invalid server_url is not also reported as missing.
  CHECK_FALSE(has(21, "server_url is missing"));
  CHECK(has(21, "form_id is missing"));
}

TEST_CASE("a missing file and broken TOML are reported, not thrown", "[config]") {
  Config c;
  auto problems = check_config("/nonexistent/kiosk.toml", c);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message.find("does not exist") != std::string::npos);

  const fs::path p = write_config("broken.toml", "[site]\nid = \"x\nkind = 3\n");
  problems = check_config(p, c);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].line == 2);
  CHECK(problems[0].message.rfind("not valid TOML", 0) == 0);
}

TEST_CASE("a credentials file readable by others is refused", "[config]") {
  const fs::path dir = test_dir();
  fs::create_directories(dir);
  const fs::path cred = dir / "cred";
  std::ofstream(cred) << "token";
  ::chmod(cred.c_str(), 0644);
  std::string text = kMinimal;
  text += "credentials_file = \"cred\"\n";
  Config c;
  auto problems = check_config(write_config("cred.toml", text), c);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].message.find("chmod 600") != std::string::npos);
  ::chmod(cred.c_str(), 0600);
  problems = check_config(write_config("cred.toml", text), c);
  CHECK(problems.empty());
}

TEST_CASE("enabled sync needs its server settings", "[config]") {
  std::string text = kMinimal;
  text += "enabled = true\n";
  Config c;
  const auto problems = check_config(write_config("sync.toml", text), c);
  CHECK(problems.size() == 4);  // url, form id, credentials, project id
}

TEST_CASE("load_config fails with the first problem and its place", "[config]") {
  auto r = kiosk::load_config(fs::path(KIOSK_TEST_FIXTURES) / "bad-config.toml");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().where.find("bad-config.toml:") != std::string::npos);
}

TEST_CASE("I need help: the wait, the command and the assisted limit are checked", "[config]") {
  Config c;
  const std::string kiosk_ok = std::string(kMinimal) +
                               "[kiosk]\nhelp_wait_seconds = 900\nhelp_command = [\"/usr/bin/touch\", \"/tmp/x\"]\n"
                               "help_command_seconds = 5\nassisted_idle_seconds = 1800\n";
  auto problems = check_config(write_config("help-ok.toml", kiosk_ok), c);
  for (const auto& p : problems) INFO(p.describe());
  REQUIRE(problems.empty());
  CHECK(c.kiosk.help_wait_seconds == 900);
  CHECK(c.kiosk.help_command == std::vector<std::string>{"/usr/bin/touch", "/tmp/x"});
  CHECK(c.kiosk.help_command_seconds == 5);
  CHECK(c.kiosk.assisted_idle_seconds == 1800);
  auto has = [&](const std::string& part) {
    for (const auto& p : problems)
      if (p.message.find(part) != std::string::npos) return true;
    return false;
  };
  problems = check_config(write_config("help-bad.toml", std::string(kMinimal) +
                                                           "[kiosk]\nhelp_wait_seconds = 5\n"
                                                           "help_command = [\"ring-the-bell; rm -rf /\"]\n"
                                                           "assisted_idle_seconds = 99999\n"),
                          c);
  CHECK(has("kiosk.help_wait_seconds must be between 60 and 7200"));
  CHECK(has("not a program the kiosk can run"));
  CHECK(has("kiosk.assisted_idle_seconds must be between"));
}
