// check-config [FILE]: every problem of a site config as FILE:LINE: message,
// including an office id that the content does not know and fonts that are
// not installed.
#include <iostream>

#include "base/paths.hpp"
#include "command.hpp"
#include "config/config.hpp"
#include "content/content.hpp"
#include "document/addressee.hpp"
#include "document/documents.hpp"
#include "locale/transliterate.hpp"
#include "staff/pin.hpp"
#include "staff/secrets.hpp"
#include "form/form.hpp"
#include "text/fonts.hpp"

namespace {

int run(kioskctl::Context& ctx) {
  const std::filesystem::path file =
      ctx.args.empty() ? ctx.config_path : std::filesystem::path(ctx.args.front());
  kiosk::Config config;
  auto problems = kiosk::check_config(file, config);
  if (!config.site.office.empty()) {
    auto content = kiosk::load_content(kiosk::data_dir() / "assets/content");
    if (!content) {
      problems.push_back({content.error().where, 0, content.error().message});
    } else {
      for (const auto& why : kiosk::check_site_office(*content, config.site.office))
        problems.push_back({file.string(), config.site.office_line, why});
      // Every office and border post has an addressee; a border site names its post.
      for (const auto& why : kiosk::check_addressees(kiosk::addressees_file(), *content, config.site))
        problems.push_back({file.string(), config.site.office_line, why});
    }
  }
  // Staff PIN strength and the demo's secrets outside a demo (issue 18).
  if (!config.staff.pin_hash.empty())
    if (auto why = kiosk::pin_hash_problem(config.staff.pin_hash); !why.empty())
      problems.push_back({file.string(), 0, why});
  for (const auto& why : kiosk::demo_secret_problems(config)) problems.push_back({file.string(), 0, why});
  // The fonts the screen and the papers are drawn with (installed files, not
  // part of the site config, but a kiosk without them cannot start or print).
  if (auto fonts = kiosk::text::FontSet::load_default(); !fonts)
    problems.push_back({fonts.error().where, 0, fonts.error().message});
  for (const auto& why : kiosk::missing_document_fonts())
    problems.push_back({"fontconfig", 0, why});
  // The rules and the name list that make the Cyrillic names.
  if (auto translit = kiosk::load_translit(kiosk::data_dir() / "assets/translit"); !translit)
    problems.push_back({translit.error().where, 0, translit.error().message});
  // One form id for real and test records: the form's (petition.toml).
  if (!config.sync.form_id.empty())
    if (auto form = kiosk::load_form(kiosk::data_dir() / "assets/form/petition.toml");
        form && form->id != config.sync.form_id)
      problems.push_back({file.string(), 0, "sync.form_id \"" + config.sync.form_id +
                                                 "\" is not the form's id \"" + form->id +
                                                 "\" (assets/form/petition.toml); use \"" + form->id + "\""});
  for (const auto& w : kiosk::config_warnings(config)) std::cout << "warning: " << w << "\n";
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
