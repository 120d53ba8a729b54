// Read-aloud: espeak-ng turns a text in one of the kiosk's languages into
// 16-bit mono PCM (libespeak-ng, AUDIO_OUTPUT_SYNCHRONOUS with a callback
// that collects the samples). Synthesis is blocking and espeak-ng keeps one
// global state, so every synthesis takes a process-wide lock; the kiosk never
// calls it from the UI thread but through Speaker (speaker.hpp), and nothing
// the UI thread calls (has_voice, Speaker's say/stop/busy) takes that lock.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace kiosk::speech {

// The espeak-ng voice of a kiosk language (assets/languages.toml); empty
// when there is none. Dari uses the Persian voice "fa".
std::string voice_for(std::string_view lang);
// Whether this machine's espeak-ng data has a voice for `lang`: read once
// from the data files, without starting espeak-ng and without the lock that
// synthesis holds, so the UI thread may ask every frame.
bool has_voice(std::string_view lang);
// True while synthesize() runs in some thread (tests: "the engine is busy").
bool synthesizing();
// Whether libespeak-ng has been opened: only the first synthesis does it
// (dlopen), so a kiosk where nobody uses read-aloud never loads it.
bool engine_loaded();

struct Pcm {
  int sample_rate = 22050;
  std::vector<int16_t> samples;  // mono
  [[nodiscard]] double seconds() const {
    return sample_rate > 0 ? static_cast<double>(samples.size()) / sample_rate : 0.0;
  }
};

// Speaks `text` (UTF-8) in `lang` to PCM at `volume` percent (0-100).
// `cancel`, when given, stops synthesis early (the result is then cut short).
Result<Pcm> synthesize(std::string_view lang, std::string_view text, int volume = 100,
                       const std::atomic<bool>* cancel = nullptr);

// A RIFF/WAVE file (PCM 16-bit mono) of `pcm`.
std::string wav_bytes(const Pcm& pcm);
Status write_wav(const std::filesystem::path& file, const Pcm& pcm);

// Root-mean-square level of the samples, 0..32767 (tests: "not silent").
double rms(const Pcm& pcm);

// Reads back the bytes of a WAV file as wav_bytes() writes them: a RIFF/WAVE
// header, a "fmt " chunk of 16-bit mono PCM and a "data" chunk that the file
// really holds whole. The error says what is wrong (not RIFF, not PCM,
// truncated ...).
Result<Pcm> read_wav(std::string_view bytes);

// Whether `pcm` can be `text` read aloud: not silent and as long as such a
// text takes to say. Characters are Unicode code points less white space
// and invisible marks (U+2000-U+206F: joiners, bidi isolates). The bounds
// come from the kiosk's own screens read in all five languages at espeak-ng
// rate 150 (see kMinSecondsPerChar).
struct SpeechMeasure {
  double seconds = 0, seconds_per_char = 0, rms = 0;
  size_t chars = 0;
};
// Measured (2026-11-21, espeak-ng 1.51, Debian 12) on the whole reading
// texts of the 21 screens in the normal look, seconds per character, lowest
// to highest: kk 0.090-0.163, ru 0.077-0.170, en 0.083-0.163,
// fa-AF 0.119-0.212 (Persian voice; dates and numbers are long words),
// uk 0.066-0.164. The lowest are the short lists of language names, the
// highest texts full of dates and digits. The bounds leave about a third
// of room on each side: below, words or most of the text went missing (a
// cut-off file); above, long silences or a voice stuck on a sound.
constexpr double kMinSecondsPerChar = 0.04;
constexpr double kMaxSecondsPerChar = 0.30;
constexpr double kMinRms = 300;  // 16-bit samples; silence is < 10
SpeechMeasure measure_speech(const Pcm& pcm, std::string_view text);
// The same, failing with a sentence when the speech is silent or its length
// is outside the bounds for the text.
Result<SpeechMeasure> check_speech(const Pcm& pcm, std::string_view text);

}  // namespace kiosk::speech
