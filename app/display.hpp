// The kiosk's display going away: cage, or the X server (Xwayland) it runs
// the kiosk through, ended under the running kiosk. The kiosk then ends at
// once with kDisplayGone and one journal line, and systemd starts the
// session again (Restart=on-failure).
#pragma once

namespace app {

// Not 0, so that the unit restarts the session (EX_UNAVAILABLE).
inline constexpr int kDisplayGone = 69;

// Makes Xlib's "connection lost" end the kiosk as display_gone() does
// (instead of Xlib's own exit(), which runs the GL driver's and other
// exit-time clean-up against a display that is gone). Call after glfwInit().
void watch_display();
// Whether the X connection has hung up though Xlib has not noticed yet.
bool display_hung_up();
// Says "the display went away" on stderr (the journal) and ends the
// process at once. Nothing is lost by that: a session is stored only once
// it is finished, and the outbox is an SQLite store that survives the
// process ending at any point (as it does a SIGKILL).
[[noreturn]] void display_gone();

}  // namespace app
