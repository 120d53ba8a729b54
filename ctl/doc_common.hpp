// Shared by the document commands (sample-petition, sample-receipt,
// blank-petition, print-test): loading config, form and locales, and
// writing a PDF out.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "command.hpp"
#include "config/config.hpp"
#include "document/pdf.hpp"
#include "form/form.hpp"
#include "locale/catalog.hpp"
#include "site/site.hpp"

namespace kioskctl {

struct DocEnv {
  std::shared_ptr<const kiosk::Site> site;
  kiosk::Config config;  // the site's, with the options below applied
  const kiosk::Form& form;
  const kiosk::Translations& tr;
};

// Loads the site (ctx.config_path, load_site) as the kiosk does; prints
// the problems and returns nothing on failure. `--petition-language ru|kk` in
// args overrides site.petition_language; `--width MM` the receipt width.
std::optional<DocEnv> load_doc_env(Context& ctx);

// Takes "--lang CODE" (required, one of the five); prints a usage line and
// returns nothing when missing or unknown.
std::optional<std::string> take_language(std::vector<std::string>& args, const std::string& usage);

// Writes `pdf` to `out` (mode 0644: samples hold no personal data). Returns
// the exit code.
int write_pdf_file(const kiosk::Pdf& pdf, const std::filesystem::path& out, double ms);

}  // namespace kioskctl
