// Content loaders: load_content on the shipped offices.toml + guidance.toml
// with one of them (first byte: even = offices, odd = guidance) replaced by
// the input.
#include "base/paths.hpp"
#include "content/content.hpp"
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  namespace fs = std::filesystem;
  static const fs::path dir = [] {
    const fs::path d = fuzz::scratch() / "content";
    fs::create_directories(d);
    return d;
  }();
  static const fs::path shipped = kiosk::data_dir() / "assets/content";
  const bool guidance = (data[0] & 1) != 0;
  const char* replaced = guidance ? "guidance.toml" : "offices.toml";
  const char* kept = guidance ? "offices.toml" : "guidance.toml";
  fs::copy_file(shipped / kept, dir / kept, fs::copy_options::overwrite_existing);
  fuzz::write_file(dir / replaced, fuzz::as_view(data + 1, size - 1));
  (void)kiosk::load_content(dir);
  return 0;
}
