// Content data: every fact has a source, bad files are reported as
// FILE:LINE, and the review text of every language carries every office,
// phone number and deadline of legal-facts.md and nothing outdated.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <unicode/numfmt.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "config/config.hpp"
#include "content/content.hpp"
#include "demo_site.hpp"
#include "content/guidance.hpp"
#include "locale/catalog.hpp"
#include "locale/language.hpp"

namespace fs = std::filesystem;

namespace {

using demo_site::content;
using demo_site::translations;

const fs::path kSource(KIOSK_SOURCE_DIR);



kiosk::Config demo_config() {
  kiosk::Config c;
  c.site.office = "desp-almaty";
  c.site.kind = kiosk::SiteKind::desp_office;
  return c;
}

std::string review(const std::string& code, std::set<std::string>* used = nullptr) {
  const kiosk::Texts tr(translations(), *kiosk::find_language(code), used);
  kiosk::ReviewOptions o;
  o.today = std::chrono::year{2026} / 11 / 21;
  return kiosk::to_plain_text(kiosk::review_script(content(), demo_config(), tr, o));
}

std::string number_in(const kiosk::Language& lang, int64_t n) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::NumberFormat> nf(
      icu::NumberFormat::createInstance(icu::Locale(lang.icu_locale.c_str()), status));
  icu::UnicodeString s;
  nf->format(n, s);
  std::string out;
  s.toUTF8String(out);
  return out;
}

// A content directory with guidance.toml from the real one and `offices` as
// offices.toml.
fs::path scratch_content(const std::string& offices, const std::string& guidance = {}) {
  const fs::path dir = fs::temp_directory_path() / ("kiosk-test-content-" + std::to_string(::getpid()));  // CTest runs cases in parallel processes
  fs::create_directories(dir);
  { std::ofstream(dir / "offices.toml") << offices; }
  if (guidance.empty())
    fs::copy_file(kSource / "assets/content/guidance.toml", dir / "guidance.toml",
                  fs::copy_options::overwrite_existing);
  else
    std::ofstream(dir / "guidance.toml") << guidance;
  return dir;
}

// An inline table with "a" in every language of the table:
// { kk = "a", ru = "a", ... }.
std::string every_language() {
  std::string s = "{ ";
  for (const auto& l : kiosk::languages()) s += (s.size() > 2 ? ", " : "") + l.code + " = \"a\"";
  return s + " }";
}

const std::string kMinimalOffices = "as_of = 2026-01-01\n[[city]]\nid = \"almaty\"\nname = " + every_language() + "\n";

std::string place(bool with_source) {
  std::string s = R"(
[[place]]
id = "x"
kind = "desp"
city = "almaty"
)";
  if (with_source) s += "source = \"seed 000\"\n";
  s += "name = " + every_language() + "\naddress = " + every_language() + "\n";
  return s;
}

}  // namespace

TEST_CASE("the content loads, every fact has a source, every key exists", "[content]") {
  const auto& c = content();
  CHECK(c.as_of == std::chrono::year{2026} / 11 / 21);
  CHECK(c.deadline.days_after_arrival == 5);
  CHECK(c.deadline.days_if_no_checkpoint == 1);
  CHECK_FALSE(c.deadline.source.empty());
  // No seed and no line of legal-facts.md names the article that says when
  // the days are counted: the counting stays unconfirmed and says why.
  CHECK_FALSE(c.deadline.counting_confirmed);
  CHECK(c.deadline.source.find("no source found") != std::string::npos);
  const auto& en = translations().catalog("en");
  for (const auto& p : c.places) {
    INFO(p.where << " " << p.id);
    CHECK_FALSE(p.source.empty());
    // A name and an address in every language of the table (Pashto too).
    CHECK(p.address.by_lang.size() == kiosk::languages().size());
    for (const auto& l : kiosk::languages()) {
      INFO(l.code);
      CHECK(p.address.by_lang.count(l.code) == 1);
      CHECK(p.name.by_lang.count(l.code) == 1);
    }
    if (!p.what_key.empty()) CHECK(en.has(p.what_key));
  }
  for (const auto& s : c.sections) {
    CHECK(en.has(s.title_key));
    for (const auto& item : s.items) {
      INFO(item.where << " " << s.id << "." << item.id);
      CHECK_FALSE(item.source.empty());
      if (!item.title_key.empty()) CHECK(en.has(item.title_key));
      for (const auto& k : item.text_keys) CHECK(en.has(k));
    }
  }
  // The fact legal-facts.md marks unconfirmed is flagged as such.
  const auto* steps = c.find_section("steps");
  REQUIRE(steps);
  for (const auto& item : steps->items) CHECK(item.unconfirmed == (item.id == "fingerprints"));
}

TEST_CASE("a place without a source is refused with FILE:LINE", "[content]") {
  const auto dir = scratch_content(kMinimalOffices + place(false));
  auto r = kiosk::load_content(dir);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().where == (dir / "offices.toml").string() + ":6");
  CHECK(r.error().message.find("source") != std::string::npos);
}

TEST_CASE("a counting called confirmed must cite the article of the law", "[content]") {
  const std::string offices = kMinimalOffices + place(true);
  auto guidance = [](const std::string& source) {
    return "as_of = 2026-01-01\n[deadline]\ndays_after_arrival = 5\ndays_if_no_checkpoint = 1\n"
           "counting_confirmed = true\nsource = \"" + source + "\"\n\n"
           "[[section]]\nid = \"s\"\ntitle = \"guidance.title\"\n\n"
           "[[section.item]]\nid = \"i\"\ntext = [\"guidance.apply.desp\"]\nsource = \"seed 000\"\n";
  };
  auto bad = kiosk::load_content(scratch_content(offices, guidance("seed 000")));
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().where.find("guidance.toml:5") != std::string::npos);
  CHECK(bad.error().message.find("216-IV") != std::string::npos);
  CHECK(kiosk::load_content(scratch_content(offices, guidance("Law No. 216-IV, art. 99 (a test value, not a fact)"))).ok());
}

TEST_CASE("a guidance item without a source is refused with FILE:LINE", "[content]") {
  const std::string offices = kMinimalOffices + place(true);
  const std::string guidance = R"(as_of = 2026-01-01
[deadline]
days_after_arrival = 5
days_if_no_checkpoint = 1
source = "seed 000"

[[section]]
id = "s"
title = "guidance.title"

[[section.item]]
id = "i"
text = ["guidance.apply.desp"]
)";
  auto r = kiosk::load_content(scratch_content(offices, guidance));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().where.find("guidance.toml:11") != std::string::npos);
  CHECK(r.error().message.find("source") != std::string::npos);
  auto good = kiosk::load_content(scratch_content(offices, guidance + "source = \"seed 000\"\n"));
  CHECK(good.ok());
}

TEST_CASE("bad content files are reported as FILE:LINE, never a crash", "[content]") {
  auto r = kiosk::load_content(scratch_content("as_of = 2026-01-01\n[[city]\nid = 1\n"));
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().where.find("offices.toml:2") != std::string::npos);
  // An address missing a language.
  // An address missing a language: each language of the table in turn.
  for (const auto& l : kiosk::languages()) {
    std::string missing = kMinimalOffices + place(true);
    const std::string entry = l.code + " = \"a\"";
    const size_t at = missing.rfind(entry);
    REQUIRE(at != std::string::npos);
    missing.replace(at, entry.size(), "");
    for (const std::string junk : {"{ , ", ", , ", ",  }"}) {
      const size_t j = missing.find(junk);
      if (j != std::string::npos) missing.replace(j, junk.size(), junk == "{ , " ? "{ " : junk == ", , " ? ", " : " }");
    }
    r = kiosk::load_content(scratch_content(missing));
    INFO(l.code << ": " << missing);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find(l.code) != std::string::npos);
  }
  // A directory that does not exist.
  r = kiosk::load_content(kSource / "no-such-dir");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("does not exist") != std::string::npos);
}

TEST_CASE("content older than content.max_age_days is flagged", "[content]") {
  const auto fresh = kiosk::content_age(content(), kiosk::add_days(content().as_of, 10), 180);
  CHECK_FALSE(fresh.stale);
  CHECK(fresh.age_days == 10);
  const auto old = kiosk::content_age(content(), kiosk::add_days(content().as_of, 181), 180);
  CHECK(old.stale);
  CHECK(old.describe().find("older than 180 days") != std::string::npos);
}

TEST_CASE("review text: every office, phone and deadline of legal-facts.md in all five languages",
          "[content]") {
  // From legal-facts.md, in the Russian form shown to every reader.
  const std::vector<std::string> offices = {
      "ул. Бейбитшилик, 9",        "пр. Достык, 85",
      "ул. Байтерекова, 89",       "г. Конаев, 1-й микрорайон, 43",
      "ул. Кабанбай батыра, 26",   "ул. Байзакова, 303",
      "8-й микрорайон, д. 4А, офис 423", "ул. Казыбек би, 49, офис 44",
      "ул. Кунаева, 86",           "ул. Жилиой, 12"};
  const std::vector<std::string> phones = {
      "+7 727 258 45 98", "+7 727 258 39 82", "+7 727 249 60 44", "+7 701 558 92 53",
      "+7 727 291 37 91", "+7 701 744 72 38", "+7 705 755 66 10"};
  for (const auto& lang : kiosk::languages()) {
    INFO(lang.code);
    const std::string text = review(lang.code);
    for (const auto& o : offices) {
      INFO(o);
      CHECK(text.find(o) != std::string::npos);
    }
    // Border posts are named on the papers and the done screen of their own
    // site, not in the guidance's lists of offices.
    for (const auto& p : content().places)
      if (p.kind != "border") CHECK(text.find(p.address.get(lang.code)) != std::string::npos);
    for (const auto& ph : phones) {
      INFO(ph);
      CHECK(text.find(kiosk::format_phone(ph, lang)) != std::string::npos);
      if (lang.rtl) CHECK(text.find("\u2066" + ph + "\u2069") != std::string::npos);
    }
    const std::string five = translations().tr(lang.code, "deadline.rule.checkpoint", {{"days", int64_t{5}}});
    // Irregular entry is counted the short way: today, within 24 hours.
    const std::string one = translations().tr(lang.code, "deadline.rule.no_checkpoint_today");
    CHECK(five.find(number_in(lang, 5)) != std::string::npos);
    CHECK(one.find(number_in(lang, 24)) != std::string::npos);
    CHECK(text.find(translations().tr(lang.code, "deadline.rule.unconfirmed")) != std::string::npos);
    CHECK(text.find(five) != std::string::npos);
    CHECK(text.find(one) != std::string::npos);
    CHECK(text.find("⟦") == std::string::npos);  // no missing key anywhere
    // ICU's "г." / "р." after a date plus the sentence's own full stop.
    CHECK(text.find("..") == std::string::npos);
    CHECK(text.find("  ") == std::string::npos);
  }
}

TEST_CASE("review text: nothing outdated (Nur-Sultan, COVID rules, migration police for asylum)",
          "[content]") {
  const std::vector<std::string> outdated = {
      "Nur-Sultan", "Нур-Султан", "Нұр-Сұлтан", "نورسلطان", "نور سلطان", "COVID", "ковид",
      "коронавирус", "ПЦР", "PCR", "کووید", "کرونا", "migration police", "миграционную полицию",
      "миграционная полиция", "міграційну поліцію", "міграційна поліція", "پولیس مهاجرت"};
  // The police appear only in the statelessness path (which is right there).
  const std::vector<std::string> police = {"police", "Police", "полиц", "Полиц", "поліц", "Поліц", "پولیس"};
  for (const auto& lang : kiosk::languages()) {
    INFO(lang.code);
    const std::string text = review(lang.code);
    for (const auto& o : outdated) {
      INFO(o);
      CHECK(text.find(o) == std::string::npos);
    }
    const std::string before = text.substr(0, text.find("=== stateless ==="));
    const std::string stateless = text.substr(before.size(), text.find("=== consent ===") - before.size());
    for (const auto& p : police) {
      INFO(p);
      CHECK(before.find(p) == std::string::npos);
    }
    CHECK(std::any_of(police.begin(), police.end(),
                      [&](const std::string& p) { return stateless.find(p) != std::string::npos; }));
  }
}

// Every key in the reference language is shown somewhere: in the review
// text, or named in the sources of the screens, documents and commands
// (form.* keys come from the form definition). A key nothing uses is dead.
TEST_CASE("every locale key is used (review text or sources)", "[content]") {
  std::set<std::string> used;
  (void)review("en", &used);
  std::string sources;
  for (const char* dir : {"app", "core", "ctl"}) {
    for (const auto& e : fs::recursive_directory_iterator(kSource / dir)) {
      if (e.path().extension() != ".cpp" && e.path().extension() != ".hpp") continue;
      std::ifstream in(e.path());
      std::ostringstream text;
      text << in.rdbuf();
      sources += text.str();
    }
  }
  for (const auto& [key, _] : translations().catalog("en").entries()) {
    if (key.rfind("form.", 0) == 0 || used.count(key)) continue;
    INFO(key << " is used by nothing");
    // A key made from a prefix in code ("petition.language." + code) counts
    // when the prefix itself is written out.
    const std::string prefix = key.substr(0, key.rfind('.') + 1);
    CHECK((sources.find("\"" + key + "\"") != std::string::npos ||
           sources.find("\"" + prefix + "\"") != std::string::npos));
  }
}

TEST_CASE("guidance: the site's office first, border advice only at a border", "[content]") {
  const kiosk::Texts tr(translations(), *kiosk::find_language("en"));
  auto sections = kiosk::guidance_sections(content(), tr, {"desp-shymkent", "inside"});
  REQUIRE(!sections.empty());
  const auto& apply = sections.front();
  REQUIRE(apply.id == "apply");
  std::string all;
  for (const auto& l : apply.lines) all += l + "\n";
  CHECK(all.find("Border Service") == std::string::npos);
  CHECK(all.find("Office in this city:\nDepartment of Employment and Social Programs of Shymkent") !=
        std::string::npos);
  CHECK(all.find("Shymkent") < all.find("Astana"));
  sections = kiosk::guidance_sections(content(), tr, {"desp-astana", "airport"});
  all.clear();
  for (const auto& l : sections.front().lines) all += l + "\n";
  CHECK(all.find("Border Service") != std::string::npos);
}

TEST_CASE("Dari guidance shows Solar Hijri and Gregorian dates", "[content]") {
  const std::string text = review("fa-AF");
  // 21 Nov 2026 = 30 Aqrab 1405.
  CHECK(text.find("۳۰ عقرب ۱۴۰۵ (") != std::string::npos);
  CHECK(text.find("۲۰۲۶)") != std::string::npos);
}

TEST_CASE("the site's office must be a DESP office of the content", "[content]") {
  CHECK(kiosk::check_site_office(content(), "desp-almaty").empty());
  const auto unknown = kiosk::check_site_office(content(), "desp-nowhere");
  REQUIRE(unknown.size() == 1);
  CHECK(unknown.front().find("desp-astana") != std::string::npos);  // lists the known ones
  CHECK(kiosk::check_site_office(content(), "unhcr-almaty").size() == 1);
}
