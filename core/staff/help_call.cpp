#include "staff/help_call.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>

extern char** environ;

namespace kiosk {

std::string help_journal_line(const Session& s) {
  return std::string("a person asked for staff help on the ") + to_string(s.step) + " screen";
}

Status run_help_command(const std::vector<std::string>& argv, std::chrono::milliseconds limit) {
  if (argv.empty() || argv.front().empty())
    return make_error(Errc::invalid_input, "no help command is configured (kiosk.help_command)");
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  for (int fd : {0, 1, 2}) posix_spawn_file_actions_addopen(&files, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY, 0);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  // Its own process group, so that a timeout also ends what it started.
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK);
  posix_spawnattr_setpgroup(&attr, 0);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, args[0], &files, &attr, args.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  posix_spawnattr_destroy(&attr);
  const std::string name = argv.front();
  if (rc != 0)
    return make_error(Errc::not_found, "the help command " + name + " could not start: " + std::strerror(rc));
  const auto end = std::chrono::steady_clock::now() + limit;
  int status = 0;
  for (;;) {
    const pid_t r = waitpid(pid, &status, WNOHANG);
    if (r == pid) break;
    if (r < 0 && errno != EINTR)
      return make_error(Errc::internal, "the help command " + name + " could not be waited for");
    if (std::chrono::steady_clock::now() >= end) {
      kill(-pid, SIGKILL);
      kill(pid, SIGKILL);
      while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      return make_error(Errc::internal, "the help command " + name + " still ran after " +
                                            std::to_string(limit.count()) + " ms and was stopped");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  if (WIFSIGNALED(status))
    return make_error(Errc::internal, "the help command " + name + " was ended by signal " +
                                          std::to_string(WTERMSIG(status)));
  if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
    return make_error(Errc::internal, "the help command " + name + " failed with exit code " +
                                          std::to_string(WEXITSTATUS(status)));
  return Ok{};
}

speech::Pcm help_tone(int sample_rate) {
  speech::Pcm pcm;
  pcm.sample_rate = sample_rate;
  // Two tones a fifth apart, each faded in and out so they do not click.
  for (const double hz : {660.0, 990.0}) {
    const int n = sample_rate * 3 / 10;
    for (int i = 0; i < n; ++i) {
      const double t = static_cast<double>(i) / sample_rate;
      const double fade = std::min({1.0, i / (0.02 * sample_rate), (n - i) / (0.02 * sample_rate)});
      pcm.samples.push_back(static_cast<int16_t>(12000.0 * fade * std::sin(2 * M_PI * hz * t)));
    }
    pcm.samples.insert(pcm.samples.end(), static_cast<size_t>(sample_rate / 20), int16_t{0});
  }
  return pcm;
}

HelpCaller::HelpCaller(std::vector<std::string> argv, std::chrono::milliseconds limit, Log log, Sound sound)
    : argv_(std::move(argv)), limit_(limit), log_(std::move(log)), sound_(std::move(sound)) {}

HelpCaller::~HelpCaller() { wait(); }

void HelpCaller::wait() {
  std::thread t;
  {
    std::lock_guard lock(mutex_);
    t = std::move(worker_);
  }
  if (t.joinable()) t.join();
}

bool HelpCaller::call() {
  std::lock_guard lock(mutex_);
  if (running_) {
    if (log_) log_("the help command still runs from the last call; not started again");
    return false;
  }
  if (worker_.joinable()) worker_.join();  // finished: running_ is false
  running_ = true;
  worker_ = std::thread([this] {
    if (sound_) {
      if (const Status played = sound_(); !played && log_) log_("the help sound did not play: " + played.error().message);
    }
    if (!argv_.empty()) {
      const Status st = run_help_command(argv_, limit_);
      if (log_) log_(st ? "the help command ran" : st.error().describe());
    }
    std::lock_guard done(mutex_);
    running_ = false;
  });
  return true;
}

}  // namespace kiosk
