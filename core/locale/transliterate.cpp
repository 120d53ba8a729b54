#include "locale/transliterate.hpp"

#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>

namespace kiosk {

namespace {

// ICU transliterators are expensive to build and not thread-safe to share
// while transliterating, so each is built once and used under a lock.
struct Transforms {
  std::mutex mutex;
  std::unique_ptr<icu::Transliterator> arabic_to_cyrillic;
  std::unique_ptr<icu::Transliterator> latin_to_cyrillic;
};

Transforms& transforms() {
  static Transforms t;
  static std::once_flag once;
  std::call_once(once, [] {
    UErrorCode status = U_ZERO_ERROR;
    UParseError pe{};
    // Dari letters one by one. Short vowels are not written in Dari, so the
    // result is a proposal the person corrects on the next screen.
    const icu::UnicodeString persian = icu::UnicodeString::fromUTF8(
        ":: NFC; "
        "آ > а ; ا > а ; أ > а ; إ > и ; ب > б ; پ > п ; ت > т ; ث > с ; ج > дж ; "
        "چ > ч ; ح > х ; خ > х ; د > д ; ذ > з ; ر > р ; ز > з ; ژ > ж ; س > с ; "
        "ش > ш ; ص > с ; ض > з ; ط > т ; ظ > з ; ع > ; غ > г ; ف > ф ; ق > к ; "
        "ک > к ; ك > к ; گ > г ; ل > л ; م > м ; ن > н ; "
        "$wb = [^[:L:][:M:]] ; "
        "$wb { و > в ; و > у ; ؤ > у ; "
        "ه } $wb > а ; ه > х ; ة > а ; "
        "ی } $wb > и ; ي } $wb > и ; ی > и ; ي > и ; ئ > и ; ء > ; "
        "\u200C > ; [:M:] > ; :: NFC;");
    t.arabic_to_cyrillic.reset(icu::Transliterator::createFromRules(
        "kiosk-fa-cyrl", persian, UTRANS_FORWARD, pe, status));
    if (U_FAILURE(status)) t.arabic_to_cyrillic.reset();
    // Names written in Latin letters usually follow English-style
    // romanisation: digraphs first, then single letters.
    status = U_ZERO_ERROR;
    const icu::UnicodeString latin = icu::UnicodeString::fromUTF8(
        ":: Any-Latin; :: Latin-ASCII; :: Lower; "
        "shch > щ ; sch > ш ; sh > ш ; ch > ч ; zh > ж ; kh > х ; gh > г ; ts > ц ; tz > ц ; "
        "ya > я ; yu > ю ; yo > ё ; ye > е ; ia } [^[:L:]] > ия ; "
        "ee > и ; oo > у ; ou > у ; ph > ф ; th > т ; "
        "[aeiou] { y > й ; y > ы ; j > дж ; q > к ; w > в ; x > кс ; c > к ; h > х ; "
        "a > а ; b > б ; d > д ; e > е ; f > ф ; g > г ; i > и ; k > к ; l > л ; m > м ; "
        "n > н ; o > о ; p > п ; r > р ; s > с ; t > т ; u > у ; v > в ; z > з ; "
        "\\' > ; :: NFC;");
    t.latin_to_cyrillic.reset(icu::Transliterator::createFromRules(
        "kiosk-latn-cyrl", latin, UTRANS_FORWARD, pe, status));
    if (U_FAILURE(status)) t.latin_to_cyrillic.reset();
  });
  return t;
}

}  // namespace

bool is_cyrillic(const std::string& text) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    const UChar32 c = u.char32At(i);
    if (!u_isalpha(c)) continue;
    UErrorCode status = U_ZERO_ERROR;
    if (uscript_getScript(c, &status) != USCRIPT_CYRILLIC) return false;
  }
  return true;
}

std::string to_cyrillic(const std::string& name) {
  if (is_cyrillic(name)) return name;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(name);
  bool arabic = false;
  for (int32_t i = 0; i < u.length(); i = u.moveIndex32(i, 1)) {
    UErrorCode status = U_ZERO_ERROR;
    if (uscript_getScript(u.char32At(i), &status) == USCRIPT_ARABIC) arabic = true;
  }
  Transforms& t = transforms();
  {
    std::lock_guard<std::mutex> lock(t.mutex);
    icu::Transliterator* tr = arabic ? t.arabic_to_cyrillic.get() : t.latin_to_cyrillic.get();
    if (tr) tr->transliterate(u);
  }
  std::string out;
  u.toUTF8String(out);
  // Capitalise the first letter of each word, as names are written.
  icu::UnicodeString v = icu::UnicodeString::fromUTF8(out);
  bool start = true;
  for (int32_t i = 0; i < v.length(); i = v.moveIndex32(i, 1)) {
    const UChar32 c = v.char32At(i);
    if (u_isalpha(c)) {
      if (start) {
        const UChar32 up = u_toupper(c);
        if (up != c && U16_LENGTH(up) == U16_LENGTH(c)) v.replace(i, U16_LENGTH(c), up);
      }
      start = false;
    } else {
      start = c == ' ' || c == '-';
    }
  }
  out.clear();
  v.toUTF8String(out);
  return out;
}

}  // namespace kiosk
