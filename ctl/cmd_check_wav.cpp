// check-wav FILE.wav...: reads read-aloud WAV files back from disk and
// checks each against the text it should speak (FILE.txt beside it, as the
// kiosk's --screenshots run writes them): a valid 16-bit mono PCM header, a
// data chunk the file holds whole, not silent, and a length that fits the
// text (speech.hpp: kMinSecondsPerChar .. kMaxSecondsPerChar). Prints each
// language's range of seconds per character (the language is the name's
// last part before .wav: attract.fa-AF.wav).
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "command.hpp"
#include "speech/speech.hpp"

namespace fs = std::filesystem;

namespace {

bool slurp(const fs::path& file, std::string& out) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

int run(kioskctl::Context& ctx) {
  if (ctx.args.empty()) {
    std::cerr << "usage: asylum-kioskctl check-wav FILE.wav... (each with FILE.txt beside it)\n";
    return 2;
  }
  struct Range {
    double lo = 1e9, hi = 0;
    size_t files = 0;
  };
  std::map<std::string, Range> by_lang;
  size_t good = 0, bad = 0;
  for (const fs::path wav : ctx.args) {
    fs::path txt = wav;
    txt.replace_extension(".txt");
    std::string bytes, text;
    auto fail = [&](const std::string& why) {
      std::cout << wav.string() << ": " << why << "\n";
      ++bad;
    };
    if (!slurp(wav, bytes)) {
      fail("cannot read it");
      continue;
    }
    if (!slurp(txt, text)) {
      fail("cannot read its text " + txt.string());
      continue;
    }
    auto pcm = kiosk::speech::read_wav(bytes);
    if (!pcm) {
      fail(pcm.error().message);
      continue;
    }
    auto m = kiosk::speech::check_speech(*pcm, text);
    if (!m) {
      fail(m.error().message);
      continue;
    }
    ++good;
    const std::string lang = fs::path(wav.stem()).extension().string();
    Range& r = by_lang[lang.empty() ? "?" : lang.substr(1)];
    r.lo = std::min(r.lo, m->seconds_per_char);
    r.hi = std::max(r.hi, m->seconds_per_char);
    ++r.files;
  }
  for (const auto& [lang, r] : by_lang)
    std::printf("%s: %zu files, %.3f - %.3f s per character\n", lang.c_str(), r.files, r.lo, r.hi);
  std::cout << "check-wav: " << good << " good, " << bad << " bad\n";
  return bad == 0 ? 0 : 1;
}

const kioskctl::Registration reg({"check-wav", "check-wav FILE.wav...",
                                  "check read-aloud WAVs against FILE.txt: PCM, not silent, length", run});

}  // namespace
