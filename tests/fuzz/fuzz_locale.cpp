// Locale catalog: Catalog::load of an arbitrary locales/en.json, then every
// loaded pattern formatted with a few arguments. An input starting with "P:"
// is a single ICU MessageFormat pattern instead.
#include "fuzz_common.hpp"
#include "locale/catalog.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view in = fuzz::as_view(data, size);
  const kiosk::MessageArgs args = {{"count", int64_t{3}}, {"name", std::string("Ali")},
                                   {"days", 2.5}};
  if (in.substr(0, 2) == "P:") {
    (void)kiosk::format_message(std::string(in.substr(2)), "fa-AF", args);
    return 0;
  }
  fuzz::write_file(fuzz::scratch() / "en.json", in);
  auto catalog = kiosk::Catalog::load(fuzz::scratch(), "en");
  if (catalog) {
    int n = 0;
    for (const auto& [key, pattern] : catalog->entries()) {
      (void)catalog->format(key, args);
      if (++n == 64) break;
    }
  }
  return 0;
}
