// Sections: [1] text helpers  [2] loading assets/translit/  [3] the rule
// sets, built once  [4] proposals  [5] read-aloud
#include "locale/transliterate.hpp"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>

#include <toml++/toml.h>

#include <memory>
#include <mutex>
#include <optional>

#include "base/paths.hpp"

namespace kiosk {

namespace fs = std::filesystem;

// [SECTION] 1. text helpers ----------------------------------------------------

namespace {

UScriptCode script_of(UChar32 c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(c, &status);
}

// Whether every letter of `text` is in `script` (and there is at least one
// letter when `need_letter`).
bool letters_all(const std::string& text, UScriptCode script, bool need_letter) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  bool any = false;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    const UChar32 c = u.char32At(i);
    if (!u_isalpha(c)) continue;
    any = true;
    if (script_of(c) != script) return false;
  }
  return any || !need_letter;
}

bool has_script(const icu::UnicodeString& u, UScriptCode script) {
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1))
    if (u_isalpha(u.char32At(i)) && script_of(u.char32At(i)) == script) return true;
  return false;
}

std::string utf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Words and the separators between them (space, hyphen), in order; a
// separator is its own item.
std::vector<std::string> split_words(const std::string& text, bool hyphen_too) {
  std::vector<std::string> out;
  std::string cur;
  for (char ch : text) {
    if (ch == ' ' || ch == '\t' || (hyphen_too && ch == '-')) {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
      out.emplace_back(1, ch == '\t' ? ' ' : ch);
    } else {
      cur += ch;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

bool is_separator(const std::string& w) { return w == " " || w == "-"; }

// Without spaces at either end, and one space between words.
std::string squeeze_spaces(const std::string& text) {
  std::string out;
  bool space = false;
  for (char ch : text) {
    if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += ch;
  }
  return out;
}

}  // namespace

bool is_cyrillic(const std::string& text) { return letters_all(text, USCRIPT_CYRILLIC, false); }

bool is_latin(const std::string& text) { return letters_all(text, USCRIPT_LATIN, true); }

std::string name_case(const std::string& name) {
  icu::UnicodeString v = icu::UnicodeString::fromUTF8(name);
  v.toLower(icu::Locale::getRoot());
  bool start = true;
  for (int32_t i = 0; i < v.length(); i = v.moveIndex32(i, 1)) {
    const UChar32 c = v.char32At(i);
    if (u_isalpha(c)) {
      if (start) {
        const UChar32 up = u_totitle(c);
        if (up != c && U16_LENGTH(up) == U16_LENGTH(c)) v.replace(i, U16_LENGTH(c), up);
      }
      start = false;
    } else if (c == ' ' || c == '-' || c == '\t') {
      start = true;
    }
  }
  return utf8(v);
}

std::string normalize_arabic(const std::string& text) {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  if (const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status); U_SUCCESS(status)) {
    icu::UnicodeString n = nfc->normalize(u, status);
    if (U_SUCCESS(status)) u = n;
  }
  icu::UnicodeString out;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    UChar32 c = u.char32At(i);
    if (c == 0x064A || c == 0x0649) c = 0x06CC;       // ي ى -> ی
    else if (c == 0x0643) c = 0x06A9;                 // ك -> ک
    else if (c == 0x0623 || c == 0x0625) c = 0x0627;  // أ إ -> ا
    else if (c == 0x0629) c = 0x0647;                 // ة -> ه
    if (c == 0x0640 || c == 0x200C || c == 0x200D) continue;  // tatweel, ZWNJ, ZWJ
    if ((c >= 0x064B && c <= 0x065F) || c == 0x0670) continue;  // short vowels, shadda
    out.append(c);
  }
  return utf8(out);
}

// [SECTION] 2. loading assets/translit/ ----------------------------------------

namespace {

Result<toml::table> parse(const fs::path& file) {
  try {
    return toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    if (!fs::exists(file))
      return make_error(Errc::not_found, "the transliteration file is missing", "error.content", file.string());
    return make_error(Errc::parse, "not valid TOML: " + std::string(e.description()), "error.content",
                      file.string() + ":" + std::to_string(e.source().begin.line));
  }
}

std::string where(const fs::path& file, const toml::node& n) {
  return file.string() + ":" + std::to_string(n.source().begin.line);
}

// "text" in quotes, for messages (built by appending: GCC 12 warns falsely
// about "..." + std::string).
std::string quoted(const std::string& text) {
  std::string q(1, '"');
  q += text;
  q += '"';
  return q;
}

std::string ascii_lower(std::string s) {
  for (char& ch : s)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return s;
}

Result<std::map<std::string, std::string>> word_table(const fs::path& file, const toml::table& root,
                                                      const char* key) {
  std::map<std::string, std::string> out;
  const toml::node* n = root.get(key);
  if (!n) return out;
  const auto* t = n->as_table();
  if (!t)
    return make_error(Errc::parse, std::string("[") + key + "] must be a table", "error.content",
                      where(file, *n));
  for (const auto& [k, v] : *t) {
    const auto s = v.value<std::string>();
    if (!s || s->empty() || !is_cyrillic(*s))
      return make_error(Errc::parse, quoted(std::string(k.str())) + " needs its Cyrillic spelling",
                        "error.content", where(file, v));
    out[ascii_lower(std::string(k.str()))] = *s;
  }
  return out;
}

// Compiles ICU transform rules; the error names the file and ICU's reason.
Result<std::unique_ptr<icu::Transliterator>> compile(const std::string& id, const std::string& rules,
                                                     const std::string& file) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError pe{};
  std::unique_ptr<icu::Transliterator> t(icu::Transliterator::createFromRules(
      icu::UnicodeString::fromUTF8(id), icu::UnicodeString::fromUTF8(rules), UTRANS_FORWARD, pe,
      status));
  if (U_FAILURE(status) || !t) {
    std::string context;
    icu::UnicodeString(pe.preContext).toUTF8String(context);
    return make_error(Errc::parse,
                      std::string("the rules \"") + id + "\" are not valid ICU transform rules (" +
                          u_errorName(status) + ", rule line " + std::to_string(pe.line) +
                          (context.empty() ? "" : ", after \"" + context + "\"") + ")",
                      "error.content", file);
  }
  return Result<std::unique_ptr<icu::Transliterator>>(std::move(t));
}

// Moves r's value into `out`; r's error when it has none.
template <class T>
std::optional<Error> take(Result<T>&& r, T& out) {
  if (!r) return r.error();
  out = std::move(r).value();
  return std::nullopt;
}

Result<std::string> rules_text(const fs::path& file, const toml::table& t, const char* key) {
  const auto v = t[key].value<std::string>();
  if (!v || v->find_first_not_of(" \t\r\n") == std::string::npos)
    return make_error(Errc::parse, std::string("needs ") + key + " = '''...''' (ICU transform rules)",
                      "error.content", file.string());
  if (auto c = compile(key, *v, file.string()); !c) return c.error();
  return *v;
}

}  // namespace

Result<TranslitData> load_translit(const fs::path& dir) {
  TranslitData d;
  {
    const fs::path file = dir / "latin.toml";
    auto root = parse(file);
    if (!root) return root.error();
    const auto* rules = (*root)["rules"].as_table();
    if (!rules) return make_error(Errc::parse, "needs a [rules] table", "error.content", file.string());
    if (auto e = take(rules_text(file, *rules, "general"), d.latin_rules)) return *e;
    if (auto e = take(rules_text(file, *rules, "uk"), d.latin_rules_uk)) return *e;
    if (auto e = take(word_table(file, *root, "words"), d.latin_words)) return *e;
    if (auto e = take(word_table(file, *root, "words_uk"), d.latin_words_uk)) return *e;
  }
  {
    const fs::path file = dir / "dari.toml";
    auto root = parse(file);
    if (!root) return root.error();
    if (auto e = take(rules_text(file, *root, "rules"), d.dari_rules)) return *e;
  }
  const fs::path file = dir / "names.toml";
  auto root = parse(file);
  if (!root) return root.error();
  const auto* blocks = (*root)["block"].as_array();
  if (!blocks || blocks->empty())
    return make_error(Errc::parse, "the name list has no [[block]] entries", "error.content", file.string());
  for (const auto& node : *blocks) {
    const auto* t = node.as_table();
    if (!t) return make_error(Errc::parse, "[[block]] must be a table", "error.content", where(file, node));
    NameBlock b;
    b.what = (*t)["what"].value_or(std::string());
    b.source = (*t)["source"].value_or(std::string());
    if (b.source.empty())
      return make_error(Errc::parse, "every block of names needs source = \"...\" (where the names come from)",
                        "error.content", where(file, node));
    const auto* names = (*t)["names"].as_table();
    if (!names || names->empty())
      return make_error(Errc::parse, "a block needs a [block.names] table", "error.content", where(file, node));
    for (const auto& [k, v] : *names) {
      const std::string key = normalize_arabic(std::string(k.str()));
      const auto ru = v.value<std::string>();
      if (!has_script(icu::UnicodeString::fromUTF8(key), USCRIPT_ARABIC) || key.find(' ') != std::string::npos)
        return make_error(Errc::parse, quoted(std::string(k.str())) + " must be one word in the Arabic script",
                          "error.content", where(file, v));
      if (!ru || ru->empty() || !is_cyrillic(*ru))
        return make_error(Errc::parse, quoted(std::string(k.str())) + " needs its Russian spelling in Cyrillic",
                          "error.content", where(file, v));
      const auto [it, fresh] = d.names.emplace(key, *ru);
      if (!fresh && it->second != *ru)
        return make_error(Errc::parse,
                          quoted(std::string(k.str())) + " is listed twice, as \"" + it->second +
                              "\" and as \"" + *ru + "\"",
                          "error.content", where(file, v));
      b.names[key] = *ru;
    }
    d.blocks.push_back(std::move(b));
  }
  return d;
}

// [SECTION] 3. the rule sets, built once -----------------------------------------

namespace {

// ICU transliterators are expensive to build and not thread-safe to share
// while transliterating, so each is built once and used under a lock.
struct Engine {
  std::mutex mutex;
  bool ok = false;
  TranslitData data;
  std::unique_ptr<icu::Transliterator> to_ascii;  // any script -> lower-case ASCII Latin
  std::unique_ptr<icu::Transliterator> latin, latin_uk, dari;
};

Engine& engine() {
  static Engine e;
  static std::once_flag once;
  std::call_once(once, [] {
    auto d = load_translit(data_dir() / "assets" / "translit");
    if (!d) return;
    auto latin = compile("kiosk-latn-cyrl", d->latin_rules, "latin.toml");
    auto latin_uk = compile("kiosk-latn-cyrl-uk", d->latin_rules_uk, "latin.toml");
    auto dari = compile("kiosk-fa-cyrl", d->dari_rules, "dari.toml");
    UErrorCode status = U_ZERO_ERROR;
    e.to_ascii.reset(icu::Transliterator::createInstance(
        icu::UnicodeString::fromUTF8("Any-Latin; Latin-ASCII; Any-Lower; NFC"), UTRANS_FORWARD, status));
    if (!latin || !latin_uk || !dari || U_FAILURE(status) || !e.to_ascii) return;
    e.latin = std::move(latin).value();
    e.latin_uk = std::move(latin_uk).value();
    e.dari = std::move(dari).value();
    e.data = std::move(d).value();
    e.ok = true;
  });
  return e;
}

std::string apply(icu::Transliterator& t, const std::string& text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  t.transliterate(u);
  return utf8(u);
}

// [SECTION] 4. proposals --------------------------------------------------------------

// Latin (or another script that ICU can write in Latin) -> Cyrillic, word
// by word, under the engine's lock.
std::string latin_words(Engine& e, const std::string& text, bool uk) {
  std::string out;
  for (const auto& w : split_words(apply(*e.to_ascii, text), true)) {
    if (is_separator(w)) {
      out += w;
      continue;
    }
    const auto& own = uk ? e.data.latin_words_uk : e.data.latin_words;
    if (const auto it = own.find(w); it != own.end()) out += it->second;
    else if (const auto g = e.data.latin_words.find(w); uk && g != e.data.latin_words.end()) out += g->second;
    else out += apply(uk ? *e.latin_uk : *e.latin, w);
  }
  return out;
}

}  // namespace

CyrillicProposal propose_cyrillic(const std::string& typed, const std::string& lang) {
  const std::string name = squeeze_spaces(typed);
  if (is_cyrillic(name)) return {name_case(name), false};
  Engine& e = engine();
  if (!e.ok) return {name, true};
  std::lock_guard<std::mutex> lock(e.mutex);
  CyrillicProposal p;
  const bool uk = lang == "uk";
  const std::vector<std::string> words = split_words(normalize_arabic(name), false);
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& w = words[i];
    if (is_separator(w)) {
      out += w;
      continue;
    }
    if (!has_script(icu::UnicodeString::fromUTF8(w), USCRIPT_ARABIC)) {
      if (is_cyrillic(w)) {
        out += w;
      } else {
        if (!is_latin(w)) p.check_with_staff = true;  // ICU's Latin for another script
        out += latin_words(e, w, uk);
      }
      continue;
    }
    // "عبد الله" typed as two words is tried as one when the first word is
    // not a name by itself.
    if (i + 2 < words.size() && words[i + 1] == " " && !e.data.names.count(w)) {
      if (const auto it = e.data.names.find(w + words[i + 2]); it != e.data.names.end()) {
        out += it->second;
        i += 2;
        continue;
      }
    }
    if (const auto it = e.data.names.find(w); it != e.data.names.end()) {
      out += it->second;
      continue;
    }
    p.check_with_staff = true;
    out += apply(*e.dari, w);
  }
  p.text = name_case(out);
  return p;
}

CyrillicProposal propose_cyrillic(const Form& form, const Field& field, const std::string& value,
                                  const Answers& answers, const std::string& lang) {
  const Field* source = field.latin.empty() ? nullptr : form.find(field.latin);
  if (source && is_visible(*source, answers)) {
    const std::string latin = answers.get(source->id);
    if (is_latin(latin)) return propose_cyrillic(latin, lang);
  }
  return propose_cyrillic(value, lang);
}

std::string to_cyrillic(const std::string& name) { return propose_cyrillic(name).text; }

// [SECTION] 5. read-aloud -----------------------------------------------------------

Utterance cyrillic_readout(const std::string& proposal) {
  // One word at a time, with a pause between them, so that a listener who
  // cannot read Russian letters hears each part of the name.
  std::string text;
  for (const auto& w : split_words(proposal, false)) {
    if (is_separator(w)) continue;
    if (!text.empty()) text += ", ";
    text += w;
  }
  if (!text.empty()) text += ".";
  return {"ru", text};
}

}  // namespace kiosk
