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
  // How its people tell the time: "24h" (09:00), "12h" (9 a.m.), or
  // "parts": 12-hour with the part of the day (Dari «۹ صبح», Pashto
  // «سهار ۹ بجې»; a 24-hour «۰۹:۰۰» is a row of dots to an Afghan reader).
  std::string clock = "24h";
  // With clock = "parts": the words for morning (4-12), midday (12-14),
  // afternoon (14-18), evening (18-20) and night (20-4), and how a time is
  // written ({time} = 9 or 5:10, {part}) and said ({hour}, {minute}, {part};
  // the second pattern when the minutes are not zero).
  std::vector<std::string> day_parts;
  std::string time_pattern = "{time} {part}";
  std::string spoken_hour = "{hour} {part}";
  std::string spoken_minutes = "{hour}:{minute} {part}";
  // Seconds espeak-ng's voice takes per character of guidance text, at the
  // slower end (the reading is cut into parts of about a minute with it).
  double speech_seconds_per_char = 0.13;

  // ICU date patterns where the locale's own long date does not suit its
  // readers (Pashto: ICU writes the era "AP" into a Solar Hijri date);
  // empty = ICU's long date and its month-and-year skeleton.
  std::string date_pattern;   // a whole date, e.g. "d MMMM y"
  std::string month_pattern;  // a month and year, e.g. "MMMM y"

  [[nodiscard]] const std::string& calendar() const { return calendars.front(); }
};

// Reads a language table (assets/languages.toml). Bad input fails with
// where = "FILE:LINE".
Result<std::vector<Language>> load_languages(const std::filesystem::path& file);

// data_dir()/"assets/languages.toml", read once on first use and then
// const. In the order shown on the language screen; empty when the file
// cannot be read (languages_problem() says why; the site loader reports it).
const std::vector<Language>& languages();
// The codes of languages(), in their order (tests and tools loop over them).
std::vector<std::string> language_codes();
// Why languages() is empty, or an Ok.
const Status& languages_problem();

// nullptr when `code` is not in the table.
const Language* find_language(std::string_view code);

// Whether the table gives `code` a voice for read-aloud (voice = "" for
// Pashto: espeak-ng has none, and another language's voice would read it
// wrong). Without one the screens say so and nothing is read in it.
bool has_voice_in_table(std::string_view code);

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
