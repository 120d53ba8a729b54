// Editing a logical text buffer (the on-screen keyboard, a staff desk's
// physical keyboard). UI-free.
#pragma once

#include <string>
#include <string_view>

namespace kiosk::text {

// What Backspace leaves of `text`: everything but the last code point, as
// browsers and word processors do. So a Dari typist's ZWNJ, or a vowel mark
// after a letter, goes on its own rather than with the letter before it.
// Never splits a UTF-8 sequence.
std::string backspace(std::string_view text);

}  // namespace kiosk::text
