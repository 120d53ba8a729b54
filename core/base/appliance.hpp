// The kiosk as an appliance (issue 18): no core dumps of a process that
// holds a person's answers, and a mark for staff's deliberate close so that
// the unit restarts the kiosk after any other end (a crash, a kill; Debian
// 12's cage exits 0 even when its child crashed).
#pragma once

#include <filesystem>
#include <string>

#include "base/result.hpp"

namespace kiosk {

// prctl(PR_SET_DUMPABLE, 0) and RLIMIT_CORE = 0: a crash writes no memory
// image (with the session's answers) to disk. Call first thing in main().
// Returns false if either call failed.
bool disable_core_dumps();

// The marker file of a deliberate close: $ASYLUM_KIOSK_CLOSE_MARKER (set by
// packaging/asylum-kiosk.service), or empty when not run by the unit.
std::filesystem::path staff_close_marker();

// Staff closed the kiosk on purpose: writes the marker (if there is one) so
// that packaging/asylum-kiosk-session ends with 0 and systemd does not
// restart the kiosk. Every other end of the session is restarted.
Status mark_staff_close();

}  // namespace kiosk
