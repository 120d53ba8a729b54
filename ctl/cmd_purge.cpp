// purge [--days N]: delete records the server acknowledged more than N days
// ago (default outbox.retention_days). Never touches unacknowledged records.
#include <iostream>

#include "command.hpp"
#include "outbox_support.hpp"

namespace {

int run(kioskctl::Context& ctx) {
  auto config = kioskctl::load_site_config(ctx);
  if (!config) return 1;
  const std::string days_s =
      kioskctl::take_option(ctx.args, "--days", std::to_string(config->outbox.retention_days));
  int days = -1;
  try {
    days = std::stoi(days_s);
  } catch (...) {
  }
  if (days < 0) {
    std::cerr << "--days needs a whole number of days (0 or more)\n";
    return 2;
  }
  auto box = kioskctl::open_outbox(*config);
  if (!box) return 1;
  auto n = box->purge(kiosk::outbox::now_ms(), days);
  if (!n) {
    std::cerr << n.error().describe() << "\n";
    return 1;
  }
  std::cout << *n << " acknowledged records older than " << days << " days purged\n";
  return 0;
}

const kioskctl::Registration reg({"purge", "purge [--days N]",
                                  "delete records the server acknowledged over N days ago (retention)",
                                  run});

}  // namespace
