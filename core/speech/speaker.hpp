// Speaker: read-aloud off the caller's thread. One worker thread takes the
// latest request (a newer one replaces what is queued and stops what is
// playing), synthesises it (speech.hpp) and hands the PCM to a Player.
// stop() is immediate enough for a screen change: synthesis and playback
// both check the request's stop flag every ~100 ms of audio. Each request
// has its own flag, so stopping one never cancels the next; say(), stop()
// and busy() take only a short lock that synthesis never holds.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "speech/utterance.hpp"
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
  // Turns a text into PCM; synthesize() unless a test gives another.
  using Synthesizer = std::function<Result<Pcm>(const std::string& lang, const std::string& text,
                                                const std::atomic<bool>& cancel)>;
  explicit Speaker(std::unique_ptr<Player> player, Synthesizer synth = {});
  ~Speaker();
  Speaker(const Speaker&) = delete;
  Speaker& operator=(const Speaker&) = delete;

  // Speaks `text` in `lang` at `volume` percent, replacing whatever is
  // queued or being spoken.
  void say(std::string lang, std::string text, int volume);
  // Speaks `parts` one after another, each in its own voice, as one request
  // (stopped, replaced and counted as one).
  void say(std::vector<Utterance> parts, int volume);
  // Stops speaking and forgets the queue.
  void stop();
  // True while something is queued, being synthesised or played.
  [[nodiscard]] bool busy() const;
  // The last synthesis or playback problem (English, for logs), or empty.
  [[nodiscard]] std::string last_error() const;
  // How many texts have been fully spoken (tests).
  [[nodiscard]] int finished() const { return finished_.load(); }
  // True while the player plays (not while a text is still synthesised).
  [[nodiscard]] bool playing() const { return playing_.load(); }
  // The texts of the last say(), joined, until stop() (replays check what
  // was said; stop() forgets it, so a wipe leaves no copy here).
  [[nodiscard]] std::string last_said() const;

 private:
  struct Request {
    std::vector<Utterance> parts;
    int volume = 100;
    std::shared_ptr<std::atomic<bool>> stop = std::make_shared<std::atomic<bool>>(false);
  };
  void run();

  std::unique_ptr<Player> player_;
  Synthesizer synth_;
  mutable std::mutex m_;  // guards the members below; never held while speaking
  std::condition_variable cv_;
  std::optional<Request> pending_;
  std::shared_ptr<std::atomic<bool>> current_stop_;  // of the request being spoken
  bool quit_ = false;
  bool working_ = false;
  std::string error_;
  std::atomic<int> finished_{0};
  std::atomic<bool> playing_{false};
  std::string last_said_;
  std::thread worker_;
};

}  // namespace kiosk::speech
