#include "speech/reading.hpp"

#include <cctype>

#include "base/utf8.hpp"
#include "locale/language.hpp"

namespace kiosk {

size_t spoken_chars(std::string_view text) {
  size_t n = 0;
  for (const char32_t c : utf8::decode(text)) {
    const bool invisible = c >= 0x2000 && c <= 0x206F;  // spaces, joiners, bidi marks
    if (!invisible && !(c < 0x80 && std::isspace(static_cast<int>(c)))) ++n;
  }
  return n;
}

double estimate_seconds(std::string_view text, std::string_view lang) {
  // The slower end of what espeak-ng at rate 150 takes per character for
  // guidance text with numbers said in words (speech.hpp: the Persian voice
  // is the slowest).
  const Language* l = find_language(lang);
  const double per_char = l ? l->speech_seconds_per_char : 0.13;
  return static_cast<double>(spoken_chars(text)) * per_char;
}

std::string join_sentences(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& t : lines) {
    if (t.empty()) continue;
    if (!out.empty()) {
      const char last = out.back();
      const bool arabic_question = out.size() >= 2 && out.compare(out.size() - 2, 2, "\u061F") == 0;
      out += (last == '.' || last == '?' || last == '!' || last == ':' || arabic_question) ? " " : ". ";
    }
    out += t;
  }
  return out;
}

namespace {

// Runs of non-empty lines (a place, a paragraph group): [first, end).
std::vector<std::pair<size_t, size_t>> blocks(const TextSection& s) {
  std::vector<std::pair<size_t, size_t>> out;
  size_t i = 0;
  while (i < s.lines.size()) {
    while (i < s.lines.size() && s.lines[i].empty()) ++i;
    const size_t b = i;
    while (i < s.lines.size() && !s.lines[i].empty()) ++i;
    if (i > b) out.emplace_back(b, i);
  }
  return out;
}

}  // namespace

std::vector<ReadingPart> reading_parts(const std::vector<TextSection>& sections, std::string_view lang,
                                       double max_seconds) {
  std::vector<ReadingPart> parts;
  for (size_t si = 0; si < sections.size(); ++si) {
    const TextSection& s = sections[si];
    std::vector<std::string> said;  // of the part being filled
    ReadingPart part;
    part.section = si;
    bool open = false;
    auto flush = [&] {
      if (!open) return;
      part.text = join_sentences(said);
      part.estimate = estimate_seconds(part.text, lang);
      parts.push_back(part);
      said.clear();
      open = false;
    };
    auto seconds_of = [&](const std::vector<std::string>& lines) {
      return estimate_seconds(join_sentences(lines), lang);
    };
    auto begin_part = [&](size_t first) {
      part = ReadingPart{};
      part.section = si;
      part.first = first;
      part.end = first;
      open = true;
      // The section's title is said before its first line.
      if ((parts.empty() || parts.back().section != si) && !s.title.empty()) said.push_back(s.title);
    };
    for (const auto& [b, e] : blocks(s)) {
      std::vector<std::string> with = said;
      for (size_t i = b; i < e; ++i) with.push_back(s.spoken_line(i));
      if (open && seconds_of(with) <= max_seconds) {  // the whole block joins the part
        said = std::move(with);
        part.end = e;
        continue;
      }
      // The block starts a new part; one too long for a part is cut by lines.
      flush();
      begin_part(b);
      for (size_t i = b; i < e; ++i) {
        std::vector<std::string> next = said;
        next.push_back(s.spoken_line(i));
        if (part.end > part.first && seconds_of(next) > max_seconds) {
          flush();
          begin_part(i);
        }
        said.push_back(s.spoken_line(i));
        part.end = i + 1;
      }
    }
    flush();
  }
  return parts;
}

bool answers_aloud(const Session& s, const Config& config) {
  return s.headphones.value_or(config.kiosk.headphones);
}

std::vector<Utterance> attract_speech(const Translations& tr, const Config& config) {
  std::vector<Utterance> out;
  for (const auto& code : config.kiosk.languages)
    if (has_voice_in_table(code)) out.push_back({code, tr.tr(code, "attract.listen.spoken")});
  return out;
}

Utterance language_speech(const Translations& tr, const std::string& code) {
  if (!has_voice_in_table(code)) return {code, ""};  // nothing, rather than a wrong voice
  return {code, tr.tr(code, "language.heard.spoken")};
}

}  // namespace kiosk
