// The site loader (core/site): the kiosk, every kioskctl command and
// check-config load a site through it. The demo site loads whole; a problem
// in any file is a FILE:LINE problem and no site.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/paths.hpp"
#include "site/site.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kDemo = fs::path(KIOSK_SOURCE_DIR) / "kiosk-config/demo.toml";

// A copy of the data directory to break.
fs::path data_copy() {
  const fs::path dir = fs::temp_directory_path() / ("kiosk-site-test-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  fs::copy(kiosk::data_dir() / "assets", dir / "assets", fs::copy_options::recursive);
  fs::copy(kiosk::data_dir() / "locales", dir / "locales", fs::copy_options::recursive);
  return dir;
}

}  // namespace

TEST_CASE("the demo site loads whole: everything the screens need, before the first frame", "[site]") {
  const auto load = kiosk::load_site(kDemo);
  for (const auto& p : load.problems) INFO(p.describe());
  REQUIRE(load.problems.empty());
  REQUIRE(load.site);
  const kiosk::Site& site = *load.site;
  CHECK(site.config.site.id == "demo-almaty-desp");
  CHECK_FALSE(site.form.fields.empty());
  CHECK_FALSE(site.content.places.empty());
  CHECK(site.office_key.has_value());
  CHECK(site.addressee.find("Алматы") != std::string::npos);
  // Every layout any configured language shows, and the petition's.
  for (const auto& lang : site.config.kiosk.languages)
    for (const auto& id : kiosk::keyboards_for(lang)) {
      INFO(lang << " " << id);
      REQUIRE(site.keyboard(id));
      CHECK_FALSE(site.keyboard(id)->rows.empty());
    }
  CHECK(site.keyboard("nope") == nullptr);
  CHECK(site.config.line_of("staff.pin_hash") > 0);
}

TEST_CASE("the records part needs only the config and the office key", "[site]") {
  const fs::path data = data_copy();
  std::ofstream(data / "assets/form/petition.toml", std::ios::app) << "@@@\n";  // broken form
  const auto records = kiosk::load_site(kDemo, data, kiosk::SiteParts::records);
  CHECK(records.problems.empty());
  REQUIRE(records.site);
  CHECK(records.site->office_key.has_value());
  const auto whole = kiosk::load_site(kDemo, data);
  CHECK_FALSE(whole.site);
  REQUIRE(whole.problems.size() == 1);
  CHECK(whole.problems.front().file == (data / "assets/form/petition.toml").string());
  CHECK(whole.problems.front().line > 0);
  fs::remove_all(data);
}

TEST_CASE("a keyboard a language needs is missing, or broken: named before any typing", "[site]") {
  const fs::path data = data_copy();
  fs::remove(data / "assets/keyboards/uk.toml");
  std::ofstream(data / "assets/keyboards/kk.toml") << "name = \"Қазақша\"\nscript = \"Cyrl\"\nrows = [[\"а\"], [1]]\n";
  const auto load = kiosk::load_site(kDemo, data);
  CHECK_FALSE(load.site);
  std::vector<std::string> said;
  for (const auto& p : load.problems) said.push_back(p.describe());
  CHECK(std::find(said.begin(), said.end(),
                  (data / "assets/keyboards/uk.toml").string() + ": the keyboard \"uk\" is missing") != said.end());
  CHECK(std::find(said.begin(), said.end(),
                  (data / "assets/keyboards/kk.toml").string() + ":3: a key must be a text") != said.end());
  fs::remove_all(data);
}

TEST_CASE("what the site loader checks that check-config used to check alone", "[site]") {
  const fs::path data = data_copy();
  // sync.form_id names another form than petition.toml's: a problem at its line.
  const fs::path dir = data / "config";
  fs::create_directories(dir);
  fs::copy_file(kDemo.parent_path() / "demo-office-public.pem", dir / "demo-office-public.pem");
  std::ostringstream read;
  read << std::ifstream(kDemo).rdbuf();
  std::string text = read.str();
  const std::string from = "form_id = \"asylum_petition\"";
  REQUIRE(text.find(from) != std::string::npos);
  text.replace(text.find(from), from.size(), "form_id = \"another_form\"");
  std::ofstream(dir / "kiosk.toml") << text;
  auto load = kiosk::load_site(dir / "kiosk.toml", data);
  CHECK_FALSE(load.site);
  REQUIRE(load.problems.size() == 1);
  CHECK(load.problems.front().file == (dir / "kiosk.toml").string());
  CHECK(load.problems.front().line == kiosk::load_site(kDemo).site->config.line_of("sync.form_id"));
  CHECK(load.problems.front().message.find("is not the form's id \"asylum_petition\"") != std::string::npos);
  // A broken transliteration file: named, and no site.
  std::ofstream(data / "assets/translit/names.toml", std::ios::app) << "@@@\n";
  load = kiosk::load_site(kDemo, data);
  CHECK_FALSE(load.site);
  REQUIRE_FALSE(load.problems.empty());
  CHECK(load.problems.front().file.find("names.toml") != std::string::npos);
  fs::remove_all(data);
}
