#include "document/addressee.hpp"

#include <toml++/toml.h>

#include "base/paths.hpp"

namespace kiosk {

std::filesystem::path addressees_file() { return data_dir() / "assets/documents/addressees.toml"; }

Result<std::string> load_addressee(const std::filesystem::path& file, const std::string& office_id,
                                   const std::string& language) {
  if (language != "ru" && language != "kk")
    return make_error(Errc::invalid_input, "the petition language must be ru or kk",
                      "print.render_failed");
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    return make_error(std::filesystem::exists(file) ? Errc::parse : Errc::not_found,
                      "the addressee file cannot be read: " + std::string(e.description()),
                      "print.render_failed",
                      file.string() + ":" + std::to_string(e.source().begin.line));
  }
  if (const auto v = root["office"][office_id][language].value<std::string>(); v && !v->empty())
    return *v;
  if (const auto v = root["default"][language].value<std::string>(); v && !v->empty()) return *v;
  return make_error(Errc::parse, "the addressee file has no [default] " + language + " line",
                    "print.render_failed", file.string());
}

}  // namespace kiosk
