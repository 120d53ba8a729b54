// form-from-server: takes the form and its key from the server (OpenRosa
// formList + download, with the app user's token), checks that it asks the
// kiosk's questions and carries a key, and keeps it as the last good form
// (<outbox.data_dir>/server-form.xml). With sync.form_source = "server" the
// kiosk seals records with that key and version (ODK Central's Managed
// Encryption). The running kiosk does the same by itself at the start of each
// sync pass (sync/server_form.hpp's FormWatch) and takes a form stored here
// at its next pass; this command is for a look by hand (it prints the
// version) or a kiosk that never reached the server.
#include <iostream>

#include "base/paths.hpp"
#include "command.hpp"
#include "form/xform.hpp"
#include "outbox_support.hpp"
#include "sync/server_form.hpp"
#include "sync/sync.hpp"

namespace {

int run(kioskctl::Context& ctx) {
  auto site = kioskctl::load_sync_site(ctx);
  if (!site) return 1;
  auto own = kiosk::load_server_form(kiosk::data_dir(), "");
  if (!own) {
    std::cerr << own.error().describe() << "\n";
    return 1;
  }
  const auto store = kiosk::sync::server_form_path(site->config.outbox.data_dir);
  auto served = kiosk::sync::fetch_server_form(site->settings, own->form.id, own->xform, store);
  if (!served) {
    std::cerr << served.error().describe() << "\n";
    if (auto last = kiosk::sync::load_stored_server_form(store); last)
      std::cerr << "the last good form stays in use: version " << last->version << "\n";
    return 1;
  }
  std::cout << "took form " << served->form_id << " version " << served->version << " from "
            << kiosk::sync::describe_target(site->settings) << " (key " << served->base64_key.substr(0, 24)
            << "...), kept in " << store.string() << "\n";
  if (site->config.sync.form_source != "server")
    std::cout << "note: sync.form_source is \"" << site->config.sync.form_source
              << "\": set it to \"server\" to seal records with this form's key\n";
  return 0;
}

const kioskctl::Registration reg({"form-from-server", "form-from-server",
                                  "take the form and its key from the server (Central Managed Encryption)",
                                  run});

}  // namespace
