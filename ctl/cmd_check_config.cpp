// check-config [FILE]: every problem the kiosk would meet with this site
// config, as FILE:LINE: message: the config itself, and every file the
// kiosk loads with it (locales, petition form, content and the office,
// keyboards, fonts, addressees, the office key, the staff PIN hash), plus
// the fonts of the printed papers.
#include <iostream>

#include "command.hpp"
#include "config/config.hpp"
#include "content/content.hpp"
#include "document/addressee.hpp"
#include "base/paths.hpp"
#include "document/documents.hpp"
#include "site/site.hpp"
#include "locale/transliterate.hpp"
#include "staff/pin.hpp"
#include "staff/secrets.hpp"
#include "form/form.hpp"
#include "text/fonts.hpp"

namespace {

int run(kioskctl::Context& ctx) {
  const std::filesystem::path file =
      ctx.args.empty() ? ctx.config_path : std::filesystem::path(ctx.args.front());
  const auto load = kiosk::load_site(file);
  auto problems = load.problems;
  // The config as read (also when the site as a whole does not load), for
  // the checks below; its own problems are already in `problems`.
  kiosk::Config config;
  (void)kiosk::check_config(file, config);
  if (!config.site.office.empty())
    if (auto content = kiosk::load_content(kiosk::data_dir() / "assets/content"))
      // Every office and border post has an addressee; a border site names its post.
      for (const auto& why : kiosk::check_addressees(kiosk::addressees_file(), *content, config.site))
        problems.push_back({file.string(), config.site.office_line, why});
  // Staff PIN strength and the demo's secrets outside a demo (issue 18).
  if (!config.staff.pin_hash.empty())
    if (auto why = kiosk::pin_hash_problem(config.staff.pin_hash); !why.empty())
      problems.push_back({file.string(), 0, why});
  for (const auto& why : kiosk::demo_secret_problems(config)) problems.push_back({file.string(), 0, why});
  // The papers' fonts come through fontconfig when a paper is made.
  for (const auto& why : kiosk::missing_document_fonts())
    problems.push_back({"fontconfig", 0, why});
  for (const auto& w : kiosk::config_warnings(config)) std::cout << "warning: " << w << "\n";
  for (const auto& p : problems) std::cout << p.describe() << "\n";
  if (!problems.empty()) {
    std::cout << problems.size() << (problems.size() == 1 ? " problem" : " problems")
              << " in " << file.string() << " and the files it uses\n";
    return 1;
  }
  std::cout << file.string() << ": good (site " << config.site.id << ", "
            << kiosk::to_string(config.site.kind) << ")\n";
  return 0;
}

const kioskctl::Registration reg({"check-config", "check-config [FILE]",
                                  "check a site config and every file the kiosk loads; prints FILE:LINE: message for each problem",
                                  run});

}  // namespace
