// Read-aloud: espeak-ng turns a text in one of the kiosk's languages into
// 16-bit mono PCM (libespeak-ng, AUDIO_OUTPUT_SYNCHRONOUS with a callback
// that collects the samples). Synthesis is blocking and espeak-ng keeps one
// global state, so every call takes a process-wide lock; the kiosk never
// calls it from the UI thread but through Speaker (speaker.hpp).
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"

namespace kiosk::speech {

// The espeak-ng voice for a kiosk language ("kk", "ru", "en", "fa-AF",
// "uk"); empty when there is none. Dari uses the Persian voice "fa".
std::string voice_for(std::string_view lang);
// Whether this machine's espeak-ng data has a voice for `lang` (cached).
bool has_voice(std::string_view lang);

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

}  // namespace kiosk::speech
