#include "input/keyboard.hpp"

#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <memory>
#include <toml++/toml.h>

#include "base/utf8.hpp"
#include "locale/language.hpp"

namespace kiosk {

Result<KeyboardLayout> load_keyboard(const std::filesystem::path& file) {
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    return make_error(Errc::parse, "not valid TOML: " + std::string(e.description()),
                      "error.content",
                      file.string() + ":" + std::to_string(e.source().begin.line));
  }
  KeyboardLayout k;
  k.id = file.stem().string();
  k.name = root["name"].value_or(std::string());
  k.script = root["script"].value_or(std::string());
  k.rtl = root["rtl"].value_or(false);
  if (k.name.empty() || k.script.empty())
    return make_error(Errc::parse, "a keyboard needs name and script", "error.content", file.string());
  const auto* rows = root["rows"].as_array();
  if (!rows || rows->empty())
    return make_error(Errc::parse, "a keyboard needs rows = [[...], ...]", "error.content", file.string());
  for (const auto& row : *rows) {
    const auto* keys = row.as_array();
    const std::string where = file.string() + ":" + std::to_string(row.source().begin.line);
    if (!keys || keys->empty() || keys->size() > 14)
      return make_error(Errc::parse, "each row needs 1 to 14 keys", "error.content", where);
    std::vector<std::string> out;
    for (const auto& key : *keys) {
      const auto s = key.value<std::string>();
      if (!s || s->empty()) return make_error(Errc::parse, "a key must be a text", "error.content", where);
      out.push_back(*s);
    }
    k.rows.push_back(std::move(out));
  }
  return k;
}

std::vector<std::string> keyboards_for(const std::string& lang) {
  if (const Language* l = find_language(lang)) return l->keyboards;  // assets/languages.toml
  return {"en", "digits"};
}

namespace {

// A character break iterator over `u`, or null when ICU has none.
std::unique_ptr<icu::BreakIterator> graphemes(const icu::UnicodeString& u) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> it(
      icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) return nullptr;
  it->setText(u);
  return it;
}

// UTF-8 byte offset <-> UTF-16 index of the same text.
int32_t utf16_index(const std::string& buffer, size_t byte) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(buffer.data(), static_cast<int32_t>(byte))).length();
}
size_t byte_offset(const icu::UnicodeString& u, int32_t index) {
  std::string out;
  u.tempSubString(0, index).toUTF8String(out);
  return out.size();
}

// The prefix after one Backspace: one user-perceived character goes.
std::string backspace(const std::string& buffer) {
  if (buffer.empty()) return buffer;
  // ZWNJ/ZWJ extend the letter before them as one grapheme, but a person
  // who just typed the non-joiner expects backspace to take only it.
  for (const char* joiner : {"\u200C", "\u200D"}) {
    const std::string j(joiner);
    if (buffer.size() >= j.size() && buffer.compare(buffer.size() - j.size(), j.size(), j) == 0)
      return buffer.substr(0, buffer.size() - j.size());
  }
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(buffer);
  int32_t cut = 0;
  if (auto it = graphemes(u)) {
    cut = it->preceding(u.length());
    if (cut == icu::BreakIterator::DONE) cut = 0;
  } else {
    cut = u.moveIndex32(u.length(), -1);
  }
  return buffer.substr(0, byte_offset(u, cut));
}

}  // namespace

size_t caret_boundary(const std::string& buffer, size_t offset) {
  if (offset >= buffer.size()) return buffer.size();
  // Never inside one letter's UTF-8 bytes.
  while (offset > 0 && (static_cast<unsigned char>(buffer[offset]) & 0xC0) == 0x80) --offset;
  // A caret right after a non-joiner is where the person typed it.
  if (offset >= 3 && (buffer.compare(offset - 3, 3, "\u200C") == 0 || buffer.compare(offset - 3, 3, "\u200D") == 0))
    return offset;
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(buffer);
  const int32_t i = utf16_index(buffer, offset);
  auto it = graphemes(u);
  if (!it || it->isBoundary(i)) return offset;
  const int32_t before = it->preceding(i);
  return before == icu::BreakIterator::DONE ? 0 : byte_offset(u, before);
}

size_t caret_step(const std::string& buffer, size_t caret, int by) {
  caret = caret_boundary(buffer, caret);
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(buffer);
  int32_t i = utf16_index(buffer, caret);
  auto it = graphemes(u);
  for (; by != 0; by += by > 0 ? -1 : 1) {
    int32_t j = icu::BreakIterator::DONE;
    if (it) j = by > 0 ? it->following(i) : it->preceding(i);
    else if (by > 0 ? i < u.length() : i > 0) j = u.moveIndex32(i, by > 0 ? 1 : -1);
    if (j == icu::BreakIterator::DONE) break;
    i = j;
  }
  return byte_offset(u, i);
}

Edited type_key_at(const std::string& buffer, size_t caret, const std::string& key) {
  caret = caret_boundary(buffer, caret);
  const std::string add = key == "zwnj" ? "\u200C" : key;
  return {buffer.substr(0, caret) + add + buffer.substr(caret), caret + add.size()};
}

Edited edit_key_at(const std::string& buffer, size_t caret, EditKey key) {
  caret = caret_boundary(buffer, caret);
  switch (key) {
    case EditKey::space: return type_key_at(buffer, caret, " ");
    case EditKey::newline: return type_key_at(buffer, caret, "\n");
    case EditKey::clear: return {};
    case EditKey::backspace: {
      const std::string before = backspace(buffer.substr(0, caret));
      return {before + buffer.substr(caret), before.size()};
    }
  }
  return {buffer, caret};
}

std::string type_key(const std::string& buffer, const std::string& key) {
  return type_key_at(buffer, buffer.size(), key).text;
}

std::string edit_key(const std::string& buffer, EditKey key) {
  return edit_key_at(buffer, buffer.size(), key).text;
}

std::string utf8_of(char32_t c) {
  if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
    return {};
  return utf8::encode(c);
}

std::string western_digits(const std::string& text) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  for (int32_t i = 0; i < u.length(); ++i) {
    const char16_t c = u.charAt(i);
    if (c >= 0x06F0 && c <= 0x06F9) u.setCharAt(i, static_cast<char16_t>(u'0' + (c - 0x06F0)));
    else if (c >= 0x0660 && c <= 0x0669) u.setCharAt(i, static_cast<char16_t>(u'0' + (c - 0x0660)));
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace kiosk
