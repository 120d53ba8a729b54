// The one UTF-8 codec of the kiosk: decoding, encoding, counting and
// cutting at character boundaries. Malformed input never throws: a bad
// byte decodes as U+FFFD, and a code point that cannot be written (a
// surrogate, above U+10FFFF) encodes as nothing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kiosk::utf8 {

// The code points of `s`; each malformed sequence becomes U+FFFD.
std::u32string decode(std::string_view s);
// Appends `c` to `out`; nothing for a surrogate or a value above U+10FFFF.
void append(std::string& out, char32_t c);
std::string encode(char32_t c);
// How many code points `s` holds (a malformed sequence counts as one).
size_t length(std::string_view s);
// Where the code point that ends at `end` starts (0 when end is 0). A stray
// continuation byte is a code point of its own.
size_t previous(std::string_view s, size_t end);
// The longest prefix of `s` of at most `max_bytes` bytes that does not cut
// a code point.
std::string_view prefix(std::string_view s, size_t max_bytes);

}  // namespace kiosk::utf8
