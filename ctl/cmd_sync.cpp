// sync: one OpenRosa sync pass in the foreground; prints what was sent, what
// failed and why. Exit 0 when nothing due is left unsent, 1 otherwise.
#include <iostream>

#include "command.hpp"
#include "outbox_support.hpp"
#include "sync/sync.hpp"

namespace {

int run(kioskctl::Context& ctx) {
  auto site = kioskctl::load_sync_site(ctx);
  if (!site) return 1;
  if (!site->config.sync.enabled)
    std::cout << "note: sync.enabled is false in " << ctx.config_path.string()
              << "; the kiosk does not sync by itself, but this manual pass runs\n";
  auto box = kioskctl::open_outbox(site->config);
  if (!box) return 1;
  std::cout << "syncing with " << kiosk::sync::describe_target(site->settings) << "\n" << std::flush;
  auto rep = kiosk::sync::run_pass(*box, site->settings);
  if (!rep) {
    std::cerr << rep.error().describe() << "\n";
    return 1;
  }
  for (const auto& r : rep->records) {
    std::cout << r.result << " " << r.instance_id << (r.test ? " (test record)" : "")
              << " attempt " << r.attempts;
    if (r.http_status) std::cout << " HTTP " << r.http_status;
    if (r.result != "sent") std::cout << ": " << r.message;
    std::cout << "\n";
  }
  const auto& run = rep->run;
  std::cout << "result: " << kiosk::sync::to_string(run.outcome) << ": " << run.message << "\n";
  std::cout << run.sent << " sent, " << run.retry << " to retry later, " << run.failed_permanent
            << " need staff\n";
  auto counts = box->counts();
  if (counts)
    std::cout << "outbox: " << counts->queued << " queued, " << counts->sending << " sending, "
              << counts->sent << " sent, " << counts->failed_permanent << " failed (need staff)\n";
  using kiosk::sync::Outcome;
  const bool clean = (run.outcome == Outcome::ok || run.outcome == Outcome::nothing_to_do) && run.retry == 0 &&
                     run.failed_permanent == 0;
  return clean ? 0 : 1;
}

const kioskctl::Registration reg({"sync", "sync",
                                  "send due records to the server now; prints what was sent and what failed",
                                  run});

}  // namespace
