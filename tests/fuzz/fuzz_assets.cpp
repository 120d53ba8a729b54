// The installed data files IT may edit: a keyboard layout
// (assets/keyboards/*.toml), the font list (assets/fonts.toml) and the
// documents' addressees and samples (assets/documents/*.toml). Byte 0
// chooses the loader; the rest is the file.
#include <chrono>

#include "document/addressee.hpp"
#include "base/paths.hpp"
#include "document/samples.hpp"
#include "form/form.hpp"
#include "fuzz_common.hpp"
#include "input/keyboard.hpp"
#include "text/fonts.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const auto file = fuzz::scratch() / "asset.toml";
  fuzz::write_file(file, fuzz::as_view(data + 1, size - 1));
  switch (data[0] % 4) {
    case 0: (void)kiosk::load_keyboard(file); break;
    case 1: (void)kiosk::text::FontSet::load(file); break;
    case 2:
      (void)kiosk::load_addressee(file, "desp-almaty", "ru");
      (void)kiosk::load_addressee(file, "desp-almaty", "kk");
      break;
    case 3: {
      // Samples and answers files are checked against the petition form.
      static const kiosk::Form form = [] {
        auto f = kiosk::load_form(kiosk::data_dir() / "assets/form/petition.toml");
        return f ? std::move(f).value() : kiosk::Form{};
      }();
      const std::chrono::year_month_day today{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{21}};
      for (const char* lang : {"ru", "fa-AF", "kk"}) (void)kiosk::load_sample(file, form, lang, today);
      (void)kiosk::load_answers_file(file, form, today);
      break;
    }
  }
  return 0;
}
