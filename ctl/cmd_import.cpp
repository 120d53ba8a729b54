// import DIR [--no-sync]: queue an export's sealed records here, then send them.
#include <iostream>

#include "command.hpp"
#include "outbox/transfer.hpp"
#include "outbox_support.hpp"
#include "sync/sync.hpp"

namespace {

int run(kioskctl::Context& ctx) {
  const bool no_sync = kioskctl::take_flag(ctx.args, "--no-sync");
  if (ctx.args.size() != 1) {
    std::cerr << "usage: asylum-kioskctl import DIR [--no-sync]\n";
    return 2;
  }
  auto config = kioskctl::load_site_config(ctx);
  if (!config) return 1;
  auto box = kioskctl::open_outbox(*config);
  if (!box) return 1;
  auto rep = kiosk::outbox::import_records(*box, ctx.args.front());
  if (!rep) {
    std::cerr << rep.error().describe() << "\n";
    return 1;
  }
  for (const auto& p : rep->problems) std::cout << "not imported: " << p << "\n";
  std::cout << rep->added << " records queued, " << rep->already << " were already here, "
            << rep->problems.size() << " not imported\n";
  int code = rep->problems.empty() ? 0 : 1;
  if (no_sync) return code;
  auto settings = kiosk::sync::settings_from_config(*config);
  if (!settings) {
    std::cerr << settings.error().describe() << "\n(records stay queued; fix the config and run sync)\n";
    return 1;
  }
  auto pass = kiosk::sync::run_pass(*box, *settings);
  if (!pass) {
    std::cerr << pass.error().describe() << "\n";
    return 1;
  }
  for (const auto& r : pass->records)
    std::cout << r.result << " " << r.instance_id << (r.result == "sent" ? "" : ": " + r.message) << "\n";
  std::cout << "sync: " << kiosk::sync::to_string(pass->run.outcome) << ": " << pass->run.message << "\n";
  if (pass->run.retry > 0 || pass->run.failed_permanent > 0 ||
      (pass->run.outcome != kiosk::sync::Outcome::ok &&
       pass->run.outcome != kiosk::sync::Outcome::nothing_to_do))
    code = 1;
  return code;
}

const kioskctl::Registration reg({"import", "import DIR [--no-sync]",
                                  "queue the sealed records of a USB export here and send them", run});

}  // namespace
