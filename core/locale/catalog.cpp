#include "locale/catalog.hpp"

#include <unicode/msgfmt.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "locale/language.hpp"

namespace kiosk {

namespace fs = std::filesystem;

Result<std::string> format_message(const std::string& pattern, const std::string& icu_locale,
                                   const MessageArgs& args) {
  UErrorCode status = U_ZERO_ERROR;
  UParseError parse_error{};
  icu::MessageFormat fmt(icu::UnicodeString::fromUTF8(pattern), icu::Locale(icu_locale.c_str()),
                         parse_error, status);
  if (U_FAILURE(status))
    return make_error(Errc::parse, "ICU cannot parse the pattern (" +
                                       std::string(u_errorName(status)) + " at offset " +
                                       std::to_string(parse_error.offset) + ")");
  std::vector<icu::UnicodeString> names;
  std::vector<icu::Formattable> values;
  names.reserve(args.size());
  values.reserve(args.size());
  for (const auto& [name, value] : args) {
    names.push_back(icu::UnicodeString::fromUTF8(name));
    if (const auto* i = std::get_if<int64_t>(&value)) values.emplace_back(*i);
    else if (const auto* d = std::get_if<double>(&value)) values.emplace_back(*d);
    else values.emplace_back(icu::UnicodeString::fromUTF8(std::get<std::string>(value)));
  }
  icu::UnicodeString out;
  fmt.format(names.data(), values.data(), static_cast<int32_t>(values.size()), out, status);
  if (U_FAILURE(status))
    return make_error(Errc::invalid_input,
                      "ICU could not format the pattern (" + std::string(u_errorName(status)) + ")");
  std::string utf8;
  out.toUTF8String(utf8);
  return utf8;
}

Result<Catalog> Catalog::load(const fs::path& locales_dir, const std::string& code) {
  const Language* lang = find_language(code);
  if (!lang) return make_error(Errc::not_found, "unknown language code \"" + code + "\"");
  const fs::path path = locales_dir / (code + ".json");
  std::ifstream in(path);
  if (!in) return make_error(Errc::not_found, "the locale file is missing", {}, path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  // "FILE:LINE" of a key, found in the raw text (JSON parsers drop lines).
  auto where_is = [&](const std::string& key) {
    const auto pos = text.find("\"" + key + "\"");
    if (pos == std::string::npos) return path.string();
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pos), '\n');
    return path.string() + ":" + std::to_string(line);
  };
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {  // syntax: name the line it stopped at
    const size_t at = std::min(text.size(), e.byte > 0 ? static_cast<size_t>(e.byte - 1) : size_t{0});
    const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
    return make_error(Errc::parse, std::string("not valid JSON: ") + e.what(), {},
                      path.string() + ":" + std::to_string(line));
  } catch (const nlohmann::json::exception& e) {  // a number too big to hold
    return make_error(Errc::parse, std::string("not valid JSON: ") + e.what(), {}, path.string());
  }
  if (!doc.is_object())
    return make_error(Errc::parse, "must be one JSON object of \"key\": \"text\"", {},
                      path.string());
  Catalog c;
  c.code_ = code;
  c.icu_locale_ = lang->icu_locale;
  for (const auto& [key, value] : doc.items()) {
    if (!value.is_string())
      return make_error(Errc::parse, "the value of \"" + key + "\" must be a text", {},
                        where_is(key));
    UErrorCode status = U_ZERO_ERROR;
    UParseError parse_error{};
    const icu::MessageFormat check(icu::UnicodeString::fromUTF8(value.get<std::string>()),
                                   icu::Locale(lang->icu_locale.c_str()), parse_error, status);
    if (U_FAILURE(status))
      return make_error(Errc::parse,
                        "ICU cannot parse the pattern of \"" + key + "\" (" +
                            std::string(u_errorName(status)) + " at offset " +
                            std::to_string(parse_error.offset) + ")",
                        {}, where_is(key));
    c.entries_.emplace(key, value.get<std::string>());
  }
  return c;
}

bool Catalog::has(std::string_view key) const { return entries_.find(key) != entries_.end(); }

const std::string* Catalog::pattern(std::string_view key) const {
  const auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

std::string Catalog::format(std::string_view key, const MessageArgs& args) const {
  const std::string* p = pattern(key);
  if (!p) return "⟦" + std::string(key) + "⟧";
  auto r = format_message(*p, icu_locale_, args);
  return r ? std::move(r).value() : "⟦" + std::string(key) + "⟧";
}

Result<Translations> Translations::load(const fs::path& locales_dir) {
  if (!languages_problem()) return languages_problem().error();
  Translations t;
  for (const auto& lang : languages()) {
    auto c = Catalog::load(locales_dir, lang.code);
    if (!c) return c.error();
    t.catalogs_.push_back(std::move(c).value());
  }
  return t;
}

const Catalog& Translations::catalog(std::string_view code) const {
  for (const auto& c : catalogs_)
    if (c.code() == code) return c;
  for (const auto& c : catalogs_)
    if (c.code() == "en") return c;
  return catalogs_.front();
}

std::string Translations::tr(std::string_view code, std::string_view key,
                             const MessageArgs& args) const {
  const Catalog& c = catalog(code);
  if (c.has(key)) return c.format(key, args);
  return catalog("en").format(key, args);
}

}  // namespace kiosk
