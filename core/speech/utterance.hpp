// One thing to say, in one voice: what core asks the speaker to read
// (a screen's part, a language's name, a Cyrillic name checked by ear).
#pragma once

#include <string>

namespace kiosk {

struct Utterance {
  std::string lang;  // the kiosk language whose voice says it
  std::string text;
  bool operator==(const Utterance&) const = default;
};

}  // namespace kiosk
