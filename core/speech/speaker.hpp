// Speaker: read-aloud off the caller's thread. One worker thread takes the
// latest request (a newer one replaces what is queued and stops what is
// playing), synthesises it (speech.hpp) and hands the PCM to a Player.
// stop() is immediate enough for a screen change: synthesis and playback
// both check the stop flag every ~100 ms of audio.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "speech/speech.hpp"

namespace kiosk::speech {

// Where PCM goes: the sound card, or (in tests) a recorder.
class Player {
 public:
  virtual ~Player() = default;
  // Plays all of `pcm`, returning early once `stop` is set. An error when
  // there is no audio output: the kiosk then shows no failure to the person.
  virtual Status play(const Pcm& pcm, const std::atomic<bool>& stop) = 0;
};

// PulseAudio (libpulse-simple), the Debian desktop's sound server; without a
// server (Xvfb, tests) play() fails with an error and nothing else happens.
std::unique_ptr<Player> make_pulse_player();

class Speaker {
 public:
  explicit Speaker(std::unique_ptr<Player> player);
  ~Speaker();
  Speaker(const Speaker&) = delete;
  Speaker& operator=(const Speaker&) = delete;

  // Speaks `text` in `lang` at `volume` percent, replacing whatever is
  // queued or being spoken.
  void say(std::string lang, std::string text, int volume);
  // Stops speaking and forgets the queue.
  void stop();
  // True while something is queued, being synthesised or played.
  [[nodiscard]] bool busy() const;
  // The last synthesis or playback problem (English, for logs), or empty.
  [[nodiscard]] std::string last_error() const;
  // How many texts have been fully spoken (tests).
  [[nodiscard]] int finished() const { return finished_.load(); }

 private:
  struct Request {
    std::string lang, text;
    int volume = 100;
  };
  void run();

  std::unique_ptr<Player> player_;
  mutable std::mutex m_;
  std::condition_variable cv_;
  std::optional<Request> pending_;
  bool quit_ = false;
  bool working_ = false;
  std::string error_;
  std::atomic<bool> stop_{false};
  std::atomic<int> finished_{0};
  std::thread worker_;
};

}  // namespace kiosk::speech
