// Names typed in Dari or Latin script, turned into Cyrillic for the official
// form with ICU transforms. The person always confirms or corrects the result.
#pragma once

#include <string>

namespace kiosk {

// A Cyrillic proposal for `name` (UTF-8). Text already in Cyrillic comes
// back unchanged; Arabic-script text goes through Latin first. Never fails:
// what ICU cannot map is kept as it is.
std::string to_cyrillic(const std::string& name);

// True when `text` holds no letters other than Cyrillic ones.
bool is_cyrillic(const std::string& text);

}  // namespace kiosk
