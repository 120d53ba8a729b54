// export DIR [--all]: sealed records to a USB drive (see core/outbox/transfer.hpp).
#include <iostream>

#include "command.hpp"
#include "sync/service.hpp"
#include "outbox/transfer.hpp"
#include "outbox_support.hpp"

namespace {

int run(kioskctl::Context& ctx) {
  const bool all = kioskctl::take_flag(ctx.args, "--all");
  if (ctx.args.size() != 1) {
    std::cerr << "usage: asylum-kioskctl export DIR [--all]\n";
    return 2;
  }
  auto config = kioskctl::load_site_config(ctx);
  if (!config) return 1;
  auto box = kioskctl::open_outbox(*config);
  if (!box) return 1;
  // The XForm goes into odk/forms/ (for the office and ODK Briefcase).
  std::string xform, xform_name;
  if (auto sealing = kiosk::sync::load_sealing_form(*config); sealing) {
    xform = std::move(sealing->xform);
    xform_name = std::move(sealing->xform_name);
  } else {
    std::cerr << "note: no XForm in odk/forms/: " << sealing.error().describe() << "\n";
  }
  auto rep = kiosk::outbox::export_records(*box, ctx.args.front(), config->site.id, all, xform, xform_name);
  if (!rep) {
    std::cerr << rep.error().describe() << "\nnothing was marked as exported\n";
    return 1;
  }
  std::cout << rep->written << " sealed records written to " << rep->root.string() << "\n"
            << "they stay in this kiosk's outbox until the server acknowledges them\n";
  return 0;
}

const kioskctl::Registration reg({"export", "export DIR [--all]",
                                  "write unsent sealed records to DIR/odk (USB); --all adds sent ones",
                                  run});

}  // namespace
