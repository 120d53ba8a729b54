// Petition definition: kiosk::load_form on an arbitrary petition.toml.
#include "form/form.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto file = fuzz::scratch() / "petition.toml";
  fuzz::write_file(file, fuzz::as_view(data, size));
  (void)kiosk::load_form(file);
  return 0;
}
