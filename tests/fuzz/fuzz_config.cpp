// Site config: kiosk::check_config on an arbitrary kiosk.toml.
#include "config/config.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto file = fuzz::scratch() / "kiosk.toml";
  fuzz::write_file(file, fuzz::as_view(data, size));
  kiosk::Config config;
  (void)kiosk::check_config(file, config);
  return 0;
}
