// Transliteration: names typed in the Arabic script (Dari) or in Latin
// letters (a passport's spelling) turned into Cyrillic, with the kiosk's
// rules and name list (assets/translit/). Byte 0 chooses the passport
// language and how the bytes are read: as they are (any bytes, invalid
// UTF-8 too), or as letters of one script (each byte picks a letter of the
// Dari alphabet, the Latin alphabet, or a space/hyphen/joiner).
// Invariants (a failure aborts):
//  - no crash;
//  - valid UTF-8 in gives valid UTF-8 out (proposal, name_case,
//    normalize_arabic, the readout);
//  - a name of plain Latin letters, of Dari letters or of Cyrillic ones gets
//    a proposal with no letters other than Cyrillic ones.
#include <cstdio>
#include <string>

#include "base/utf8.hpp"
#include "fuzz_common.hpp"
#include "locale/transliterate.hpp"

namespace {

bool valid_utf8(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t j = 1; j < len; ++j) {
      const auto d = static_cast<unsigned char>(s[i + j]);
      if ((d >> 6) != 2) return false;
      cp = (cp << 6) | (d & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

[[noreturn]] void broken(const char* what, const std::string& in, const std::string& out) {
  std::fprintf(stderr, "fuzz_translit: %s\n  in:  %s\n  out: %s\n", what, in.c_str(), out.c_str());
  std::abort();
}

// The Dari alphabet (with the Arabic forms people also type), and the
// marks a name may carry: short vowels, tatweel, ZWNJ.
const char32_t kDari[] = {U'ا', U'آ', U'ب', U'پ', U'ت', U'ث', U'ج', U'چ', U'ح', U'خ', U'د', U'ذ', U'ر',
                          U'ز', U'ژ', U'س', U'ش', U'ص', U'ض', U'ط', U'ظ', U'ع', U'غ', U'ف', U'ق', U'ک',
                          U'گ', U'ل', U'م', U'ن', U'و', U'ه', U'ی', U'ي', U'ك', U'ى', U'ء', U'أ', U'ؤ',
                          U'ئ', U'ة', U'ۀ', U'\u064E', U'\u064F', U'\u0650', U'\u0640', U'\u200C'};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  static const char* const langs[] = {"", "uk", "ru", "fa-AF", "en", "kk"};
  const std::string lang = langs[data[0] % 6];
  const int mode = (data[0] / 6) % 4;  // 0 raw bytes, 1 Dari letters, 2 Latin letters, 3 Cyrillic
  std::string name;
  for (size_t i = 1; i < size; ++i) {
    const uint8_t b = data[i];
    if (mode == 0) {
      name.push_back(static_cast<char>(b));
    } else if (b % 9 == 0) {
      name += (b & 0x10) ? "-" : " ";
    } else if (mode == 1) {
      kiosk::utf8::append(name, kDari[b % (sizeof kDari / sizeof *kDari)]);
    } else if (mode == 2) {
      name.push_back(static_cast<char>(((b & 0x20) ? 'A' : 'a') + b % 26));
    } else {
      kiosk::utf8::append(name, U'а' + b % 32);
    }
  }
  const bool in_valid = valid_utf8(name);
  const auto p = kiosk::propose_cyrillic(name, lang);
  const std::string cased = kiosk::name_case(name);
  const std::string normal = kiosk::normalize_arabic(name);
  const auto readout = kiosk::cyrillic_readout(p.text);
  (void)kiosk::is_latin(name);
  (void)kiosk::to_cyrillic(name);
  if (in_valid) {
    if (!valid_utf8(p.text)) broken("the proposal is not valid UTF-8", name, p.text);
    if (!valid_utf8(cased)) broken("name_case is not valid UTF-8", name, cased);
    if (!valid_utf8(normal)) broken("normalize_arabic is not valid UTF-8", name, normal);
    if (!valid_utf8(readout.text)) broken("the readout is not valid UTF-8", name, readout.text);
  }
  const bool has_letters = name.find_first_not_of(" -\u200C") != std::string::npos;
  if (mode != 0 && has_letters && !kiosk::is_cyrillic(p.text))
    broken("a Dari, Latin or Cyrillic name got a proposal with non-Cyrillic letters", name, p.text);
  return 0;
}
