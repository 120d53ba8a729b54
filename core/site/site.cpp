#include "site/site.hpp"

#include "locale/transliterate.hpp"

#include <algorithm>
#include <set>

#include "base/paths.hpp"
#include "document/addressee.hpp"
#include "locale/language.hpp"
#include "text/fonts.hpp"

namespace kiosk {

namespace fs = std::filesystem;

const KeyboardLayout* Site::keyboard(std::string_view id) const {
  const auto it = keyboards.find(id);
  return it == keyboards.end() ? nullptr : &it->second;
}

namespace {

// An Error's "FILE:LINE" (or "FILE") as a problem; `fallback` when the
// error names no file.
ConfigProblem problem_of(const Error& e, const std::string& fallback) {
  ConfigProblem p;
  p.message = e.message;
  std::string where = e.where.empty() ? fallback : e.where;
  const auto colon = where.rfind(':');
  if (colon != std::string::npos && colon + 1 < where.size() &&
      std::all_of(where.begin() + static_cast<std::ptrdiff_t>(colon) + 1, where.end(),
                  [](char c) { return c >= '0' && c <= '9'; })) {
    p.line = std::stoi(where.substr(colon + 1));
    where.resize(colon);
  }
  p.file = where;
  return p;
}

}  // namespace

SiteLoad load_site(const fs::path& config_file, SiteParts parts) {
  return load_site(config_file, data_dir(), parts);
}

SiteLoad load_site(const fs::path& config_file, const fs::path& data, SiteParts parts) {
  SiteLoad out;
  auto site = std::make_shared<Site>();
  site->data = data;
  auto& problems = out.problems;
  problems = check_config(config_file, site->config);
  const Config& config = site->config;
  const std::string config_name = config_file.string();
  // A problem about what a config key names, at that key's line.
  auto at_key = [&](const std::string& dotted, const std::string& message) {
    problems.push_back({config_name, config.line_of(dotted), message});
  };
  // Whether check_config already found a problem at `dotted`'s line.
  auto said = [&](const std::string& dotted) {
    const int line = config.line_of(dotted);
    return line == 0 || std::any_of(problems.begin(), problems.end(),
                                    [&](const ConfigProblem& p) { return p.line == line; });
  };

  // The office key: sealing records needs it (check_config has already said
  // why, when the file is missing or not a key).
  if (!said("sync.public_key_file")) {
    if (auto key = seal::OfficeKey::load_pem_file(config.sync.public_key_file))
      site->office_key = std::move(key).value();
    else
      at_key("sync.public_key_file", "sync.public_key_file: " + key.error().message);
  }

  if (parts == SiteParts::everything) {
    // The language table comes first: the locales, keyboards and voices
    // follow from it.
    if (const auto& lp = languages_problem(); !lp)
      problems.push_back(problem_of(lp.error(), (data / "assets/languages.toml").string()));
    if (auto tr = Translations::load(data / "locales")) site->tr = std::move(tr).value();
    else problems.push_back(problem_of(tr.error(), (data / "locales").string()));

    const fs::path form_file = data / "assets/form/petition.toml";
    if (auto form = load_form(form_file)) {
      site->form = std::move(form).value();
      // One form id for real and test records: the form's.
      if (!config.sync.form_id.empty() && site->form.id != config.sync.form_id)
        at_key("sync.form_id", "sync.form_id \"" + config.sync.form_id + "\" is not the form's id \"" +
                                   site->form.id + "\" (assets/form/petition.toml); use \"" + site->form.id + "\"");
    } else {
      problems.push_back(problem_of(form.error(), form_file.string()));
    }
    // The rules and the name list that make the Cyrillic names.
    if (auto translit = load_translit(data / "assets/translit"); !translit)
      problems.push_back({translit.error().where, 0, translit.error().message});

    const fs::path content_dir = data / "assets/content";
    if (auto content = load_content(content_dir)) {
      site->content = std::move(content).value();
      if (!config.site.office.empty())
        for (const auto& why : check_site_office(site->content, config.site.office))
          problems.push_back({config_name, config.site.office_line, why});
    } else {
      problems.push_back(problem_of(content.error(), content_dir.string()));
    }

    // Every layout file, so a broken one is found now and not at the first
    // typed answer; then every layout a configured language shows.
    const fs::path keyboard_dir = data / "assets/keyboards";
    std::error_code ec;
    std::set<fs::path> files;
    for (const auto& entry : fs::directory_iterator(keyboard_dir, ec))
      if (entry.path().extension() == ".toml") files.insert(entry.path());
    if (ec) problems.push_back({keyboard_dir.string(), 0, "the keyboard directory cannot be read"});
    for (const auto& file : files) {
      if (auto k = load_keyboard(file)) site->keyboards.emplace(k->id, std::move(k).value());
      else problems.push_back(problem_of(k.error(), file.string()));
    }
    std::vector<std::string> wanted;
    for (const auto& lang : config.kiosk.languages)
      for (const auto& id : keyboards_for(lang)) wanted.push_back(id);
    wanted.push_back(config.site.petition_language);  // the Cyrillic copy of a Latin name
    for (const auto& id : wanted) {
      const fs::path file = keyboard_dir / (id + ".toml");
      if (!site->keyboard(id) && !files.count(file)) {
        problems.push_back({file.string(), 0, "the keyboard \"" + id + "\" is missing"});
        files.insert(file);  // once
      }
    }

    site->fonts_file = data / "assets/fonts.toml";
    if (auto fonts = text::FontSet::load(site->fonts_file); !fonts)
      problems.push_back(problem_of(fonts.error(), site->fonts_file.string()));

    site->addressees_file = data / "assets/documents/addressees.toml";
    const Language* petition = find_language(config.site.petition_language);
    if (!config.site.office.empty() && petition && petition->petition) {
      if (auto a = load_addressee(site->addressees_file, config.site.office, config.site.petition_language))
        site->addressee = std::move(a).value();
      else
        problems.push_back(problem_of(a.error(), site->addressees_file.string()));
    }
  }

  if (problems.empty()) out.site = std::move(site);
  return out;
}

Error site_error(const SiteLoad& load) {
  if (load.problems.empty()) return make_error(Errc::internal, "the site has no problem");
  const auto& p = load.problems.front();
  return make_error(Errc::parse, p.message, "error.config",
                    p.line > 0 ? p.file + ":" + std::to_string(p.line) : p.file);
}

}  // namespace kiosk
