// Font coverage: every string of every locale file, in all five languages,
// laid out with the kiosk's engine, must draw without a .notdef glyph. The
// raw pattern is laid out (it holds the text of every plural and select
// branch) and so is the formatted message with sample arguments (it adds
// the locale's digits and date words). Failures name language and key.
#include <catch2/catch.hpp>

#include <unicode/utf8.h>

#include <cstdio>
#include <cctype>
#include <sstream>

#include "base/paths.hpp"
#include "locale/catalog.hpp"
#include "locale/language.hpp"
#include "text/layout.hpp"

using namespace kiosk::text;

namespace {

FontSet& fonts() {
  static FontSet set = FontSet::load_default().value();
  return set;
}

// Sample arguments for every {name[, type ...]} in a pattern. (A scanner,
// not std::regex, which trips GCC 12's uninitialised warning under ASan.)
kiosk::MessageArgs sample_args(const std::string& pattern) {
  kiosk::MessageArgs args;
  auto ident = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  auto skip_space = [&](size_t& i) {
    while (i < pattern.size() && std::isspace(static_cast<unsigned char>(pattern[i]))) ++i;
  };
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != '{') continue;
    size_t j = i + 1;
    skip_space(j);
    const size_t name_start = j;
    while (j < pattern.size() && ident(pattern[j])) ++j;
    if (j == name_start || std::isdigit(static_cast<unsigned char>(pattern[name_start]))) continue;
    const std::string name = pattern.substr(name_start, j - name_start);
    skip_space(j);
    std::string type;
    if (j < pattern.size() && pattern[j] == ',') {
      ++j;
      skip_space(j);
      const size_t type_start = j;
      while (j < pattern.size() && std::islower(static_cast<unsigned char>(pattern[j]))) ++j;
      type = pattern.substr(type_start, j - type_start);
    } else if (j >= pattern.size() || pattern[j] != '}') {
      continue;
    }
    bool seen = false;
    for (const auto& [n, _] : args) seen = seen || n == name;
    if (seen) continue;
    if (type == "plural" || type == "selectordinal" || type == "number")
      args.emplace_back(name, int64_t{21});
    else if (type == "date" || type == "time")
      args.emplace_back(name, 1.7635e12);  // a UDate in November 2025
    else if (type == "select")
      args.emplace_back(name, std::string("other"));
    else
      args.emplace_back(name, std::string("+7 727 258 45 98"));
  }
  return args;
}

std::string describe_missing(const Paragraph& p) {
  std::ostringstream out;
  for (uint32_t byte : p.missing) {
    int32_t i = static_cast<int32_t>(byte);
    UChar32 c = 0;
    U8_NEXT(p.text.data(), i, static_cast<int32_t>(p.text.size()), c);
    char hex[16];
    std::snprintf(hex, sizeof hex, "U+%04X", static_cast<unsigned>(c));
    out << " " << hex;
  }
  return out.str();
}

}  // namespace

TEST_CASE("every locale string of every language draws without a missing glyph", "[text][locale]") {
  auto t = kiosk::Translations::load(kiosk::data_dir() / "locales");
  REQUIRE(t.ok());
  std::vector<std::string> failures;
  size_t checked = 0;
  for (const auto& lang : kiosk::languages()) {
    LayoutOptions o;
    o.max_width = 1600;
    o.direction = lang.rtl ? Direction::rtl : Direction::ltr;
    o.language = lang.code;
    for (const auto& [key, pattern] : t->catalog(lang.code).entries()) {
      std::vector<std::string> texts{pattern};
      if (auto formatted = kiosk::format_message(pattern, lang.icu_locale, sample_args(pattern)))
        texts.push_back(formatted.value());
      for (const auto& s : texts)
        for (Weight w : {Weight::regular, Weight::bold}) {
          o.style.weight = w;
          const Paragraph p = layout(fonts(), s, o);
          ++checked;
          if (!p.missing.empty())
            failures.push_back(lang.code + " " + key + ": no glyph for" + describe_missing(p));
        }
    }
  }
  INFO(checked << " layouts checked");
  CHECK(checked > 0);
  std::ostringstream all;
  for (const auto& f : failures) all << f << "\n";
  INFO(all.str());
  CHECK(failures.empty());
}

TEST_CASE("the coverage check does see a missing glyph", "[text]") {
  LayoutOptions o;
  o.language = "en";
  // Ethiopic is in none of the kiosk's fonts.
  const Paragraph p = layout(fonts(), "Help: ሰላም", o);
  REQUIRE(p.missing.size() == 3);
  CHECK(describe_missing(p) == " U+1230 U+120B U+121D");
  CHECK(layout(fonts(), "Help", o).missing.empty());
}

TEST_CASE("sample arguments cover every argument of a pattern", "[text]") {
  const auto args = sample_args(
      "{name} has {days, plural, one {# day} other {# days}} until {deadline, date, long}; {kind, select, other {some text}}");
  REQUIRE(args.size() == 4);
  CHECK(args[0].first == "name");
  CHECK(std::holds_alternative<std::string>(args[0].second));
  CHECK(std::holds_alternative<int64_t>(args[1].second));
  CHECK(std::holds_alternative<double>(args[2].second));
  CHECK(std::get<std::string>(args[3].second) == "other");
  CHECK(kiosk::format_message("{name} has {days, plural, one {# day} other {# days}} until {deadline, date, long}",
                              "en", args).ok());
}
