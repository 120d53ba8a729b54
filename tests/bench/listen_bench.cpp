// Listening figures for `./packaging/dev.sh bench` (issue 16 point 10), from
// the real espeak-ng voice: every part of the guidance as core cuts it
// (speech/reading.hpp) is synthesised and its length is the WAV's. Prints
// rows "ROW\tmeasure\tvalue\ttarget\tmet?" per language:
//   seconds until the free-help phones are heard on the guidance screen
//   (the short version, inside the country and at a land border),
//   the longest part of the short and of the full guidance,
//   the whole short and full guidance.
// --check: English inside the country only; exits 1 when a target is missed.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "base/paths.hpp"
#include "config/config.hpp"
#include "content/content.hpp"
#include "locale/catalog.hpp"
#include "speech/reading.hpp"
#include "speech/speech.hpp"
#include "view/guidance_view.hpp"

namespace {

int missed = 0;

void row(const std::string& measure, double value, double target) {
  const bool met = value >= 0 && value < target;
  if (!met) ++missed;
  char v[64], t[64];
  std::snprintf(v, sizeof v, value < 0 ? "failed" : "%.1f s", value);
  std::snprintf(t, sizeof t, "< %.0f s", target);
  std::printf("ROW\t%s\t%s\t%s\t%s\n", measure.c_str(), v, t, met ? "yes" : "NO");
  std::fflush(stdout);
}

void info(const std::string& measure, double value) {
  std::printf("ROW\t%s\t%.1f s\t-\t-\n", measure.c_str(), value);
  std::fflush(stdout);
}

// The WAV length of `text` in `lang`'s voice, or -1.
double wav_seconds(const std::string& lang, const std::string& text) {
  auto pcm = kiosk::speech::synthesize(lang, text, 100);
  if (!pcm) {
    std::fprintf(stderr, "kiosk_listen_bench: %s: %s\n", lang.c_str(), pcm.error().describe().c_str());
    return -1;
  }
  return pcm->seconds();
}

bool has_digit(const std::string& s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') return true;
    // Persian digits U+06F0-U+06F9: DB B0 .. DB B9
    if (static_cast<unsigned char>(s[i]) == 0xDB && i + 1 < s.size() &&
        static_cast<unsigned char>(s[i + 1]) >= 0xB0 && static_cast<unsigned char>(s[i + 1]) <= 0xB9)
      return true;
  }
  return false;
}

struct Figures {
  double until_phones = -1, longest = 0, total = 0;
  size_t parts = 0;
};

// Speaks every part of the guidance `session` sees; the phones are heard
// when the help section's first line with a number has been said.
Figures listen(const kiosk::Content& content, const kiosk::Translations& tr, const kiosk::Config& config,
               const kiosk::Session& session, bool want_phones) {
  Figures f;
  const auto now = std::chrono::sys_days{std::chrono::year{2026} / 11 / 21} + std::chrono::hours{7};
  const auto sections = kiosk::guidance_view(content, tr, config, session, now);
  const auto parts = kiosk::reading_parts(sections, session.lang);
  f.parts = parts.size();
  double elapsed = 0;
  for (const auto& p : parts) {
    const double s = wav_seconds(session.lang, p.text);
    if (s < 0) return Figures{};
    const auto& section = sections[p.section];
    if (want_phones && f.until_phones < 0 && section.id == "help") {
      // Said up to and including the first phone line.
      std::vector<std::string> said;
      const bool first_of_section = &p == &parts.front() || (&p - 1)->section != p.section;
      if (first_of_section && !section.title.empty()) said.push_back(section.title);
      for (size_t i = p.first; i < p.end; ++i) {
        said.push_back(section.spoken_line(i));
        if (has_digit(section.lines[i])) {
          f.until_phones = elapsed + wav_seconds(session.lang, kiosk::join_sentences(said));
          break;
        }
      }
    }
    elapsed += s;
    f.longest = std::max(f.longest, s);
  }
  f.total = elapsed;
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  const bool check = argc > 1 && std::strcmp(argv[1], "--check") == 0;
  const auto dir = kiosk::data_dir();
  auto config = kiosk::load_config(dir / "kiosk-config/demo.toml");
  auto content = kiosk::load_content(dir / "assets/content");
  auto tr = kiosk::Translations::load(dir / "locales");
  if (!config || !content || !tr) {
    std::fprintf(stderr, "kiosk_listen_bench: cannot load the demo site\n");
    return 1;
  }
  const std::vector<std::string> langs = check ? std::vector<std::string>{"en"} : config->kiosk.languages;
  for (const auto& lang : langs) {
    if (!kiosk::speech::has_voice(lang)) {
      std::fprintf(stderr, "kiosk_listen_bench: no espeak-ng voice for %s\n", lang.c_str());
      ++missed;
      continue;
    }
    kiosk::Session s;
    s.lang = lang;
    s.step = kiosk::Step::guidance;
    s.situation = {kiosk::Where::inside, kiosk::Entry::checkpoint, "2026-11-19"};
    const Figures inside = listen(*content, *tr, *config, s, true);
    row("guidance " + lang + ": free-help phones heard after (short version, inside)", inside.until_phones, 60);
    row("guidance " + lang + ": longest of " + std::to_string(inside.parts) + " parts (short version)",
        inside.longest, 62);
    if (check) continue;
    kiosk::Session border = s;
    border.situation.where = kiosk::Where::land_border;
    const Figures at_border = listen(*content, *tr, *config, border, true);
    row("guidance " + lang + ": free-help phones heard after (short version, land border)",
        at_border.until_phones, 60);
    kiosk::Session all = s;
    all.guidance_full = true;
    const Figures full = listen(*content, *tr, *config, all, false);
    row("guidance " + lang + ": longest of " + std::to_string(full.parts) + " parts (everything)", full.longest, 62);
    info("guidance " + lang + ": all of the short version", inside.total);
    info("guidance " + lang + ": everything", full.total);
  }
  if (check) std::printf("kiosk_listen_bench --check: %s\n", missed == 0 ? "ok" : "FAILED");
  return missed == 0 ? 0 : 1;
}
