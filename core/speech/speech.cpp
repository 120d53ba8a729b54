#include "speech/speech.hpp"

#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>

namespace kiosk::speech {

namespace {

std::mutex& espeak_mutex() {
  static std::mutex m;
  return m;
}

// Filled by the synthesis callback; only touched under espeak_mutex().
struct Collect {
  std::vector<int16_t>* out = nullptr;
  const std::atomic<bool>* cancel = nullptr;
};
Collect g_collect;

int on_samples(short* wav, int count, espeak_EVENT*) {
  if (g_collect.cancel && g_collect.cancel->load()) return 1;  // 1 = stop
  if (wav && count > 0 && g_collect.out) g_collect.out->insert(g_collect.out->end(), wav, wav + count);
  return 0;
}

// espeak-ng's sample rate, or an error; initialised once under the lock.
Result<int> init_locked() {
  static int rate = 0;
  if (rate > 0) return rate;
  const int r = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, 0);
  if (r <= 0) return make_error(Errc::not_found, "espeak-ng could not start (is espeak-ng-data installed?)");
  espeak_SetSynthCallback(on_samples);
  rate = r;
  return rate;
}

}  // namespace

std::string voice_for(std::string_view lang) {
  if (lang == "kk") return "kk";
  if (lang == "ru") return "ru";
  if (lang == "en") return "en";
  if (lang == "fa-AF" || lang == "fa") return "fa";  // Persian voice for Dari
  if (lang == "uk") return "uk";
  return {};
}

bool has_voice(std::string_view lang) {
  const std::string v = voice_for(lang);
  if (v.empty()) return false;
  std::lock_guard lock(espeak_mutex());
  static std::map<std::string, bool> known;
  if (auto it = known.find(v); it != known.end()) return it->second;
  bool ok = false;
  if (init_locked()) ok = espeak_SetVoiceByName(v.c_str()) == EE_OK;
  known[v] = ok;
  return ok;
}

Result<Pcm> synthesize(std::string_view lang, std::string_view text, int volume,
                       const std::atomic<bool>* cancel) {
  const std::string v = voice_for(lang);
  if (v.empty()) return make_error(Errc::not_found, "no voice for language " + std::string(lang));
  std::lock_guard lock(espeak_mutex());
  auto rate = init_locked();
  if (!rate) return rate.error();
  if (espeak_SetVoiceByName(v.c_str()) != EE_OK)
    return make_error(Errc::not_found, "espeak-ng has no voice \"" + v + "\" for " + std::string(lang));
  // espeak-ng's volume: 0-200, 100 is normal.
  espeak_SetParameter(espeakVOLUME, std::clamp(volume, 0, 100), 0);
  espeak_SetParameter(espeakRATE, 150, 0);  // a little slower than the default 175 wpm
  Pcm pcm;
  pcm.sample_rate = *rate;
  g_collect = {&pcm.samples, cancel};
  const std::string s(text);
  const espeak_ERROR e = espeak_Synth(s.c_str(), s.size() + 1, 0, POS_CHARACTER, 0,
                                      espeakCHARS_UTF8, nullptr, nullptr);
  espeak_Synchronize();
  g_collect = {};
  if (e != EE_OK) return make_error(Errc::internal, "espeak-ng could not synthesise the text");
  return pcm;
}

std::string wav_bytes(const Pcm& pcm) {
  std::string out;
  auto u32 = [&](uint32_t v) { for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xFF); };
  auto u16 = [&](uint16_t v) { out += static_cast<char>(v & 0xFF); out += static_cast<char>(v >> 8); };
  const auto data = static_cast<uint32_t>(pcm.samples.size() * 2);
  out += "RIFF"; u32(36 + data); out += "WAVE";
  out += "fmt "; u32(16); u16(1); u16(1);
  u32(static_cast<uint32_t>(pcm.sample_rate)); u32(static_cast<uint32_t>(pcm.sample_rate) * 2);
  u16(2); u16(16);
  out += "data"; u32(data);
  for (int16_t s : pcm.samples) u16(static_cast<uint16_t>(s));
  return out;
}

Status write_wav(const std::filesystem::path& file, const Pcm& pcm) {
  std::ofstream f(file, std::ios::binary);
  const std::string b = wav_bytes(pcm);
  f.write(b.data(), static_cast<std::streamsize>(b.size()));
  if (!f) return make_error(Errc::io, "cannot write " + file.string());
  return Ok{};
}

double rms(const Pcm& pcm) {
  if (pcm.samples.empty()) return 0;
  double sum = 0;
  for (int16_t s : pcm.samples) sum += static_cast<double>(s) * s;
  return std::sqrt(sum / static_cast<double>(pcm.samples.size()));
}

}  // namespace kiosk::speech
