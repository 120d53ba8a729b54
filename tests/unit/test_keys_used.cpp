// Every locale key the kiosk uses must exist in the reference language:
// the literal keys in app/ sources, and the keys made from the form
// definition (labels, options, group texts) and from validation.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "base/paths.hpp"
#include "form/form.hpp"
#include "locale/catalog.hpp"

namespace fs = std::filesystem;
using namespace kiosk;

namespace {

std::set<std::string> literal_keys_in(const fs::path& dir) {
  // t("key"), tr(code, "key"), ctx.t("key", ...)
  const std::regex call(R"re(\bt\(\s*"([a-z0-9_]+(\.[a-z0-9_]+)+)")re");
  const std::regex tr_call(R"re(\btr\(\s*[a-z_.()]+\s*,\s*"([a-z0-9_]+(\.[a-z0-9_]+)+)")re");
  std::set<std::string> keys;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.path().extension() != ".cpp" && e.path().extension() != ".hpp") continue;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string text = ss.str();
    for (const auto& re : {call, tr_call})
      for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
        keys.insert((*it)[1]);
  }
  return keys;
}

}  // namespace

TEST_CASE("every key the app uses exists in English", "[locale][keys]") {
  auto tr = Translations::load(data_dir() / "locales");
  REQUIRE(tr.ok());
  const auto& en = tr->catalog("en");
  const auto keys = literal_keys_in(fs::path(KIOSK_SOURCE_DIR) / "app");
  REQUIRE(keys.size() > 30);
  for (const auto& k : keys) {
    INFO("app/ uses " << k);
    CHECK(en.has(k));
  }
}

TEST_CASE("every form label, option and validation message has a text", "[locale][keys]") {
  auto tr = Translations::load(data_dir() / "locales");
  REQUIRE(tr.ok());
  auto form = load_form(data_dir() / "assets/form/petition.toml");
  REQUIRE(form.ok());
  const auto& en = tr->catalog("en");
  auto need = [&](const std::string& k) {
    INFO("missing " << k);
    CHECK(en.has(k));
  };
  for (const auto& f : form->fields) {
    need("form." + f.id + ".label");
    if (!f.section.empty()) need("form.section." + f.section);
    for (const auto& o : f.options) need("form." + f.id + ".option." + o);
    if (f.kind == FieldKind::group) {
      need("form." + f.id + ".hint");
      need("form." + f.id + ".empty");
      need("form." + f.id + ".add");
      for (const auto& sub : f.fields) {
        need("form." + f.id + "." + sub.id + ".label");
        for (const auto& o : sub.options) need("form." + f.id + "." + sub.id + ".option." + o);
      }
    }
  }
  for (const char* e : {"required", "too_long", "name_digits", "date", "date_future",
                        "date_too_old", "choice", "none_and_other", "phone", "cyrillic", "latin"})
    need(std::string("form.error.") + e);
}
