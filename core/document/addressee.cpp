#include "document/addressee.hpp"

#include "locale/language.hpp"

#include <toml++/toml.h>

#include "base/paths.hpp"

namespace kiosk {

std::filesystem::path addressees_file() { return data_dir() / "assets/documents/addressees.toml"; }

Result<std::string> load_addressee(const std::filesystem::path& file, const std::string& office_id,
                                   const std::string& language) {
  if (const Language* l = find_language(language); !l || !l->petition)
    return make_error(Errc::invalid_input, "\"" + language + "\" is not a language a petition may be written in",
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
  return make_error(Errc::not_found,
                    "the addressee file has no " + language + " line for [office." + office_id + "]",
                    "print.render_failed", file.string());
}

std::vector<std::string> check_addressees(const std::filesystem::path& file, const Content& content,
                                          const SiteConfig& site) {
  std::vector<std::string> out;
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    out.push_back(file.string() + ":" + std::to_string(e.source().begin.line) +
                  ": the addressee file cannot be read: " + std::string(e.description()));
    return out;
  }
  const auto* offices = root["office"].as_table();
  auto has = [&](const std::string& id) {
    for (const Language& l : languages()) {
      if (!l.petition) continue;
      const auto v = root["office"][id][l.code].value<std::string>();
      if (!v || v->empty()) return false;
    }
    return true;
  };
  // Every addressee names a place, and every office or border post has one.
  if (offices)
    for (const auto& [k, v] : *offices) {
      const Place* p = content.find_place(k.str());
      if (!p || (p->kind != "desp" && p->kind != "border"))
        out.push_back(file.string() + ":" + std::to_string(v.source().begin.line) + ": [office." +
                      std::string(k.str()) + "] is not a desp or border place of assets/content/offices.toml");
    }
  for (const auto& p : content.places)
    if ((p.kind == "desp" || p.kind == "border") && !has(p.id))
      out.push_back(file.string() + ": no addressee (ru and kk) for " + p.kind + " place \"" + p.id +
                    "\" (" + p.where + ")");
  if (!site.office.empty() && !has(site.office))
    out.push_back("site.office \"" + site.office + "\" has no addressee (ru and kk) in " + file.string());
  if (site.kind != SiteKind::desp_office) {
    const Place* post = site.checkpoint.empty() ? nullptr : content.find_place(site.checkpoint);
    if (site.checkpoint.empty())
      out.push_back("site.checkpoint is needed at an airport or land border: the \"border\" place of "
                    "assets/content/offices.toml that the petition is addressed to");
    else if (!post || post->kind != "border")
      out.push_back("site.checkpoint \"" + site.checkpoint +
                    "\" is not a \"border\" place of assets/content/offices.toml");
    else if (!has(site.checkpoint))
      out.push_back("site.checkpoint \"" + site.checkpoint + "\" has no addressee (ru and kk) in " +
                    file.string());
  }
  return out;
}

}  // namespace kiosk
