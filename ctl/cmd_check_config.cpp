// check-config [FILE]: every problem of a site config as FILE:LINE: message.
#include <iostream>

#include "command.hpp"
#include "config/config.hpp"

namespace {

int run(kioskctl::Context& ctx) {
  const std::filesystem::path file = ctx.args.empty() ? ctx.config_path : std::filesystem::path(ctx.args.front());
  kiosk::Config config;
  const auto problems = kiosk::check_config(file, config);
  for (const auto& p : problems) std::cout << p.describe() << "\n";
  if (!problems.empty()) {
    std::cout << problems.size() << (problems.size() == 1 ? " problem" : " problems")
              << " in " << file.string() << "\n";
    return 1;
  }
  std::cout << file.string() << ": good (site " << config.site.id << ", "
            << kiosk::to_string(config.site.kind) << ")\n";
  return 0;
}

const kioskctl::Registration reg({"check-config", "check-config [FILE]",
                                  "check a site config; prints FILE:LINE: message for each problem",
                                  run});

}  // namespace
