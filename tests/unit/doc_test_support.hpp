// Helpers for the document and printing tests: run a command, read a PDF's
// text with pdftotext and its fonts with pdffonts, normalise text so that
// pdftotext's spacing quirks in Arabic script do not matter.
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "document/pdf.hpp"

namespace doctest_support {

// Runs `cmd` through the shell; returns its stdout and sets `rc`.
inline std::string run(const std::string& cmd, int* rc = nullptr) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) {
    if (rc) *rc = -1;
    return out;
  }
  char buf[4096];
  size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  const int status = pclose(p);
  if (rc) *rc = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

inline std::filesystem::path write_temp(const kiosk::Pdf& pdf, const std::string& name) {
  const auto dir = std::filesystem::temp_directory_path() / "kiosk-doc-tests";
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(reinterpret_cast<const char*>(pdf.data()), static_cast<std::streamsize>(pdf.size()));
  return path;
}

inline std::string pdftotext(const std::filesystem::path& pdf) {
  return run("pdftotext -enc UTF-8 '" + pdf.string() + "' - 2>&1");
}

// Text without whitespace, no-break spaces, ZWNJ/ZWJ, bidi controls (LRM/RLM,
// embeddings U+202A..202E, isolates U+2066..2069) and the combining hamza
// U+0654. pdftotext puts spaces inside Persian words, drops ZWNJ and moves
// the hamza of "ـهٔ" before its letter; what remains still shows whether the
// text is in logical order (a reversed word would not match).
inline std::string squeeze(const std::string& s) {
  static const std::vector<std::string> drop = {
      "\u00A0", "\u202F", "\u0654", "\u200C", "\u200D", "\u200E", "\u200F", "\u202A", "\u202B", "\u202C",
      "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"};
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      ++i;
      continue;
    }
    bool dropped = false;
    for (const auto& d : drop)
      if (s.compare(i, d.size(), d) == 0) {
        i += d.size();
        dropped = true;
        break;
      }
    if (!dropped) out += s[i++];
  }
  return out;
}

// Whether every word of `answer` (two letters or more, punctuation aside)
// is in the squeezed text. For paragraphs: pdftotext reassembles the lines
// of a wrapped right-to-left paragraph in its own way, but each word comes
// out in logical order. Words with the lam-alef ligature (لا: one glyph for
// two letters) are left out: poppler places that glyph's text apart from
// the rest of the word although the word is drawn whole.
inline bool all_words_in(const std::string& squeezed_text, const std::string& answer) {
  std::string word;
  auto check = [&]() {
    for (const char* p : {".", ",", "\u060C", "\u061B", "(", ")", ":"})
      for (size_t at; (at = word.find(p)) != std::string::npos;) word.erase(at, std::string(p).size());
    const bool ok = word.size() < 3 || word.find("\u0644\u0627") != std::string::npos ||
                    squeezed_text.find(squeeze(word)) != std::string::npos;
    word.clear();
    return ok;
  };
  for (char c : answer) {
    if (c == ' ') {
      if (!check()) return false;
    } else {
      word += c;
    }
  }
  return check();
}

// Lines of pdffonts after its two header lines.
inline std::vector<std::string> font_rows(const std::filesystem::path& pdf) {
  const std::string out = run("pdffonts '" + pdf.string() + "' 2>&1");
  std::vector<std::string> rows;
  size_t start = 0;
  int line = 0;
  while (start < out.size()) {
    const size_t end = out.find('\n', start);
    const std::string l = out.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (line++ >= 2 && !l.empty()) rows.push_back(l);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return rows;
}

}  // namespace doctest_support
