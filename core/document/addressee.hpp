// The petition's addressee line ("Руководителю Управления занятости и
// социальных программ города Алматы"): data in
// assets/documents/addressees.toml, keyed by office id, never in code.
#pragma once

#include <filesystem>
#include <string>

#include "base/result.hpp"

namespace kiosk {

// The addressee line for `office_id` in `language` ("ru" or "kk") from
// `file`; the file's [default] entry when the office is not listed. Fails
// (Errc::not_found / parse, user_key "print.render_failed") when the file is
// missing or malformed, or the language is neither ru nor kk.
Result<std::string> load_addressee(const std::filesystem::path& file, const std::string& office_id,
                                   const std::string& language);

// data_dir()/"assets/documents/addressees.toml".
std::filesystem::path addressees_file();

}  // namespace kiosk
