#include "text/edit.hpp"

namespace kiosk::text {

std::string backspace(std::string_view text) {
  if (text.empty()) return {};
  auto is_continuation = [&](size_t i) {
    return (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
  };
  // Back over up to three continuation bytes to a lead byte; a stray
  // continuation byte without its lead goes alone.
  size_t start = text.size() - 1;
  size_t steps = 0;
  while (start > 0 && is_continuation(start) && steps < 3) {
    --start;
    ++steps;
  }
  const auto lead = static_cast<unsigned char>(text[start]);
  const size_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  if (is_continuation(start) || start + len != text.size()) start = text.size() - 1;
  return std::string(text.substr(0, start));
}

}  // namespace kiosk::text
