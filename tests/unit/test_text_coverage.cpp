// Font coverage: every string of every locale file, in all five languages,
// laid out with the kiosk's engine, must draw without a .notdef glyph. The
// raw pattern is laid out (it holds the text of every plural and select
// branch) and so is the formatted message with sample arguments (it adds
// the locale's digits and date words). Failures name language and key.
#include <catch2/catch.hpp>

#include <unicode/utf8.h>

#include <cstdio>
#include <regex>
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

// Sample arguments for every {name[, type ...]} in a pattern.
kiosk::MessageArgs sample_args(const std::string& pattern) {
  kiosk::MessageArgs args;
  static const std::regex arg(R"(\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:,\s*([a-z]+))?)");
  for (auto it = std::sregex_iterator(pattern.begin(), pattern.end(), arg);
       it != std::sregex_iterator(); ++it) {
    const std::string name = (*it)[1], type = (*it)[2];
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
