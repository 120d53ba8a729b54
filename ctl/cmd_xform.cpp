// xform --out FILE.xml: the server form to upload to ODK Central or
// KoboToolbox, made from the same form definition as the interview and
// encrypted to the office's public key from the config.
#include <fstream>
#include <iostream>

#include "base/paths.hpp"
#include "command.hpp"
#include "config/config.hpp"
#include "form/xform.hpp"
#include "seal/seal.hpp"

namespace {

int run(kioskctl::Context& ctx) {
  const std::string out = kioskctl::take_option(ctx.args, "--out");
  if (out.empty()) {
    std::cerr << "usage: asylum-kioskctl xform --out FILE.xml\n";
    return 2;
  }
  auto config = kiosk::load_config(ctx.config_path);
  if (!config) {
    std::cerr << config.error().describe() << "\n";
    return 1;
  }
  auto form = kiosk::load_form(kiosk::data_dir() / "assets/form/petition.toml");
  if (!form) {
    std::cerr << form.error().describe() << "\n";
    return 1;
  }
  auto tr = kiosk::Translations::load(kiosk::data_dir() / "locales");
  if (!tr) {
    std::cerr << tr.error().describe() << "\n";
    return 1;
  }
  auto key = kiosk::seal::OfficeKey::load_pem_file(config->sync.public_key_file);
  if (!key) {
    std::cerr << key.error().describe() << "\n";
    return 1;
  }
  std::ofstream f(out);
  f << kiosk::build_xform(*form, *tr, key->base64_der());
  if (!f.flush()) {
    std::cerr << "cannot write " << out << "\n";
    return 1;
  }
  std::cout << "wrote " << out << " (form " << form->id << ", version " << form->version
            << ", encrypted to " << config->sync.public_key_file.filename().string() << ")\n";
  return 0;
}

const kioskctl::Registration reg({"xform", "xform --out FILE.xml",
                                  "write the server form (XForm) for ODK Central / KoboToolbox",
                                  run});

}  // namespace
