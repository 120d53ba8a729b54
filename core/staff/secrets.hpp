// The demo configuration's secrets outside a demo: the private half of the
// demo office key is in the repository (tests/fixtures), and its PIN is in
// the README, so a site that kept either stores petitions anyone can open
// or lets anyone into staff mode.
//
// A demo is a site whose [site] id begins with "demo" (kiosk-config/demo.toml
// is "demo-almaty-desp"); every other site must have its own office key and
// PIN. check-config fails on these problems; the kiosk asks at start and
// shows staff a warning instead of starting sessions.
#pragma once

#include <string>
#include <vector>

#include "config/config.hpp"

namespace kiosk {

// SHA-256 of the DER of kiosk-config/demo-office-public.pem (OfficeKey::fingerprint).
inline constexpr const char* kDemoOfficeKeyFingerprint =
    "1be56390f295b51cde9667468b3da89706f073f645610daea3ee0efab5070fc6";

// True when the config is a demo (site id beginning with "demo").
bool is_demo_site(const Config& config);

// One plain sentence per demo secret a non-demo site still uses (the demo
// office key, the demo PIN 1357); empty for a demo site or a site with its
// own. Reads sync.public_key_file (a regular file only) and checks the PIN
// hash (one PBKDF2 run, about 0.1 s).
std::vector<std::string> demo_secret_problems(const Config& config);

}  // namespace kiosk
