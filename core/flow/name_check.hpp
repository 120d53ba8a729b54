// What the Cyrillic check screen shows and says, from the session alone:
// the proposal, whether to send the person to staff, and what the Russian
// voice reads so that a person who cannot read Russian letters can check
// the spelling by ear. The app draws it; nothing here draws or speaks.
#pragma once

#include <optional>
#include <string>

#include "flow/session.hpp"
#include "locale/transliterate.hpp"

namespace kiosk {

struct NameCheckView {
  std::string typed;     // the name as the person typed it ({name} in question.cyrillic.body)
  std::string proposal;  // the Cyrillic proposal, as it stands (the person may correct it)
  // A line to show under the proposal, or empty: "this spelling is a guess,
  // ask staff" when some word was spelled from its letters alone.
  std::string staff_note_key;
  std::string listen_key = "question.cyrillic.listen";  // the button that reads it aloud
  Utterance readout;     // Russian voice, the proposal word by word
};

// The view while the session shows a Cyrillic proposal; nothing otherwise.
std::optional<NameCheckView> name_check_view(const Session& s);

}  // namespace kiosk
