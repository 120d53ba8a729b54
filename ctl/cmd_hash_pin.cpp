// hash-pin: reads a staff PIN from standard input and prints the line to put
// in the config as staff.pin_hash. The PIN itself is never stored.
#include <iostream>
#include <string>

#include "command.hpp"
#include "staff/pin.hpp"

namespace {

int run(kioskctl::Context&) {
  std::string pin;
  std::getline(std::cin, pin);
  if (pin.find_first_not_of("0123456789") != std::string::npos || pin.size() < 4 ||
      pin.size() > 12) {
    std::cerr << "a staff PIN is 4 to 12 digits\n";
    return 1;
  }
  auto hash = kiosk::hash_pin(pin);
  if (!hash) {
    std::cerr << hash.error().message << "\n";
    return 1;
  }
  std::cout << "pin_hash = \"" << *hash << "\"\n";
  return 0;
}

const kioskctl::Registration reg({"hash-pin", "hash-pin  (PIN on standard input)",
                                  "print the staff.pin_hash line for a new staff PIN", run});

}  // namespace
