// Escaping text for XML content and attributes (submissions, manifests, XForms).
#pragma once

#include <string>
#include <string_view>

namespace kiosk {

// & < > " ' as entities; control characters XML 1.0 does not allow (all
// below U+0020 except tab, newline, carriage return) are dropped.
std::string xml_escape(std::string_view text);

}  // namespace kiosk
