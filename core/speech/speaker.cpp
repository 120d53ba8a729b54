#include "speech/speaker.hpp"

#include "base/dynlib.hpp"

#include <dlfcn.h>
#include <pulse/error.h>
#include <pulse/simple.h>

#include <algorithm>
#include <optional>
#include <type_traits>

namespace kiosk::speech {

namespace {

// libpulse-simple, opened with dlopen on the first play(): a kiosk where
// nobody uses read-aloud never loads PulseAudio's client libraries.
struct Pulse {
  decltype(&pa_simple_new) simple_new = nullptr;
  decltype(&pa_simple_write) simple_write = nullptr;
  decltype(&pa_simple_flush) simple_flush = nullptr;
  decltype(&pa_simple_drain) simple_drain = nullptr;
  decltype(&pa_simple_free) simple_free = nullptr;
  decltype(&pa_strerror) strerror = nullptr;
};

// Opened once, then kept for the process; null when PulseAudio's client
// library is not installed.
const Pulse* pulse() {
  static const std::optional<Pulse> p = []() -> std::optional<Pulse> {
    void* lib = dlopen("libpulse-simple.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return std::nullopt;
    Pulse f;
    Symbols sym(lib);  // pa_strerror comes from libpulse, its dependency
    sym.get(f.simple_new, "pa_simple_new");
    sym.get(f.simple_write, "pa_simple_write");
    sym.get(f.simple_flush, "pa_simple_flush");
    sym.get(f.simple_drain, "pa_simple_drain");
    sym.get(f.simple_free, "pa_simple_free");
    sym.get(f.strerror, "pa_strerror");
    if (!sym.ok()) return std::nullopt;
    return f;
  }();
  return p ? &*p : nullptr;
}

class PulsePlayer final : public Player {
 public:
  Status play(const Pcm& pcm, const std::atomic<bool>& stop) override {
    const Pulse* pa = pulse();
    if (!pa) return make_error(Errc::not_found, "no audio output: libpulse-simple.so.0 cannot be opened");
    pa_sample_spec ss{};
    ss.format = PA_SAMPLE_S16LE;
    ss.rate = static_cast<uint32_t>(pcm.sample_rate);
    ss.channels = 1;
    int err = 0;
    pa_simple* s = pa->simple_new(nullptr, "asylum-kiosk", PA_STREAM_PLAYBACK, nullptr,
                                 "read-aloud", &ss, nullptr, nullptr, &err);
    if (!s) return make_error(Errc::not_found, std::string("no audio output: ") + pa->strerror(err));
    const size_t chunk = static_cast<size_t>(pcm.sample_rate) / 10;  // 100 ms
    for (size_t i = 0; i < pcm.samples.size() && !stop.load(); i += chunk) {
      const size_t n = std::min(chunk, pcm.samples.size() - i);
      if (pa->simple_write(s, pcm.samples.data() + i, n * sizeof(int16_t), &err) < 0) {
        pa->simple_free(s);
        return make_error(Errc::io, std::string("audio output failed: ") + pa->strerror(err));
      }
    }
    if (stop.load()) pa->simple_flush(s, &err);
    else pa->simple_drain(s, &err);
    pa->simple_free(s);
    return Ok{};
  }
};

}  // namespace

std::unique_ptr<Player> make_pulse_player() { return std::make_unique<PulsePlayer>(); }

Speaker::Speaker(std::unique_ptr<Player> player, Synthesizer synth)
    : player_(std::move(player)), synth_(std::move(synth)) {
  if (!synth_)
    synth_ = [](const std::string& lang, const std::string& text, const std::atomic<bool>& cancel) {
      return synthesize(lang, text, 100, &cancel);
    };
  worker_ = std::thread([this] { run(); });
}

Speaker::~Speaker() {
  {
    std::lock_guard lock(m_);
    quit_ = true;
    pending_.reset();
    if (current_stop_) *current_stop_ = true;
  }
  cv_.notify_all();
  worker_.join();
}

void Speaker::say(std::string lang, std::string text, int volume) {
  say(std::vector<Utterance>{{std::move(lang), std::move(text)}}, volume);
}

void Speaker::say(std::vector<Utterance> parts, int volume) {
  {
    std::lock_guard lock(m_);
    last_said_.clear();
    for (const auto& p : parts) last_said_ += (last_said_.empty() ? "" : "\n") + p.text;
    pending_ = Request{std::move(parts), volume};
    if (current_stop_) *current_stop_ = true;  // cut short what is being spoken now
  }
  cv_.notify_all();
}

void Speaker::stop() {
  {
    std::lock_guard lock(m_);
    pending_.reset();
    std::fill(last_said_.begin(), last_said_.end(), '\0');
    last_said_.clear();
    if (current_stop_) *current_stop_ = true;
  }
  cv_.notify_all();
}

bool Speaker::busy() const {
  std::lock_guard lock(m_);
  return working_ || pending_.has_value();
}

std::string Speaker::last_said() const {
  std::lock_guard lock(m_);
  return last_said_;
}

std::string Speaker::last_error() const {
  std::lock_guard lock(m_);
  return error_;
}

void Speaker::run() {
  for (;;) {
    Request r;
    {
      std::unique_lock lock(m_);
      cv_.wait(lock, [&] { return quit_ || pending_.has_value(); });
      if (quit_) return;
      r = std::move(*pending_);
      pending_.reset();
      working_ = true;
      current_stop_ = r.stop;  // only this request's own flag stops it
    }
    const std::atomic<bool>& stop = *r.stop;
    std::string problem;
    for (const auto& part : r.parts) {
      if (stop.load() || !problem.empty()) break;
      auto pcm = synth_(part.lang, part.text, stop);
      if (!pcm) problem = pcm.error().message;
      else if (!stop.load() && player_) {
        // Volume is applied to the samples so that it is the same on any output.
        const double gain = std::clamp(r.volume, 0, 100) / 100.0;
        for (auto& s : pcm->samples) s = static_cast<int16_t>(s * gain);
        playing_ = true;
        if (auto st = player_->play(*pcm, stop); !st) problem = st.error().message;
        playing_ = false;
      }
    }
    std::lock_guard lock(m_);
    working_ = false;
    current_stop_.reset();
    if (!problem.empty()) error_ = problem;
    else if (!stop.load()) ++finished_;
  }
}

}  // namespace kiosk::speech
