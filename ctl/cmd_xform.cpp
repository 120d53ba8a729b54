// xform --out FILE.xml: the server form to upload to ODK Central or
// KoboToolbox, made from the same form definition as the interview and
// encrypted to the office's public key from the config. Its version is
// derived from the questions and the key (form/xform.hpp), so a changed
// form or a new key is published by Central as a new version.
//
// It needs only sync.public_key_file: the credentials file (made later, when
// the app user exists) and the rest of [sync] may still be missing.
#include <fstream>
#include <iostream>

#include "base/paths.hpp"
#include "command.hpp"
#include "site_support.hpp"
#include "config/config.hpp"
#include "form/form.hpp"
#include "form/xform.hpp"
#include "seal/seal.hpp"

namespace {

int run(kioskctl::Context& ctx) {
  const std::string out = kioskctl::take_option(ctx.args, "--out");
  const bool no_key = kioskctl::take_flag(ctx.args, "--no-key");
  if (out.empty()) {
    std::cerr << "usage: asylum-kioskctl xform --out FILE.xml [--no-key]\n";
    return 2;
  }
  // The server form with `key` (base64 DER; empty for none), written to
  // `out`; prints what was written, `how` saying which key. Exit code.
  const auto write_form = [&](const std::string& key, const std::string& how) -> int {
    auto sf = kiosk::load_server_form(kiosk::data_dir(), key);
    if (!sf) {
      std::cerr << sf.error().describe() << "\n";
      return 1;
    }
    std::ofstream f(out);
    f << sf->xform;
    if (!f.flush()) {
      std::cerr << "cannot write " << out << "\n";
      return 1;
    }
    std::cout << "wrote " << out << " (form " << sf->form.id << ", version " << sf->form.version << ", " << how
              << ")\n";
    return 0;
  };
  if (no_key)
    // For ODK Central's Managed Encryption: Central puts its own key into a
    // form that has none; the kiosk then takes that form by itself.
    return write_form("", "without a key: for a Central project with Managed Encryption; with "
                          "sync.form_source = \"server\" the kiosk takes it, with Central's key, by itself");
  kiosk::Config config;
  const auto problems = kiosk::check_config(ctx.config_path, config);
  if (config.sync.public_key_file.empty()) {
    for (const auto& p : problems) std::cerr << p.describe() << "\n";
    std::cerr << "xform needs sync.public_key_file (the office's public key) in "
              << ctx.config_path.string() << "\n";
    return 1;
  }
  auto key = kiosk::seal::OfficeKey::load_pem_file(config.sync.public_key_file);
  if (!key) {
    std::cerr << key.error().describe() << "\n";
    return 1;
  }
  // Other problems (e.g. no credentials file yet) do not stop the form; they are noted.
  for (const auto& p : problems)
    if (p.message.find("public_key_file") == std::string::npos)
      std::cerr << "note: " << p.describe() << "\n";
  if (const int rc = write_form(key->base64_der(),
                                 "encrypted to " + config.sync.public_key_file.filename().string());
      rc != 0)
    return rc;
  if (auto form = kiosk::load_form(kiosk::data_dir() / "assets/form/petition.toml");
      form && !config.sync.form_id.empty() && config.sync.form_id != form->id)
    std::cerr << "warning: sync.form_id \"" << config.sync.form_id << "\" is not the form's id \"" << form->id
              << "\"; check-config refuses this config\n";
  return 0;
}

const kioskctl::Registration reg({"xform", "xform --out FILE.xml [--no-key]",
                                  "write the server form (XForm) for ODK Central / KoboToolbox",
                                  run});

}  // namespace
