#include "document/reference.hpp"

#include <sys/random.h>

#include <array>
#include <cstdint>

namespace kiosk {

namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// Value of a Crockford symbol (with the usual read-alikes), or -1.
int symbol_value(char c) {
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (c == 'O') c = '0';
  if (c == 'I' || c == 'L') c = '1';
  const auto pos = kAlphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}

// Weights 1..7 make a swap of two different neighbours change the sum.
int check_value(const std::array<int, 7>& v) {
  int sum = 0;
  for (size_t i = 0; i < v.size(); ++i) sum += static_cast<int>(i + 1) * v[i];
  return sum % 32;
}

std::string format(const std::array<int, 7>& v) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i == 4) s += '-';
    s += kAlphabet[static_cast<size_t>(v[i])];
  }
  s += kAlphabet[static_cast<size_t>(check_value(v))];
  return s;
}

}  // namespace

std::string make_reference_code() {
  std::array<uint8_t, 7> random{};
  size_t got = 0;
  while (got < random.size()) {
    const ssize_t n = getrandom(random.data() + got, random.size() - got, 0);
    if (n > 0) got += static_cast<size_t>(n);
  }
  std::array<int, 7> v{};
  for (size_t i = 0; i < v.size(); ++i) v[i] = random[i] % 32;  // 256 is a multiple of 32: no bias
  return format(v);
}

std::optional<std::string> parse_reference_code(std::string_view typed) {
  std::array<int, 8> v{};
  size_t n = 0;
  for (char c : typed) {
    if (c == '-' || c == ' ') continue;
    const int value = symbol_value(c);
    if (value < 0 || n >= v.size()) return std::nullopt;
    v[n++] = value;
  }
  if (n != v.size()) return std::nullopt;
  std::array<int, 7> body{};
  for (size_t i = 0; i < body.size(); ++i) body[i] = v[i];
  if (check_value(body) != v[7]) return std::nullopt;
  return format(body);
}

}  // namespace kiosk
