// On-screen keyboards: layouts are data (assets/keyboards/<id>.toml); typing
// edits a logical UTF-8 buffer. Drawing is the app's job.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace kiosk {

struct KeyboardLayout {
  std::string id;      // file name: kk ru uk en fa-AF digits
  std::string name;    // shown on the switch key, in its own script
  std::string script;  // ISO 15924: Cyrl, Latn, Arab, Zyyy
  bool rtl = false;
  std::vector<std::vector<std::string>> rows;  // key texts; "zwnj" is U+200C
};

// Reads one layout. Bad input fails with where = "FILE:LINE".
Result<KeyboardLayout> load_keyboard(const std::filesystem::path& file);

// The layouts for a language: its own script first, then the other script
// the person may need (Latin or Cyrillic), then digits.
std::vector<std::string> keyboards_for(const std::string& lang);

// Special keys the app draws besides the rows. newline: a line break in a
// long answer (the story).
enum class EditKey { backspace, space, clear, newline };

// The buffer after typing `key` (a key text from a layout) at its end.
std::string type_key(const std::string& buffer, const std::string& key);

// The buffer after an editing key. Backspace removes one user-perceived
// character (grapheme cluster), so a Dari letter with its mark goes at once.
std::string edit_key(const std::string& buffer, EditKey key);

// Editing at a caret (a byte offset into the logical UTF-8 buffer). The
// functions above are these at the end of the buffer: one Backspace policy.
struct Edited {
  std::string text;
  size_t caret = 0;  // where the next key goes
};
// `offset` moved back to the nearest user-perceived character boundary (a
// tap between a letter and its mark puts the caret before the letter);
// anything past the end is the end.
size_t caret_boundary(const std::string& buffer, size_t offset);
// The caret moved `by` characters (grapheme clusters) in logical order:
// negative towards the start of the text, positive towards its end.
size_t caret_step(const std::string& buffer, size_t caret, int by);
// The buffer after typing `key` at `caret`.
Edited type_key_at(const std::string& buffer, size_t caret, const std::string& key);
// The buffer after an editing key at `caret`: Backspace removes the
// character before the caret.
Edited edit_key_at(const std::string& buffer, size_t caret, EditKey key);

// What a physical keyboard's character `codepoint` adds (UTF-8), or "" when
// it is a control character.
std::string utf8_of(char32_t codepoint);

// Replaces Persian and Arabic-Indic digits with 0-9 (phone numbers and dates
// are stored with Western digits so they can be dialled and read anywhere).
std::string western_digits(const std::string& text);

}  // namespace kiosk
