#include <catch2/catch.hpp>

#include "text/edit.hpp"

using kiosk::text::backspace;

TEST_CASE("Backspace removes the last code point, never half of one", "[text]") {
  CHECK(backspace("") == "");
  CHECK(backspace("Али") == "Ал");
  CHECK(backspace("علی") == "عل");
  // Dari: the ZWNJ goes on its own, the heh before it stays.
  CHECK(backspace("برنامه\u200C") == "برنامه");
  // A combining mark goes before its letter.
  CHECK(backspace("cafe\u0301") == "cafe");
  // Four UTF-8 bytes at once outside the BMP.
  CHECK(backspace("ok\U0001F600") == "ok");
  // A broken trailing byte is removed alone.
  CHECK(backspace(std::string("ok\xD0", 3)) == "ok");
}
