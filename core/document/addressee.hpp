// The petition's addressee line ("Руководителю Управления занятости и
// социальных программ города Алматы"): data in
// assets/documents/addressees.toml, keyed by office id, never in code.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "config/config.hpp"
#include "content/content.hpp"

namespace kiosk {

// The addressee line for `office_id` (a desp or border place id) in
// `language` ("ru" or "kk") from `file`. Fails (Errc::not_found / parse,
// user_key "print.render_failed") when the file is missing or malformed, the
// office has no line (there is no default), or the language is neither ru nor kk.
Result<std::string> load_addressee(const std::filesystem::path& file, const std::string& office_id,
                                   const std::string& language);

// Problems for check-config, as sentences for the IT person (empty = good):
// an addressee that names no desp/border place, a desp or border place
// without one, site.office without one, and at an airport or land border a
// missing or unknown site.checkpoint.
std::vector<std::string> check_addressees(const std::filesystem::path& file, const Content& content,
                                          const SiteConfig& site);

// data_dir()/"assets/documents/addressees.toml".
std::filesystem::path addressees_file();

}  // namespace kiosk
