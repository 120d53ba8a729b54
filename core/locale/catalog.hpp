// Translations: one JSON file per language in locales/, a flat object of
// dotted keys to ICU MessageFormat patterns. English (en) is the reference.
//
// Formatting always goes through ICU (plurals, numbers, dates); no code
// here knows any language's grammar.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "base/result.hpp"

namespace kiosk {

// A named argument for a pattern: {count, plural, ...} takes an integer,
// {name} a string.
using MessageArg = std::variant<int64_t, double, std::string>;
using MessageArgs = std::vector<std::pair<std::string, MessageArg>>;

class Catalog {
 public:
  // Reads locales/<code>.json. Fails with FILE:LINE-style detail on bad JSON,
  // a non-string value, or a pattern ICU cannot parse.
  static Result<Catalog> load(const std::filesystem::path& locales_dir, const std::string& code);

  [[nodiscard]] const std::string& code() const { return code_; }
  [[nodiscard]] bool has(std::string_view key) const;
  // The raw pattern; nullptr when the key is missing.
  [[nodiscard]] const std::string* pattern(std::string_view key) const;
  [[nodiscard]] const std::map<std::string, std::string, std::less<>>& entries() const {
    return entries_;
  }

  // Formats `key` with `args`. A missing key gives "⟦key⟧" so that a gap is
  // visible on screen and caught by tests, never a crash.
  [[nodiscard]] std::string format(std::string_view key, const MessageArgs& args = {}) const;

 private:
  std::string code_;
  std::string icu_locale_;
  std::map<std::string, std::string, std::less<>> entries_;
};

// Formats an ICU MessageFormat `pattern` in `icu_locale`. Fails when the
// pattern does not parse or an argument is missing.
Result<std::string> format_message(const std::string& pattern, const std::string& icu_locale,
                                   const MessageArgs& args);

// The five catalogs, with English as the fallback for a missing key.
class Translations {
 public:
  static Result<Translations> load(const std::filesystem::path& locales_dir);
  [[nodiscard]] const Catalog& catalog(std::string_view code) const;
  [[nodiscard]] std::string tr(std::string_view code, std::string_view key,
                               const MessageArgs& args = {}) const;

 private:
  std::vector<Catalog> catalogs_;
};

}  // namespace kiosk
