// check-config [FILE]: every problem the kiosk would meet with this site
// config, as FILE:LINE: message: the config itself, and every file the
// kiosk loads with it (locales, petition form, content and the office,
// keyboards, fonts, addressees, the office key, the staff PIN hash), plus
// the fonts of the printed papers.
#include <iostream>

#include "command.hpp"
#include "document/documents.hpp"
#include "site/site.hpp"

namespace {

int run(kioskctl::Context& ctx) {
  const std::filesystem::path file =
      ctx.args.empty() ? ctx.config_path : std::filesystem::path(ctx.args.front());
  const auto load = kiosk::load_site(file);
  auto problems = load.problems;
  // The papers' fonts come through fontconfig when a paper is made.
  for (const auto& why : kiosk::missing_document_fonts())
    problems.push_back({"fontconfig", 0, why});
  for (const auto& p : problems) std::cout << p.describe() << "\n";
  if (!problems.empty()) {
    std::cout << problems.size() << (problems.size() == 1 ? " problem" : " problems")
              << " in " << file.string() << " and the files it uses\n";
    return 1;
  }
  std::cout << file.string() << ": good (site " << load.site->config.site.id << ", "
            << kiosk::to_string(load.site->config.site.kind) << ")\n";
  return 0;
}

const kioskctl::Registration reg({"check-config", "check-config [FILE]",
                                  "check a site config and every file the kiosk loads; prints FILE:LINE: message for each problem",
                                  run});

}  // namespace
