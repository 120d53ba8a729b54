// The glossary (assets/glossary/<lang>.toml): one preferred term per concept
// and language, and terms marked wrong for that language (Iranian-only words
// in Dari, Russianisms in Ukrainian and Kazakh, Latin acronyms inside
// sentences). The texts a person reads (locales/<lang>.json and the strings
// of that language in the content, document and form data) must not use a
// wrong term, and each preferred term must really be used.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <toml++/toml.h>
#include <unicode/unistr.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include "locale/catalog.hpp"
#include "locale/language.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kSource = KIOSK_SOURCE_DIR;

struct Term {
  std::string concept_name, preferred, stem, why;
  std::vector<std::string> wrong;
};

struct Glossary {
  std::string lang;
  std::vector<Term> terms;
};

// One text a person can read, and where it lives ("locales/kk.json nav.back").
struct Text {
  std::string where, text;
};

std::string folded(const std::string& s) {
  std::string out;
  icu::UnicodeString::fromUTF8(s).foldCase().toUTF8String(out);
  return out;
}

Glossary load_glossary(const fs::path& file) {
  Glossary g;
  toml::table t;
  try {
    t = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    FAIL(file.string() << ": " << e.description());
  }
  g.lang = t["lang"].value_or(std::string{});
  if (const auto* terms = t["term"].as_array()) {
    for (const auto& node : *terms) {
      const auto* tt = node.as_table();
      REQUIRE(tt);
      Term term;
      term.concept_name = (*tt)["concept"].value_or(std::string{});
      term.preferred = (*tt)["preferred"].value_or(std::string{});
      term.stem = (*tt)["stem"].value_or(std::string{});
      term.why = (*tt)["why"].value_or(std::string{});
      if (const auto* wrong = (*tt)["wrong"].as_array())
        for (const auto& w : *wrong)
          if (auto s = w.value<std::string>()) term.wrong.push_back(*s);
      g.terms.push_back(std::move(term));
    }
  }
  return g;
}

// Every string under a key or table named `lang`, at any depth.
void collect(const toml::node& node, const std::string& path, bool in_lang, const std::string& lang,
             const std::string& file, std::vector<Text>& out) {
  if (const auto* s = node.as_string()) {
    if (in_lang) out.push_back({file + " " + path, s->get()});
  } else if (const auto* t = node.as_table()) {
    for (const auto& [k, v] : *t) {
      const std::string key(k.str());
      collect(v, path.empty() ? key : path + "." + key, in_lang || key == lang, lang, file, out);
    }
  } else if (const auto* a = node.as_array()) {
    for (size_t i = 0; i < a->size(); ++i)
      collect(*a->get(i), path + "[" + std::to_string(i) + "]", in_lang, lang, file, out);
  }
}

// The texts of one language: its locale file and its strings in the data.
std::vector<Text> texts_of(const kiosk::Translations& tr, const std::string& lang) {
  std::vector<Text> out;
  for (const auto& [key, pattern] : tr.catalog(lang).entries())
    out.push_back({"locales/" + lang + ".json " + key, pattern});
  for (const char* dir : {"assets/content", "assets/documents", "assets/form"}) {
    for (const auto& e : fs::directory_iterator(kSource / dir)) {
      if (e.path().extension() != ".toml") continue;
      const std::string file = std::string(dir) + "/" + e.path().filename().string();
      toml::table t;
      try {
        t = toml::parse_file(e.path().string());
      } catch (const toml::parse_error& err) {
        FAIL(file << ": " << err.description());
      }
      collect(t, "", false, lang, file, out);
    }
  }
  return out;
}

// Every use of a wrong term in `texts`, as "where: «term» (use …)".
std::vector<std::string> wrong_uses(const Glossary& g, const std::vector<Text>& texts) {
  std::vector<std::string> problems;
  for (const auto& text : texts) {
    const std::string hay = folded(text.text);
    for (const auto& term : g.terms)
      for (const auto& w : term.wrong)
        if (!w.empty() && hay.find(folded(w)) != std::string::npos)
          problems.push_back(text.where + ": «" + w + "», use «" + term.preferred + "» (" + term.why + ")");
  }
  return problems;
}

// Preferred terms whose stem no text of the language uses.
std::vector<std::string> unused_preferred(const Glossary& g, const std::vector<Text>& texts) {
  std::vector<std::string> problems;
  for (const auto& term : g.terms) {
    if (term.stem.empty()) continue;
    const std::string stem = folded(term.stem);
    bool found = false;
    for (const auto& text : texts)
      if (folded(text.text).find(stem) != std::string::npos) found = true;
    if (!found) problems.push_back(term.concept_name + ": «" + term.stem + "» is used by no text");
  }
  return problems;
}

const kiosk::Translations& translations() {
  static const kiosk::Translations t = [] {
    auto r = kiosk::Translations::load(kSource / "locales");
    REQUIRE(r.ok());
    return std::move(r).value();
  }();
  return t;
}

}  // namespace

TEST_CASE("every language has a glossary with the eight core terms", "[locale][glossary]") {
  const std::set<std::string> required = {"asylum", "petition", "refugee_status", "certificate",
                                          "border_service", "desp", "appeal", "interpreter"};
  for (const std::string& lang : kiosk::language_codes()) {
    const fs::path file = kSource / "assets/glossary" / (std::string(lang) + ".toml");
    INFO(file.string());
    REQUIRE(fs::exists(file));
    const Glossary g = load_glossary(file);
    CHECK(g.lang == lang);
    std::set<std::string> have;
    for (const auto& t : g.terms) {
      INFO(lang << " " << t.concept_name);
      CHECK(!t.preferred.empty());
      CHECK(!t.stem.empty());
      for (const auto& w : t.wrong) CHECK(!w.empty());
      if (!t.wrong.empty()) CHECK(!t.why.empty());
      have.insert(t.concept_name);
    }
    for (const auto& r : required) {
      INFO(lang << " lacks the term " << r);
      CHECK(have.count(r) == 1);
    }
  }
}

TEST_CASE("no locale or content text uses a term the glossary marks wrong", "[locale][glossary]") {
  for (const auto& e : fs::directory_iterator(kSource / "assets/glossary")) {
    if (e.path().extension() != ".toml") continue;
    const Glossary g = load_glossary(e.path());
    if (!kiosk::find_language(g.lang)) continue;  // a glossary ahead of its language
    const auto texts = texts_of(translations(), g.lang);
    REQUIRE(texts.size() > 100);
    for (const auto& p : wrong_uses(g, texts)) UNSCOPED_INFO(g.lang << ": " << p);
    CHECK(wrong_uses(g, texts).empty());
    for (const auto& p : unused_preferred(g, texts)) UNSCOPED_INFO(g.lang << ": preferred " << p);
    CHECK(unused_preferred(g, texts).empty());
  }
}

TEST_CASE("the glossary check sees a wrong term, whatever its case", "[glossary]") {
  Glossary g{"uk", {{"interpreter", "перекладач", "перекладач", "Russian word", {"переводчик"}}}};
  const std::vector<Text> bad = {{"a", "Вам допоможе Переводчик."}};
  const auto problems = wrong_uses(g, bad);
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("«переводчик»") != std::string::npos);
  CHECK(wrong_uses(g, {{"b", "Вам допоможе перекладач."}}).empty());
  CHECK(unused_preferred(g, bad).size() == 1);
  CHECK(unused_preferred(g, {{"b", "Вам допоможе перекладач."}}).empty());
}

TEST_CASE("the glossary check reads a language's strings in the data files", "[glossary]") {
  const auto fa = texts_of(translations(), "fa-AF");
  const auto has = [&](const std::string& where_part) {
    for (const auto& t : fa)
      if (t.where.find(where_part) != std::string::npos) return true;
    return false;
  };
  CHECK(has("assets/content/offices.toml"));
  CHECK(has("assets/documents/samples.toml fa-AF."));
  CHECK(has("locales/fa-AF.json nav.back"));
  // Not another language's strings (locale keys such as language.name.ru
  // are Dari texts and may say ".ru").
  for (const auto& t : fa)
    if (t.where.rfind("assets/", 0) == 0) CHECK(t.where.find(".ru") == std::string::npos);
}

// Review row C2: the petition's third-person labels are not the questions
// asked on screen; each has a second-person screen question (the question
// screen uses form.<id>.question when the locale has it).
TEST_CASE("the screen asks the person directly where the petition label speaks of the applicant",
          "[locale]") {
  for (const auto& lang : kiosk::languages()) {
    const auto& c = translations().catalog(lang.code);
    for (const char* id : {"grounds", "grounds_story", "family", "transit_countries"}) {
      const std::string q = std::string("form.") + id + ".question";
      INFO(lang.code << " " << q);
      REQUIRE(c.has(q));
      CHECK(*c.pattern(q) != *c.pattern(std::string("form.") + id + ".label"));
      const bool asks = c.pattern(q)->find('?') != std::string::npos ||
                        c.pattern(q)->find("\u061F") != std::string::npos;  // Arabic question mark
      CHECK(asks);
    }
  }
}
