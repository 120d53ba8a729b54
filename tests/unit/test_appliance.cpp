// The appliance (issue 18): no core dumps, staff's deliberate close is
// marked, and packaging/asylum-kiosk-session restarts every other end.
#include <catch2/catch.hpp>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "base/appliance.hpp"
#include "outbox_fixtures.hpp"

namespace fs = std::filesystem;

TEST_CASE("core dumps are disabled for the kiosk process", "[appliance][faults]") {
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {  // in a child: this process's limits stay as they are
    const bool ok = kiosk::disable_core_dumps();
    rlimit r{};
    ::getrlimit(RLIMIT_CORE, &r);
    const bool dumpable = ::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0;
    _exit(ok && r.rlim_cur == 0 && r.rlim_max == 0 && !dumpable ? 0 : 1);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}

namespace {

// Runs packaging/asylum-kiosk-session with `command` as the session; returns its exit code.
int session(const fs::path& marker, const std::string& command) {
  const std::string script = std::string(KIOSK_SOURCE_DIR) + "/packaging/asylum-kiosk-session";
  const std::string cmd = "ASYLUM_KIOSK_CLOSE_MARKER='" + marker.string() + "' sh '" + script + "' sh -c '" +
                          command + "' 2>/dev/null";
  const int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

}  // namespace

TEST_CASE("the session restarts after any end except staff's deliberate close", "[appliance][faults]") {
  const auto dir = odk_test::fresh_dir("session");
  const auto marker = dir / "closed-by-staff";
  // cage exits 0 after the kiosk crashed: a failure for systemd (restart).
  CHECK(session(marker, "exit 0") != 0);
  // A crash of the session itself (SIGSEGV) or a kill: restart.
  CHECK(session(marker, "kill -SEGV $$") != 0);
  CHECK(session(marker, "kill -KILL $$") != 0);
  // Staff closed the kiosk: the kiosk's marker makes it a clean end, and
  // the marker does not outlive it (the next crash restarts again).
  CHECK(session(marker, "echo closed > \"$ASYLUM_KIOSK_CLOSE_MARKER\"; exit 0") == 0);
  CHECK_FALSE(fs::exists(marker));
  // A marker left from before the session does not count.
  { std::ofstream(marker) << "old"; }
  CHECK(session(marker, "exit 0") != 0);
}

TEST_CASE("mark_staff_close writes the unit's marker, and nothing without one", "[appliance][faults]") {
  const auto dir = odk_test::fresh_dir("marker");
  ::unsetenv("ASYLUM_KIOSK_CLOSE_MARKER");
  CHECK(kiosk::staff_close_marker().empty());
  CHECK(kiosk::mark_staff_close().ok());
  ::setenv("ASYLUM_KIOSK_CLOSE_MARKER", (dir / "closed").c_str(), 1);
  REQUIRE(kiosk::mark_staff_close().ok());
  CHECK(fs::exists(dir / "closed"));
  ::unsetenv("ASYLUM_KIOSK_CLOSE_MARKER");
}

TEST_CASE("the unit restarts the session, keeps no core dumps, runs the session wrapper", "[appliance][faults]") {
  std::ifstream in(std::string(KIOSK_SOURCE_DIR) + "/packaging/asylum-kiosk.service");
  std::string unit, line;
  while (std::getline(in, line)) unit += line + "\n";
  CHECK(unit.find("\nExecStart=/usr/lib/asylum-kiosk/asylum-kiosk-session /usr/bin/cage ") != std::string::npos);
  CHECK(unit.find("\nRestart=on-failure\n") != std::string::npos);
  CHECK(unit.find("\nLimitCORE=0\n") != std::string::npos);
  CHECK(unit.find("\nEnvironment=ASYLUM_KIOSK_CLOSE_MARKER=/var/lib/asylum-kiosk/") != std::string::npos);
}
