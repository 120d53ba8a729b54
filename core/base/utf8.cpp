#include "base/utf8.hpp"

#include <unicode/utf8.h>

#include <cstdint>

namespace kiosk::utf8 {

namespace {

// The code point at `i` (moved past it); -1 when malformed.
int32_t next(std::string_view s, int32_t& i) {
  UChar32 c = 0;
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c;
}

}  // namespace

std::u32string decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  for (int32_t i = 0; i < static_cast<int32_t>(s.size());) {
    const int32_t c = next(s, i);
    out.push_back(c < 0 ? U'\uFFFD' : static_cast<char32_t>(c));
  }
  return out;
}

void append(std::string& out, char32_t c) {
  char buf[4];
  int32_t len = 0;
  UBool error = false;
  U8_APPEND(buf, len, 4, static_cast<UChar32>(c), error);
  if (!error) out.append(buf, static_cast<size_t>(len));
}

std::string encode(char32_t c) {
  std::string out;
  append(out, c);
  return out;
}

size_t length(std::string_view s) {
  size_t n = 0;
  for (int32_t i = 0; i < static_cast<int32_t>(s.size()); ++n) (void)next(s, i);
  return n;
}

size_t previous(std::string_view s, size_t end) {
  if (end == 0 || end > s.size()) return end == 0 ? 0 : s.size() - 1;
  // Walk forward from a lead byte up to four back: the last sequence
  // that ends exactly at `end` is the code point before it.
  const size_t from = end >= 4 ? end - 4 : 0;
  for (size_t start = from; start < end; ++start) {
    if ((static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) continue;  // not a lead byte
    auto i = static_cast<int32_t>(start);
    if (next(s.substr(0, end), i) >= 0 && static_cast<size_t>(i) == end) return start;
  }
  return end - 1;
}

std::string_view prefix(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return s;
  int32_t i = 0, last = 0;
  while (i < static_cast<int32_t>(s.size())) {
    (void)next(s, i);
    if (static_cast<size_t>(i) > max_bytes) break;
    last = i;
  }
  return s.substr(0, static_cast<size_t>(last));
}

}  // namespace kiosk::utf8
