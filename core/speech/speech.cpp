#include "speech/speech.hpp"

#include "base/dynlib.hpp"

#include <dlfcn.h>
#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <type_traits>

#include "base/utf8.hpp"
#include "locale/language.hpp"

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

// libespeak-ng, opened with dlopen when read-aloud is first used: a kiosk
// where nobody asks for speech never maps the library nor its voice data.
struct Espeak {
  decltype(&espeak_Initialize) initialize = nullptr;
  decltype(&espeak_SetSynthCallback) set_synth_callback = nullptr;
  decltype(&espeak_SetVoiceByName) set_voice_by_name = nullptr;
  decltype(&espeak_SetParameter) set_parameter = nullptr;
  decltype(&espeak_Synth) synth = nullptr;
  decltype(&espeak_Synchronize) synchronize = nullptr;
};
Espeak g_espeak;  // only touched under espeak_mutex()

std::atomic<bool> g_espeak_loaded{false};

Status open_espeak_locked() {
  if (g_espeak.initialize) return Ok{};
  void* lib = dlopen("libespeak-ng.so.1", RTLD_NOW | RTLD_LOCAL);
  if (!lib) return make_error(Errc::not_found, "espeak-ng is not installed (libespeak-ng.so.1 cannot be opened)");
  Espeak e;
  Symbols sym(lib);
  sym.get(e.initialize, "espeak_Initialize");
  sym.get(e.set_synth_callback, "espeak_SetSynthCallback");
  sym.get(e.set_voice_by_name, "espeak_SetVoiceByName");
  sym.get(e.set_parameter, "espeak_SetParameter");
  sym.get(e.synth, "espeak_Synth");
  sym.get(e.synchronize, "espeak_Synchronize");
  if (!sym.ok()) {
    dlclose(lib);
    return make_error(Errc::not_found, "libespeak-ng.so.1 lacks the functions the kiosk calls");
  }
  g_espeak = e;  // kept open for the life of the process
  g_espeak_loaded = true;
  return Ok{};
}

// espeak-ng's sample rate, or an error; initialised once under the lock.
Result<int> init_locked() {
  static int rate = 0;
  if (rate > 0) return rate;
  if (auto opened = open_espeak_locked(); !opened) return opened.error();
  const int r = g_espeak.initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, nullptr, 0);
  if (r <= 0) return make_error(Errc::not_found, "espeak-ng could not start (is espeak-ng-data installed?)");
  g_espeak.set_synth_callback(on_samples);
  rate = r;
  return rate;
}

}  // namespace

std::string voice_for(std::string_view lang) {
  const Language* l = find_language(lang);  // assets/languages.toml
  return l ? l->voice : std::string();
}

namespace {

// espeak-ng's data directory: $ESPEAK_DATA_PATH/espeak-ng-data (as
// espeak-ng itself looks), else Debian's.
std::filesystem::path espeak_data_dir() {
  if (const char* env = std::getenv("ESPEAK_DATA_PATH"); env && *env) {
    const std::filesystem::path p = std::filesystem::path(env) / "espeak-ng-data";
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) return p;
  }
  return "/usr/lib/x86_64-linux-gnu/espeak-ng-data";
}

std::atomic<bool> g_synthesizing{false};

}  // namespace

bool has_voice(std::string_view lang) {
  // Read from the voice data files, once, without starting espeak-ng: the
  // UI thread asks every frame, and must neither wait for the lock that a
  // long synthesis holds nor load espeak-ng before read-aloud is used. A
  // voice is there when its dictionary and its voice file are.
  static const std::map<std::string, bool, std::less<>> known = [] {
    std::map<std::string, bool, std::less<>> m;
    const auto dir = espeak_data_dir();
    std::error_code ec;
    std::set<std::string> voice_files;
    for (auto it = std::filesystem::recursive_directory_iterator(dir / "lang", ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
      if (it->is_regular_file(ec)) voice_files.insert(it->path().filename().string());
    for (const auto& l : languages())
      if (!l.voice.empty())
        m[l.voice] = voice_files.count(l.voice) > 0 &&
                     std::filesystem::is_regular_file(dir / (l.voice + "_dict"), ec);
    return m;
  }();
  const std::string v = voice_for(lang);
  const auto it = known.find(v);
  return it != known.end() && it->second;
}

bool synthesizing() { return g_synthesizing.load(); }

bool engine_loaded() { return g_espeak_loaded.load(); }

Result<Pcm> synthesize(std::string_view lang, std::string_view text, int volume,
                       const std::atomic<bool>* cancel) {
  const std::string v = voice_for(lang);
  if (v.empty()) return make_error(Errc::not_found, "no voice for language " + std::string(lang));
  std::lock_guard lock(espeak_mutex());
  auto rate = init_locked();
  if (!rate) return rate.error();
  if (g_espeak.set_voice_by_name(v.c_str()) != EE_OK)
    return make_error(Errc::not_found, "espeak-ng has no voice \"" + v + "\" for " + std::string(lang));
  // espeak-ng's volume: 0-200, 100 is normal.
  g_espeak.set_parameter(espeakVOLUME, std::clamp(volume, 0, 100), 0);
  g_espeak.set_parameter(espeakRATE, 150, 0);  // a little slower than the default 175 wpm
  Pcm pcm;
  pcm.sample_rate = *rate;
  g_collect = {&pcm.samples, cancel};
  g_synthesizing = true;
  const std::string s(text);
  const espeak_ERROR e = g_espeak.synth(s.c_str(), s.size() + 1, 0, POS_CHARACTER, 0,
                                       espeakCHARS_UTF8, nullptr, nullptr);
  g_espeak.synchronize();
  g_collect = {};
  g_synthesizing = false;
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

Result<Pcm> read_wav(std::string_view b) {
  auto u32 = [&](size_t at) {
    uint32_t v = 0;
    for (size_t i = 0; i < 4; ++i) v |= static_cast<uint32_t>(static_cast<unsigned char>(b[at + i])) << (8 * i);
    return v;
  };
  auto u16 = [&](size_t at) {
    return static_cast<uint16_t>(static_cast<unsigned char>(b[at]) | (static_cast<unsigned char>(b[at + 1]) << 8));
  };
  if (b.size() < 12 || b.substr(0, 4) != "RIFF" || b.substr(8, 4) != "WAVE")
    return make_error(Errc::parse, "not a RIFF/WAVE file");
  if (u32(4) != b.size() - 8)
    return make_error(Errc::parse, "the RIFF size says " + std::to_string(u32(4) + 8) + " bytes, the file has " +
                                         std::to_string(b.size()) + " (truncated?)");
  Pcm pcm;
  bool have_fmt = false;
  for (size_t at = 12; at + 8 <= b.size();) {
    const std::string_view id = b.substr(at, 4);
    const uint32_t size = u32(at + 4);
    if (size > b.size() - at - 8)
      return make_error(Errc::parse, "the \"" + std::string(id) + "\" chunk runs past the end (truncated?)");
    if (id == "fmt ") {
      if (size < 16 || u16(at + 8) != 1) return make_error(Errc::parse, "not PCM");
      if (u16(at + 10) != 1 || u16(at + 22) != 16)
        return make_error(Errc::parse, "not 16-bit mono (" + std::to_string(u16(at + 10)) + " channels, " +
                                             std::to_string(u16(at + 22)) + " bits)");
      pcm.sample_rate = static_cast<int>(u32(at + 12));
      if (pcm.sample_rate < 8000 || pcm.sample_rate > 96000 || u32(at + 16) != u32(at + 12) * 2 || u16(at + 20) != 2)
        return make_error(Errc::parse, "implausible rate in the PCM header");
      have_fmt = true;
    } else if (id == "data") {
      if (!have_fmt) return make_error(Errc::parse, "the data chunk comes before the format");
      if (size % 2 != 0) return make_error(Errc::parse, "the data chunk has an odd size");
      pcm.samples.resize(size / 2);
      for (size_t i = 0; i < pcm.samples.size(); ++i) pcm.samples[i] = static_cast<int16_t>(u16(at + 8 + 2 * i));
      return pcm;
    }
    at += 8 + size + (size & 1);
  }
  return make_error(Errc::parse, have_fmt ? "no data chunk" : "no format chunk");
}

SpeechMeasure measure_speech(const Pcm& pcm, std::string_view text) {
  SpeechMeasure m;
  for (const char32_t c : utf8::decode(text)) {
    const bool invisible = c >= 0x2000 && c <= 0x206F;  // spaces, joiners, bidi marks
    if (!invisible && !(c < 0x80 && std::isspace(static_cast<int>(c)))) ++m.chars;
  }
  m.seconds = pcm.seconds();
  m.seconds_per_char = m.chars ? m.seconds / static_cast<double>(m.chars) : 0.0;
  m.rms = rms(pcm);
  return m;
}

Result<SpeechMeasure> check_speech(const Pcm& pcm, std::string_view text) {
  const SpeechMeasure m = measure_speech(pcm, text);
  auto say = [&](const std::string& what) {
    return make_error(Errc::invalid_input, what + " (" + std::to_string(m.seconds) + " s for " + std::to_string(m.chars) +
                                         " characters, RMS " + std::to_string(static_cast<int>(m.rms)) + ")");
  };
  if (m.chars == 0) return say("no text to compare with");
  if (m.rms < kMinRms) return say("silent");
  if (m.seconds_per_char < kMinSecondsPerChar) return say("too short for the text");
  if (m.seconds_per_char > kMaxSecondsPerChar) return say("too long for the text");
  return m;
}

}  // namespace kiosk::speech
