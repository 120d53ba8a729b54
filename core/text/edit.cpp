#include "text/edit.hpp"

#include "base/utf8.hpp"

namespace kiosk::text {

std::string backspace(std::string_view text) {
  // One code point; a stray continuation byte without its lead goes alone.
  return std::string(text.substr(0, utf8::previous(text, text.size())));
}

}  // namespace kiosk::text
