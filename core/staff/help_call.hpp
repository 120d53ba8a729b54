// "I need help": how the kiosk calls staff. The session (flow/session.hpp)
// decides that staff are called (Effect::call_staff); this runs the site's
// command for a bell or pager, off the UI thread, with a time limit, and
// says in one line what happened. No personal data goes anywhere: the
// command gets only its own configured arguments, the journal only the
// screen's name.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/result.hpp"
#include "flow/session.hpp"
#include "speech/speech.hpp"

namespace kiosk {

// The journal line for a call: which step the person was on, nothing they
// gave ("a person asked for staff help on the question screen").
std::string help_journal_line(const Session& s);

// Runs `argv` (argv[0] a program path; no shell), with stdin, stdout and
// stderr on /dev/null. Fails in plain words when it cannot start, exits
// non-zero, dies of a signal, or still runs after `limit` (it is killed).
Status run_help_command(const std::vector<std::string>& argv, std::chrono::milliseconds limit);

// The call's sound: two short rising tones (about 0.7 s), mono.
speech::Pcm help_tone(int sample_rate = 22050);

// Calls staff on its own thread, one call at a time (a second "I need help"
// while the first still runs is logged, not queued): plays the sound
// (`sound`, may be empty), then runs the command (when one is configured).
// `log` gets one line per outcome, from the worker thread.
class HelpCaller {
 public:
  using Log = std::function<void(const std::string&)>;
  using Sound = std::function<Status()>;
  HelpCaller(std::vector<std::string> argv, std::chrono::milliseconds limit, Log log, Sound sound = {});
  ~HelpCaller();  // waits for a running command (at most its limit)
  HelpCaller(const HelpCaller&) = delete;
  HelpCaller& operator=(const HelpCaller&) = delete;

  // Starts the sound and the command; never blocks. False while the last
  // call still runs.
  bool call();
  // Waits until no command runs (tests).
  void wait();

 private:
  std::vector<std::string> argv_;
  std::chrono::milliseconds limit_;
  Log log_;
  Sound sound_;
  std::mutex mutex_;
  std::thread worker_;
  bool running_ = false;
};

}  // namespace kiosk
