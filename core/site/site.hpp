// The site: everything a kiosk loads before its first screen, in one const
// object. The kiosk, every asylum-kioskctl command and check-config load it
// the same way (load_site), so check-config reports, as FILE:LINE: message,
// every problem the kiosk would meet before it meets it, and nothing is read
// from disk later while a screen is drawn.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "content/content.hpp"
#include "form/form.hpp"
#include "input/keyboard.hpp"
#include "locale/catalog.hpp"
#include "seal/seal.hpp"

namespace kiosk {

struct Site {
  Config config;                 // the site config (kiosk.toml)
  std::filesystem::path data;    // the directory holding assets/ and locales/
  Translations tr;               // locales/*.json
  Form form;                     // assets/form/petition.toml
  Content content;               // assets/content/*.toml
  // assets/keyboards/<id>.toml, every layout in the directory by id.
  std::map<std::string, KeyboardLayout, std::less<>> keyboards;
  std::filesystem::path fonts_file;  // assets/fonts.toml, checked: every font opens
  std::filesystem::path addressees_file;  // assets/documents/addressees.toml
  std::string addressee;         // the petition's addressee line for this office
  std::optional<seal::OfficeKey> office_key;  // sync.public_key_file

  // The layout `id` (a name keyboards_for() gives), or null.
  [[nodiscard]] const KeyboardLayout* keyboard(std::string_view id) const;
};

// What a caller needs: the whole site (kiosk, check-config, papers), or only
// the config and the office key (commands that move records: queue, sync,
// export, import, purge still work when, say, a locale file is broken).
enum class SiteParts { everything, records };

struct SiteLoad {
  std::shared_ptr<const Site> site;     // null when there is any problem
  std::vector<ConfigProblem> problems;  // every problem, FILE:LINE: message
};

// Loads `config_file` and the data under `data` (default: data_dir()).
// Problems in the config come first (by line), then those of the other
// files; a problem with a file the config names (the office key) is given
// at the config's line that names it.
SiteLoad load_site(const std::filesystem::path& config_file, SiteParts parts = SiteParts::everything);
SiteLoad load_site(const std::filesystem::path& config_file, const std::filesystem::path& data,
                   SiteParts parts = SiteParts::everything);

// The first problem as an Error (for callers that stop at one), where =
// "FILE:LINE".
Error site_error(const SiteLoad& load);

}  // namespace kiosk
