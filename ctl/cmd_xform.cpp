// xform --out FILE.xml: the server form to upload to ODK Central or
// KoboToolbox, made from the same form definition as the interview and
// encrypted to the office's public key from the config.
#include <fstream>
#include <iostream>

#include "base/paths.hpp"
#include "command.hpp"
#include "site_support.hpp"
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
  const auto site = kioskctl::load_site_or_say(ctx);
  if (!site) return 1;
  const kiosk::Form* form = &site->form;
  const kiosk::Translations* tr = &site->tr;
  const kiosk::seal::OfficeKey* key = &*site->office_key;
  const kiosk::Config* config = &site->config;
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
