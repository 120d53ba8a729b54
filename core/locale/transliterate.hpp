// Names typed in Dari or Latin script, turned into Cyrillic for the official
// form. The person always confirms or corrects the result.
//
// The rules and the name list are data (assets/translit/): latin.toml (a
// passport's Latin spelling, ICU transform rules), names.toml (common Afghan
// names in the Arabic script with their usual Russian spelling), dari.toml
// (letter rules for names not in the list: a guess, marked for staff).
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "form/form.hpp"
#include "speech/utterance.hpp"

namespace kiosk {

// One block of names.toml: what it holds and where its names come from.
struct NameBlock {
  std::string what;
  std::string source;
  std::map<std::string, std::string> names;  // normalised Arabic-script word -> Cyrillic
};

// assets/translit/, loaded and checked (every rule set compiles, every
// block has a source, every Russian form is Cyrillic, no word is listed
// twice with two spellings).
struct TranslitData {
  std::vector<NameBlock> blocks;
  std::map<std::string, std::string> names;  // all blocks together
  std::map<std::string, std::string> latin_words;     // whole-word exceptions
  std::map<std::string, std::string> latin_words_uk;  // the same for Ukrainian passports
  std::string latin_rules, latin_rules_uk, dari_rules;
};
Result<TranslitData> load_translit(const std::filesystem::path& dir);

// Capital initial on each word (after a space or a hyphen), the rest in
// lower case: "шевчук тарас" -> "Шевчук Тарас", "RAHIMI" -> "Rahimi".
// Scripts without case (Dari) are unchanged.
std::string name_case(const std::string& name);

// True when `text` holds no letters other than Cyrillic ones.
bool is_cyrillic(const std::string& text);
// True when `text` has letters and all of them are Latin.
bool is_latin(const std::string& text);

// An Arabic-script word as the name list keys it: Arabic ي/ى/ك as Persian
// ی/ک, short-vowel marks, tatweel and zero-width (non-)joiners removed.
std::string normalize_arabic(const std::string& text);

struct CyrillicProposal {
  std::string text;               // with capital initials
  bool check_with_staff = false;  // a word was guessed from letters alone
};

// A Cyrillic proposal for `name` (UTF-8). Cyrillic text comes back with
// capital initials. Latin text goes through latin.toml (Ukrainian passport
// rules when `lang` is "uk"). Arabic-script words are looked up in
// names.toml first ("عبد الله" is tried as "عبدالله"); the others get the
// letter rules and set check_with_staff. Never fails: without its data the
// text comes back as it is, marked for staff.
CyrillicProposal propose_cyrillic(const std::string& name, const std::string& lang = {});

// The proposal for the answer `value` to `field` of `form`: when the field
// names a Latin-spelling field (`latin = "surname_latin"`) that is asked
// and the person gave that spelling from their document, the proposal is
// made from it.
CyrillicProposal propose_cyrillic(const Form& form, const Field& field, const std::string& value,
                                  const Answers& answers, const std::string& lang);

// propose_cyrillic(name).text
std::string to_cyrillic(const std::string& name);

// What to read aloud so the person can check the Cyrillic proposal by ear:
// the Russian voice, the proposal's words one by one.
Utterance cyrillic_readout(const std::string& proposal);

}  // namespace kiosk
