#include "document/samples.hpp"

#include <memory>
#include <toml++/toml.h>

#include "base/date.hpp"
#include "base/paths.hpp"
#include "locale/language.hpp"
#include "locale/transliterate.hpp"

namespace kiosk {

namespace fs = std::filesystem;
using namespace std::chrono;

fs::path samples_file() { return data_dir() / "assets/documents/samples.toml"; }

namespace {

Result<toml::table> parse(const fs::path& file) {
  try {
    return toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    return make_error(std::filesystem::exists(file) ? Errc::parse : Errc::not_found,
                      "the file cannot be read: " + std::string(e.description()), {},
                      file.string() + ":" + std::to_string(e.source().begin.line));
  }
}

std::string line_of(const fs::path& file, const toml::node* n) {
  std::string out = file.string();
  if (n) {
    out += ':';
    out += std::to_string(n->source().begin.line);
  }
  return out;
}

// Reads one session's tables from `t`, checking each answer like the
// interview checks what a person typed.
Result<Sample> read_session(const toml::table& t, const fs::path& file, const Form& form,
                            const std::string& language, year_month_day today) {
  if (!find_language(language))
    return make_error(Errc::invalid_input, "unknown language \"" + language + "\" (one of kk ru en fa-AF uk)",
                      {}, file.string());
  Sample s;
  s.lang = language;
  const auto bad = [&](const toml::node* n, const std::string& why) {
    return make_error(Errc::invalid_input, why, {}, line_of(file, n));
  };
  const auto* sit = t["situation"].as_table();
  if (!sit) return bad(&t, "no [situation] table (where, entry, arrival)");
  const std::string where = (*sit)["where"].value_or(std::string());
  const std::string entry = (*sit)["entry"].value_or(std::string());
  s.situation.where = where_from(where);
  s.situation.entry = entry_from(entry);
  s.situation.arrival = (*sit)["arrival"].value_or(std::string());
  s.situation.realised = (*sit)["realised"].value_or(false);
  if (s.situation.where == Where::none)
    return bad(sit, "situation.where must be inside, airport, airport_transit or land_border");
  if (s.situation.entry == Entry::none)
    return bad(sit, "situation.entry must be checkpoint, not_checkpoint or unsure");
  Field arrival{};
  arrival.id = "arrival";
  arrival.kind = FieldKind::date;
  arrival.required = true;
  if (validate(arrival, s.situation.arrival, today))
    return bad(sit, "situation.arrival must be a date YYYY-MM-DD, not after today (" + to_iso(today) + ")");
  auto check = [&](const Field* f, const std::string& id, const std::string& value,
                   const toml::node& n) -> std::optional<Error> {
    if (!f) return bad(&n, "no field \"" + id + "\" in the petition form");
    if (f->kind == FieldKind::group) return bad(&n, "\"" + id + "\" is a group: use [[" + id + "]]");
    if (auto p = validate(*f, value, today))
      return bad(&n, "the answer to \"" + id + "\" is not accepted (" + p->key + ")");
    return std::nullopt;
  };
  if (const auto* values = t["values"].as_table()) {
    for (const auto& [k, v] : *values) {
      const std::string id(k.str());
      const auto str = v.value<std::string>();
      if (!str) return bad(&v, "the answer to \"" + id + "\" must be a text in quotes");
      if (auto e = check(form.find(id), id, *str, v)) return *e;
      s.answers.values[id] = *str;
    }
  }
  if (const auto* cyr = t["cyrillic"].as_table())
    for (const auto& [k, v] : *cyr)
      if (const auto str = v.value<std::string>()) s.answers.cyrillic[std::string(k.str())] = *str;
  for (const auto& g : form.fields) {
    if (g.kind != FieldKind::group) continue;
    const auto* items = t[g.id].as_array();
    if (!items) continue;
    auto& out = s.answers.groups[g.id];
    for (const auto& node : *items) {
      const auto* it = node.as_table();
      if (!it) return bad(&node, "[[" + g.id + "]] must be tables");
      GroupItem item;
      for (const auto& [k, v] : *it) {
        const std::string id(k.str());
        const auto str = v.value<std::string>();
        if (!str) return bad(&v, "the answer to \"" + id + "\" must be a text in quotes");
        if (id == "cyrillic") {
          item.cyrillic["name"] = *str;
          continue;
        }
        const Field* sub = nullptr;
        for (const auto& f : g.fields)
          if (f.id == id) sub = &f;
        if (auto e = check(sub, g.id + "." + id, *str, v)) return *e;
        item.values[id] = *str;
      }
      out.push_back(std::move(item));
    }
  }
  // Names as the interview stores them: a Cyrillic answer is its own
  // Cyrillic form; any other gets the given form, else the proposal the
  // person would accept.
  auto cyrillic_of = [](const Field& f, const std::map<std::string, std::string>& values,
                        std::map<std::string, std::string>& cyrillic) {
    if (!f.transliterate) return;
    const auto v = values.find(f.id);
    if (v == values.end() || v->second.empty()) return;
    if (is_cyrillic(v->second)) cyrillic[f.id] = v->second;
    else if (cyrillic[f.id].empty()) cyrillic[f.id] = to_cyrillic(v->second);
  };
  for (const auto& f : form.fields) {
    cyrillic_of(f, s.answers.values, s.answers.cyrillic);
    if (f.kind != FieldKind::group) continue;
    for (auto& item : s.answers.groups[f.id])
      for (const auto& sub : f.fields) cyrillic_of(sub, item.values, item.cyrillic);
  }
  for (auto it = s.answers.groups.begin(); it != s.answers.groups.end();)
    it = it->second.empty() ? s.answers.groups.erase(it) : std::next(it);
  for (const auto& f : form.fields)
    if (f.required && f.kind != FieldKind::group && is_visible(f, s.answers) &&
        s.answers.get(f.id).empty())
      return bad(&t, "the required answer \"" + f.id + "\" is missing");
  return s;
}

}  // namespace

Result<Sample> load_sample(const fs::path& file, const Form& form, const std::string& language,
                           year_month_day today) {
  if (!find_language(language))
    return make_error(Errc::invalid_input, "unknown language \"" + language + "\"");
  auto root = parse(file);
  if (!root) return root.error();
  const auto* lang = (*root)[language].as_table();
  if (!lang) return make_error(Errc::not_found, "no sample for " + language, {}, file.string());
  return read_session(*lang, file, form, language, today);
}

Result<Sample> load_answers_file(const fs::path& file, const Form& form, year_month_day today) {
  auto root = parse(file);
  if (!root) return root.error();
  const std::string lang = (*root)["lang"].value_or(std::string());
  if (lang.empty())
    return make_error(Errc::invalid_input, "missing lang = \"..\" (one of kk ru en fa-AF uk)", {},
                      file.string());
  return read_session(*root, file, form, lang, today);
}

}  // namespace kiosk
