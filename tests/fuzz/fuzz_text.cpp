// Text engine: kiosk::text::layout of arbitrary bytes (invalid UTF-8, bidi
// controls, combining marks, very long strings) with options taken from the
// first four bytes, then carets at a few offsets.
#include "fuzz_common.hpp"
#include "text/fonts.hpp"
#include "text/layout.hpp"

#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static kiosk::text::FontSet* fonts = [] {
    auto f = kiosk::text::FontSet::load_default();
    if (!f) {
      std::fprintf(stderr, "fuzz_text: fonts: %s\n", f.error().describe().c_str());
      std::abort();
    }
    return new kiosk::text::FontSet(std::move(f).value());
  }();
  if (size < 4) return 0;
  static const char* const languages[] = {"", "en", "ru", "kk", "fa-AF", "uk", "x-bad"};
  kiosk::text::LayoutOptions o;
  o.style.size_px = 8 + data[0] % 64;
  o.style.weight = (data[0] & 0x80) ? kiosk::text::Weight::bold : kiosk::text::Weight::regular;
  o.max_width = (data[1] % 4 == 0) ? 0.0f : static_cast<float>(data[1]) * 8.0f;
  o.align = static_cast<kiosk::text::Align>(data[2] % 3);
  o.direction = static_cast<kiosk::text::Direction>((data[2] / 3) % 3);
  o.language = languages[data[3] % 7];
  o.isolate_numbers = (data[3] & 0x80) != 0;
  const std::string_view text = fuzz::as_view(data + 4, size - 4);
  const auto p = kiosk::text::layout(*fonts, text, o);
  const size_t n = p.text.size();
  for (size_t off : {size_t{0}, n / 3, n / 2, n}) (void)kiosk::text::caret_at(p, off);
  (void)kiosk::text::first_strong_direction(text);
  return 0;
}
