// The five languages the kiosk speaks, from day one.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

struct Language {
  std::string code;         // file name in locales/ and config value: kk ru en fa-AF uk
  std::string icu_locale;   // ICU locale id: "fa_AF" etc.
  std::string native_name;  // the language's name in its own script
  bool rtl = false;         // Dari is written right to left
};

// In the order shown on the language screen.
const std::vector<Language>& languages();

// nullptr when `code` is not one of the five.
const Language* find_language(std::string_view code);

}  // namespace kiosk
