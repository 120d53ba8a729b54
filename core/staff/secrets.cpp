#include "staff/secrets.hpp"

#include "seal/seal.hpp"
#include "staff/pin.hpp"

namespace kiosk {

bool is_demo_site(const Config& config) { return config.site.id.rfind("demo", 0) == 0; }

std::vector<std::string> demo_secret_problems(const Config& config) {
  std::vector<std::string> out;
  if (is_demo_site(config)) return out;
  if (!config.sync.public_key_file.empty()) {
    auto key = seal::OfficeKey::load_pem_file(config.sync.public_key_file);
    if (key && key->fingerprint() == kDemoOfficeKeyFingerprint)
      out.push_back("sync.public_key_file is the demo office key, whose private half is public: anyone could "
                    "open these petitions. Put the office's own public key here (" +
                    config.sync.public_key_file.string() + ").");
  }
  if (!config.staff.pin_hash.empty() && verify_pin(kDemoPin, config.staff.pin_hash))
    out.push_back("staff.pin_hash is the demo PIN 1357, which anyone can read in the README. Choose a new PIN "
                  "of 6 or more digits and run: asylum-kioskctl hash-pin");
  return out;
}

}  // namespace kiosk
