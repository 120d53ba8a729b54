// The reference code printed on the petition and the receipt: a short,
// human-friendly code made per session (no personal data in it), so staff
// can match the person's receipt to their petition and record.
//
// Format: 8 symbols of Crockford's base32 (digits and letters without
// I, L, O, U), shown as "XXXX-XXXX". The first 7 symbols are random; the
// 8th is a check symbol (weighted sum mod 32), so one mistyped symbol or two
// swapped neighbours are noticed when staff type a code in.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

// A new random reference code, formatted "XXXX-XXXX". Uses the OS random
// source (getrandom); never fails.
std::string make_reference_code();

// Reads a code as a person may type it: case-insensitive, with or without the
// hyphen or spaces, O read as 0 and I/L as 1. Returns the canonical
// "XXXX-XXXX" form, or nothing when it is not a valid code (wrong length,
// unknown symbol, or check symbol does not match).
std::optional<std::string> parse_reference_code(std::string_view typed);

}  // namespace kiosk
