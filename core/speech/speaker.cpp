#include "speech/speaker.hpp"

#include <pulse/error.h>
#include <pulse/simple.h>

#include <algorithm>

namespace kiosk::speech {

namespace {

class PulsePlayer final : public Player {
 public:
  Status play(const Pcm& pcm, const std::atomic<bool>& stop) override {
    pa_sample_spec ss{};
    ss.format = PA_SAMPLE_S16LE;
    ss.rate = static_cast<uint32_t>(pcm.sample_rate);
    ss.channels = 1;
    int err = 0;
    pa_simple* s = pa_simple_new(nullptr, "asylum-kiosk", PA_STREAM_PLAYBACK, nullptr,
                                 "read-aloud", &ss, nullptr, nullptr, &err);
    if (!s) return make_error(Errc::not_found, std::string("no audio output: ") + pa_strerror(err));
    const size_t chunk = static_cast<size_t>(pcm.sample_rate) / 10;  // 100 ms
    for (size_t i = 0; i < pcm.samples.size() && !stop.load(); i += chunk) {
      const size_t n = std::min(chunk, pcm.samples.size() - i);
      if (pa_simple_write(s, pcm.samples.data() + i, n * sizeof(int16_t), &err) < 0) {
        pa_simple_free(s);
        return make_error(Errc::io, std::string("audio output failed: ") + pa_strerror(err));
      }
    }
    if (stop.load()) pa_simple_flush(s, &err);
    else pa_simple_drain(s, &err);
    pa_simple_free(s);
    return Ok{};
  }
};

}  // namespace

std::unique_ptr<Player> make_pulse_player() { return std::make_unique<PulsePlayer>(); }

Speaker::Speaker(std::unique_ptr<Player> player)
    : player_(std::move(player)), worker_([this] { run(); }) {}

Speaker::~Speaker() {
  {
    std::lock_guard lock(m_);
    quit_ = true;
    pending_.reset();
  }
  stop_ = true;
  cv_.notify_all();
  worker_.join();
}

void Speaker::say(std::string lang, std::string text, int volume) {
  {
    std::lock_guard lock(m_);
    pending_ = Request{std::move(lang), std::move(text), volume};
  }
  stop_ = true;  // cut short what is being spoken now
  cv_.notify_all();
}

void Speaker::stop() {
  {
    std::lock_guard lock(m_);
    pending_.reset();
  }
  stop_ = true;
  cv_.notify_all();
}

bool Speaker::busy() const {
  std::lock_guard lock(m_);
  return working_ || pending_.has_value();
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
      stop_ = false;
    }
    std::string problem;
    auto pcm = synthesize(r.lang, r.text, 100, &stop_);
    if (!pcm) problem = pcm.error().message;
    else if (!stop_.load() && player_) {
      // Volume is applied to the samples so that it is the same on any output.
      const double gain = std::clamp(r.volume, 0, 100) / 100.0;
      for (auto& s : pcm->samples) s = static_cast<int16_t>(s * gain);
      if (auto st = player_->play(*pcm, stop_); !st) problem = st.error().message;
    }
    std::lock_guard lock(m_);
    working_ = false;
    if (!problem.empty()) error_ = problem;
    else if (!stop_.load()) ++finished_;
  }
}

}  // namespace kiosk::speech
