#include "locale/language.hpp"

#include <toml++/toml.h>

#include <set>

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include "base/paths.hpp"

namespace kiosk {

namespace fs = std::filesystem;

Result<std::vector<Language>> load_languages(const fs::path& file) {
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    if (!fs::exists(file)) return make_error(Errc::not_found, "the language table is missing", {}, file.string());
    return make_error(Errc::parse, "not valid TOML: " + std::string(e.description()), {},
                      file.string() + ":" + std::to_string(e.source().begin.line));
  }
  const auto* list = root["language"].as_array();
  if (!list || list->empty())
    return make_error(Errc::parse, "the language table has no [[language]] entry", {}, file.string());
  std::vector<Language> out;
  std::set<std::string> seen;
  for (const auto& node : *list) {
    const auto* t = node.as_table();
    const std::string where = file.string() + ":" + std::to_string(node.source().begin.line);
    auto bad = [&](const std::string& why) { return make_error(Errc::parse, why, {}, where); };
    if (!t) return bad("each [[language]] must be a table");
    auto text = [&](const char* key) { return (*t)[key].value_or(std::string()); };
    auto texts = [&](const char* key) {
      std::vector<std::string> v;
      if (const auto* a = (*t)[key].as_array())
        for (const auto& el : *a)
          if (const auto* s = el.as_string()) v.push_back(s->get());
      return v;
    };
    Language l;
    l.code = text("code");
    l.icu_locale = text("icu_locale");
    l.native_name = text("name");
    l.script = text("script");
    l.voice = text("voice");
    l.digits = text("digits");
    l.calendars = texts("calendars");
    l.keyboards = texts("keyboards");
    l.petition = (*t)["petition"].value_or(false);
    l.clock = (*t)["clock"].value_or(std::string("24h"));
    l.speech_seconds_per_char = (*t)["speech_seconds_per_char"].value_or(0.13);
    if (l.clock != "24h" && l.clock != "12h" && l.clock != "dari")
      return bad("clock must be \"24h\", \"12h\" or \"dari\"");
    if (!(l.speech_seconds_per_char > 0.01 && l.speech_seconds_per_char < 1.0))
      return bad("speech_seconds_per_char must be between 0.01 and 1 (seconds per character)");
    const std::string direction = text("direction");
    for (const char* key : {"code", "icu_locale", "name", "script", "direction", "digits"})
      if (text(key).empty()) return bad(std::string("a language needs ") + key + " = \"...\"");
    if (direction != "ltr" && direction != "rtl") return bad("direction must be \"ltr\" or \"rtl\"");
    l.rtl = direction == "rtl";
    if (l.calendars.empty()) return bad("a language needs calendars = [\"gregorian\", ...]");
    if (l.keyboards.empty()) return bad("a language needs keyboards = [\"<its own>\", ...]");
    if (!seen.insert(l.code).second) return bad("the language " + l.code + " is listed twice");
    out.push_back(std::move(l));
  }
  return out;
}

namespace {

struct Table {
  std::vector<Language> languages;
  Status problem = Ok{};
};

const Table& table() {
  static const Table loaded = [] {
    Table t;
    auto r = load_languages(data_dir() / "assets" / "languages.toml");
    if (r) t.languages = std::move(r).value();
    else t.problem = r.error();
    return t;
  }();
  return loaded;
}

}  // namespace

const std::vector<Language>& languages() { return table().languages; }

const Status& languages_problem() { return table().problem; }

const Language* find_language(std::string_view code) {
  for (const auto& l : languages())
    if (l.code == code) return &l;
  return nullptr;
}

const char* list_separator(const Language& lang) { return lang.rtl ? "\u060C " : ", "; }

const char* list_separator(std::string_view code) {
  const Language* l = find_language(code);
  return l ? list_separator(*l) : ", ";
}

const Language* language_for_text(std::string_view text, std::string_view preferred) {
  // The first letter's script, as ISO 15924 (Cyrl, Latn, Arab ...).
  std::string script;
  for (size_t i = 0; i < text.size();) {
    UChar32 c;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
    if (c < 0 || !u_isalpha(c)) continue;
    UErrorCode status = U_ZERO_ERROR;
    const UScriptCode sc = uscript_getScript(c, &status);
    if (U_SUCCESS(status) && sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED) script = uscript_getShortName(sc);
    break;
  }
  if (script.empty()) return nullptr;
  if (const Language* p = find_language(preferred); p && p->script == script) return p;
  for (const auto& l : languages())
    if (l.script == script) return &l;
  return nullptr;
}

}  // namespace kiosk
