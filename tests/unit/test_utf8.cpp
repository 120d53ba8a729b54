// The one UTF-8 codec (base/utf8.hpp): round trips, malformed input,
// counting and cutting at character boundaries.
#include <catch2/catch.hpp>

#include "base/utf8.hpp"
#include "input/keyboard.hpp"

namespace u8 = kiosk::utf8;

TEST_CASE("utf8 decodes and encodes every width and refuses what cannot be written", "[utf8]") {
  const std::string s = "aЖ\u200C€😀";  // 1, 2, 3, 3 and 4 bytes
  const std::u32string cps = u8::decode(s);
  CHECK(cps == std::u32string{U'a', U'Ж', 0x200C, U'€', 0x1F600});
  std::string back;
  for (char32_t c : cps) u8::append(back, c);
  CHECK(back == s);
  CHECK(u8::length(s) == 5);
  CHECK(u8::encode(0xD800).empty());      // a surrogate
  CHECK(u8::encode(0x110000).empty());    // beyond Unicode
  CHECK(u8::decode("a\xFF" "b") == std::u32string{U'a', 0xFFFD, U'b'});
  CHECK(u8::decode("\xE2\x82") == std::u32string{0xFFFD});  // cut short
}

TEST_CASE("utf8 steps back and cuts only at character boundaries", "[utf8]") {
  const std::string s = "Жё€";
  CHECK(u8::previous(s, s.size()) == 4);  // € is 3 bytes
  CHECK(u8::previous(s, 4) == 2);
  CHECK(u8::previous(s, 0) == 0);
  CHECK(u8::previous("a\x80", 2) == 1);   // a stray continuation byte is one
  CHECK(u8::prefix(s, 3) == "Ж");
  CHECK(u8::prefix(s, 4) == "Жё");
  CHECK(u8::prefix(s, 100) == s);
  // The one Backspace policy (input/keyboard.hpp) takes a whole letter.
  CHECK(kiosk::edit_key("سلام", kiosk::EditKey::backspace) == "سلا");
}
