#include <catch2/catch.hpp>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "base/paths.hpp"
#include "locale/catalog.hpp"
#include "locale/language.hpp"

TEST_CASE("the six languages are known, Dari and Pashto are right to left", "[locale]") {
  REQUIRE(kiosk::languages().size() == 6);
  CHECK(kiosk::find_language("fa-AF")->rtl);
  CHECK(kiosk::find_language("ps-AF")->rtl);
  CHECK_FALSE(kiosk::find_language("kk")->rtl);
  CHECK(kiosk::find_language("de") == nullptr);
}

TEST_CASE("every locale loads and has exactly the keys of English", "[locale]") {
  auto t = kiosk::Translations::load(kiosk::data_dir() / "locales");
  REQUIRE(t.ok());
  const auto& en = t->catalog("en").entries();
  for (const auto& lang : kiosk::languages()) {
    const auto& other = t->catalog(lang.code).entries();
    for (const auto& [key, _] : en) {
      INFO(lang.code << " lacks " << key);
      CHECK(other.count(key) == 1);
    }
    for (const auto& [key, _] : other) {
      INFO(lang.code << " has extra " << key);
      CHECK(en.count(key) == 1);
    }
  }
}

TEST_CASE("ICU plural rules choose the right Russian and Ukrainian forms", "[locale]") {
  const std::string ru = "{n, plural, one {# день} few {# дня} many {# дней} other {# дня}}";
  auto f = [&](const std::string& p, const char* loc, int64_t n) {
    return kiosk::format_message(p, loc, {{"n", n}}).value();
  };
  CHECK(f(ru, "ru", 1) == "1 день");
  CHECK(f(ru, "ru", 2) == "2 дня");
  CHECK(f(ru, "ru", 5) == "5 дней");
  CHECK(f(ru, "ru", 21) == "21 день");
  const std::string uk = "{n, plural, one {# день} few {# дні} many {# днів} other {# дня}}";
  CHECK(f(uk, "uk", 3) == "3 дні");
  CHECK(f(uk, "uk", 11) == "11 днів");
}

TEST_CASE("a bad pattern is an error, a missing key is visible", "[locale]") {
  CHECK_FALSE(kiosk::format_message("{n, plural, one {x}", "en", {{"n", int64_t{1}}}).ok());
  auto t = kiosk::Translations::load(kiosk::data_dir() / "locales");
  REQUIRE(t.ok());
  CHECK(t->tr("ru", "no.such.key") == "⟦no.such.key⟧");
  CHECK(t->tr("ru", "nav.back") == "Назад");
}

// ---------------------------------------------------------------------------
// Locale quality gates: every pattern parses in its own locale, arguments match
// English, every plural argument has every category ICU's plural rules name
// for that locale, and no ASCII apostrophe (ICU's quote character) hides text.

#include <unicode/messagepattern.h>
#include <unicode/msgfmt.h>
#include <unicode/plurrule.h>

#include <map>
#include <memory>

namespace {

struct ArgInfo {
  std::string type;                  // none | simple | plural | select | selectordinal | choice
  std::set<std::string> selectors;   // plural/select keywords used directly in this argument
};
using ArgMap = std::map<std::string, ArgInfo>;

std::string utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

const char* arg_type_name(UMessagePatternArgType t) {
  switch (t) {
    case UMSGPAT_ARG_TYPE_NONE: return "none";
    case UMSGPAT_ARG_TYPE_SIMPLE: return "simple";
    case UMSGPAT_ARG_TYPE_CHOICE: return "choice";
    case UMSGPAT_ARG_TYPE_PLURAL: return "plural";
    case UMSGPAT_ARG_TYPE_SELECT: return "select";
    case UMSGPAT_ARG_TYPE_SELECTORDINAL: return "selectordinal";
  }
  return "?";
}

// Parses `pattern` with ICU's MessagePattern; returns false on a parse error.
// A name used twice keeps the union of its selectors (and the last type).
bool arguments_of(const std::string& pattern, ArgMap& out) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError pe{};
  icu::MessagePattern mp(icu::UnicodeString::fromUTF8(pattern), &pe, status);
  if (U_FAILURE(status)) return false;
  const int32_t n = mp.countParts();
  for (int32_t i = 0; i < n; ++i) {
    const auto& part = mp.getPart(i);
    if (part.getType() != UMSGPAT_PART_TYPE_ARG_START) continue;
    const auto& name_part = mp.getPart(i + 1);
    const std::string name = utf8(mp.getSubstring(name_part));
    ArgInfo& info = out[name];
    info.type = arg_type_name(part.getArgType());
    const int32_t limit = mp.getLimitPartIndex(i);
    for (int32_t j = i + 2; j < limit; ++j) {
      const auto& p = mp.getPart(j);
      if (p.getType() == UMSGPAT_PART_TYPE_ARG_SELECTOR) {
        info.selectors.insert(utf8(mp.getSubstring(p)));
      } else if (p.getType() == UMSGPAT_PART_TYPE_MSG_START) {
        j = mp.getLimitPartIndex(j);  // skip the nested message
      }
    }
  }
  return true;
}

std::set<std::string> plural_categories(const std::string& icu_locale) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::PluralRules> rules(
      icu::PluralRules::forLocale(icu::Locale(icu_locale.c_str()), status));
  REQUIRE(U_SUCCESS(status));
  std::unique_ptr<icu::StringEnumeration> keywords(rules->getKeywords(status));
  std::set<std::string> out;
  const char* k = nullptr;
  while ((k = keywords->next(nullptr, status)) != nullptr) out.insert(k);
  return out;
}

// Problems of one catalog against English; empty = good. Shared by the real
// check and by the test that proves the check can fail.
std::vector<std::string> catalog_problems(const kiosk::Catalog& en, const kiosk::Catalog& other,
                                          const std::string& icu_locale) {
  std::vector<std::string> problems;
  const auto categories = plural_categories(icu_locale);
  for (const auto& [key, pattern] : other.entries()) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError pe{};
    icu::MessageFormat fmt(icu::UnicodeString::fromUTF8(pattern),
                           icu::Locale(icu_locale.c_str()), pe, status);
    if (U_FAILURE(status)) {
      problems.push_back(key + ": ICU cannot parse the pattern");
      continue;
    }
    if (pattern.find('\'') != std::string::npos)
      problems.push_back(key + ": has an ASCII apostrophe (ICU quote); use ’");
    ArgMap mine, ref;
    if (!arguments_of(pattern, mine)) {
      problems.push_back(key + ": MessagePattern cannot parse the pattern");
      continue;
    }
    const std::string* en_pattern = en.pattern(key);
    if (en_pattern && arguments_of(*en_pattern, ref)) {
      // Names must match; the kind may differ where a language needs a
      // plural and English does not ("aged {age}" vs "с {age, plural, ...}").
      std::set<std::string> a, b;
      for (const auto& [name, info] : mine) a.insert(name);
      for (const auto& [name, info] : ref) b.insert(name);
      if (a != b) problems.push_back(key + ": placeholders differ from English");
      for (const auto& [name, info] : ref)
        if (info.type == "select" && mine.count(name) && mine.at(name).selectors != info.selectors)
          problems.push_back(key + ": select {" + name + "} has other choices than English");
    }
    for (const auto& [name, info] : mine) {
      if (info.type != "plural") continue;
      for (const auto& c : categories)
        if (!info.selectors.count(c))
          problems.push_back(key + ": plural {" + name + "} lacks the \"" + c + "\" form");
    }
  }
  return problems;
}

kiosk::Catalog catalog_from(const std::string& code, const std::string& json) {
  const auto dir = std::filesystem::temp_directory_path() / ("kiosk-test-locales-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  { std::ofstream(dir / (code + ".json")) << json; }
  auto c = kiosk::Catalog::load(dir, code);
  REQUIRE(c.ok());
  return std::move(c).value();
}

}  // namespace

TEST_CASE("every pattern parses, matches English placeholders and has every plural form", "[locale]") {
  auto t = kiosk::Translations::load(std::filesystem::path(KIOSK_SOURCE_DIR) / "locales");
  REQUIRE(t.ok());
  const auto& en = t->catalog("en");
  for (const auto& lang : kiosk::languages()) {
    const auto problems = catalog_problems(en, t->catalog(lang.code), lang.icu_locale);
    for (const auto& p : problems) UNSCOPED_INFO(lang.code << ": " << p);
    CHECK(problems.empty());
  }
}

TEST_CASE("the locale checks catch a missing plural form, a wrong placeholder and a bad pattern", "[locale]") {
  const auto en = catalog_from("en", R"({"a": "{days, plural, one {# day} other {# days}}",
                                         "b": "Hello {name}", "c": "fine"})");
  const auto ru = catalog_from("ru", R"({"a": "{days, plural, one {# день} other {# дня}}",
                                         "b": "Привет {nom}"})");
  const auto problems = catalog_problems(en, ru, "ru_KZ");
  auto has = [&](const std::string& needle) {
    return std::any_of(problems.begin(), problems.end(),
                       [&](const std::string& p) { return p.find(needle) != std::string::npos; });
  };
  CHECK(has("a: plural {days} lacks the \"few\" form"));
  CHECK(has("a: plural {days} lacks the \"many\" form"));
  CHECK(has("b: placeholders differ from English"));
  // A pattern ICU cannot parse stops the catalog from loading, with FILE:LINE.
  const auto dir = std::filesystem::temp_directory_path() / ("kiosk-test-locales-" + std::to_string(::getpid()));
  { std::ofstream(dir / "uk.json") << "{\n  \"a\": \"ok\",\n  \"c\": \"{oops\"\n}\n"; }
  auto bad = kiosk::Catalog::load(dir, "uk");
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().where == (dir / "uk.json").string() + ":3");
  CHECK(bad.error().message.find("\"c\"") != std::string::npos);
  // Found by fuzzing: a number too big for the JSON parser is a plain
  // "not valid JSON" error, not an uncaught exception.
  { std::ofstream(dir / "uk.json") << "{\n  \"a\": 6666666666666666E666666666666\n}\n"; }
  auto huge = kiosk::Catalog::load(dir, "uk");
  REQUIRE_FALSE(huge.ok());
  CHECK(huge.error().message.find("not valid JSON") != std::string::npos);
  // Kazakh and Dari need only one/other: the same pattern shape passes there.
  const auto kk = catalog_from("kk", R"({"a": "{days, plural, one {# күн} other {# күн}}"})");
  CHECK(catalog_problems(en, kk, "kk_KZ").empty());
}

TEST_CASE("plural sentences read right in every language", "[locale]") {
  auto t = kiosk::Translations::load(std::filesystem::path(KIOSK_SOURCE_DIR) / "locales");
  REQUIRE(t.ok());
  auto days = [&](const char* lang, int64_t n) { return t->tr(lang, "deadline.days_left", {{"days", n}}); };
  CHECK(days("ru", 1) == "Остался 1 день.");
  CHECK(days("ru", 2) == "Осталось 2 дня.");
  CHECK(days("ru", 5) == "Осталось 5 дней.");
  CHECK(days("ru", 21) == "Остался 21 день.");
  CHECK(days("uk", 1) == "Залишився 1 день.");
  CHECK(days("uk", 3) == "Залишилося 3 дні.");
  CHECK(days("uk", 11) == "Залишилося 11 днів.");
  CHECK(days("kk", 5) == "5 күн қалды.");
  CHECK(days("en", 1) == "1 day left.");
  CHECK(days("en", 4) == "4 days left.");
  CHECK(days("fa-AF", 5) == "۵ روز باقی مانده است.");
  auto secs = [&](const char* lang, int64_t n) { return t->tr(lang, "idle.countdown", {{"seconds", n}}); };
  CHECK(secs("ru", 30).rfind("Через 30 секунд ", 0) == 0);
  CHECK(secs("ru", 22).rfind("Через 22 секунды ", 0) == 0);
  CHECK(secs("uk", 1).rfind("Через 1 секунду ", 0) == 0);
  CHECK(t->tr("ru", "deadline.rule.checkpoint", {{"days", int64_t{5}}}) ==
        "Подайте ходатайство в течение 5 календарных дней после прибытия.");
}
