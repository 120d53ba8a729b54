#include "locale/language.hpp"

namespace kiosk {

const std::vector<Language>& languages() {
  static const std::vector<Language> all = {
      {"kk", "kk_KZ", "Қазақша", false},
      {"ru", "ru_KZ", "Русский", false},
      {"en", "en_KZ", "English", false},
      {"fa-AF", "fa_AF", "دری", true},
      {"uk", "uk_UA", "Українська", false},
  };
  return all;
}

const Language* find_language(std::string_view code) {
  for (const auto& l : languages())
    if (l.code == code) return &l;
  return nullptr;
}

}  // namespace kiosk
