// The kiosk's languages and every per-language fact code needs (script,
// direction, voice, calendars, digits, keyboards, petition language): one
// table, read from data (assets/languages.toml), never switch statements.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace kiosk {

struct Language {
  std::string code;         // file name in locales/ and config value: kk ru en fa-AF uk
  std::string icu_locale;   // ICU locale id: "fa_AF" etc.
  std::string native_name;  // the language's name in its own script
  bool rtl = false;         // Dari is written right to left
  std::string script;       // ISO 15924 of its writing: Cyrl, Latn, Arab
  std::string voice;        // espeak-ng voice; empty = no read-aloud
  std::vector<std::string> calendars{"gregorian"};  // long dates: first, then the others in brackets
  std::string digits = "latn";  // ICU numbering system of the locale
  std::vector<std::string> keyboards;  // on-screen layouts, own first
  bool petition = false;    // a petition may be written in it (ru, kk)
  // How its people tell the time: "24h" (09:00), "12h" (9 a.m.), or "dari"
  // (12-hour with the part of the day, «۹ صبح»: a 24-hour «۰۹:۰۰» is a row
  // of dots to a Dari reader).
  std::string clock = "24h";
  // Seconds espeak-ng's voice takes per character of guidance text, at the
  // slower end (the reading is cut into parts of about a minute with it).
  double speech_seconds_per_char = 0.13;

  [[nodiscard]] const std::string& calendar() const { return calendars.front(); }
};

// Reads a language table (assets/languages.toml). Bad input fails with
// where = "FILE:LINE".
Result<std::vector<Language>> load_languages(const std::filesystem::path& file);

// data_dir()/"assets/languages.toml", read once on first use and then
// const. In the order shown on the language screen; empty when the file
// cannot be read (languages_problem() says why; the site loader reports it).
const std::vector<Language>& languages();
// Why languages() is empty, or an Ok.
const Status& languages_problem();

// nullptr when `code` is not in the table.
const Language* find_language(std::string_view code);

// The language a short text (a key cap, a language's own name) is shaped
// in: `preferred` when the text's first letter is in its script, else the
// first language of the table written in that script; nullptr when no
// language is (digits and signs only: the caller keeps its own).
const Language* language_for_text(std::string_view text, std::string_view preferred);

// How a list is joined in a language: ", ", or "، " (the Arabic comma) in a
// right-to-left one such as Dari. An unknown code joins with ", ".
const char* list_separator(const Language& lang);
const char* list_separator(std::string_view code);

}  // namespace kiosk
