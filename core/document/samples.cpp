#include "document/samples.hpp"

#include <unicode/datefmt.h>
#include <unicode/timezone.h>

#include <ctime>
#include <memory>
#include <toml++/toml.h>

#include "base/date.hpp"
#include "base/paths.hpp"
#include "locale/calendar.hpp"
#include "locale/language.hpp"

namespace kiosk {

namespace fs = std::filesystem;
using namespace std::chrono;

fs::path samples_file() { return data_dir() / "assets/documents/samples.toml"; }

std::string long_date(year_month_day d, const std::string& language) {
  const Language* l = find_language(language);
  return l ? kiosk::long_date(d, *l, false) : to_iso(from_ymd(d));  // locale/calendar.hpp
}

Result<Sample> load_sample(const fs::path& file, const std::string& language, year_month_day today) {
  if (!find_language(language))
    return make_error(Errc::invalid_input, "unknown language \"" + language + "\"");
  toml::table root;
  try {
    root = toml::parse_file(file.string());
  } catch (const toml::parse_error& e) {
    return make_error(Errc::parse, "the samples file cannot be read: " + std::string(e.description()),
                      {}, file.string() + ":" + std::to_string(e.source().begin.line));
  }
  const auto* lang = root[language].as_table();
  if (!lang) return make_error(Errc::not_found, "no sample for " + language, {}, file.string());
  Sample s;
  auto strings = [](const toml::node_view<const toml::node>& t, std::map<std::string, std::string>& out) {
    if (const auto* tab = t.as_table())
      for (const auto& [k, v] : *tab)
        if (const auto str = v.value<std::string>()) out[std::string(k.str())] = *str;
  };
  const toml::node_view<const toml::node> L{lang};
  strings(L["values"], s.answers.values);
  strings(L["cyrillic"], s.answers.cyrillic);
  if (const auto* fam = L["family"].as_array()) {
    auto& items = s.answers.groups["family"];
    for (const auto& node : *fam) {
      const auto* t = node.as_table();
      if (!t) continue;
      GroupItem item;
      for (const auto& [k, v] : *t) {
        const auto str = v.value<std::string>();
        if (!str) continue;
        if (k.str() == "cyrillic") item.cyrillic["name"] = *str;
        else item.values[std::string(k.str())] = *str;
      }
      items.push_back(std::move(item));
    }
  }
  const auto R = L["receipt"];
  s.receipt.office_name = R["office_name"].value_or(std::string());
  s.receipt.office_address = R["office_address"].value_or(std::string());
  s.receipt.office_name_ru = root["receipt_ru"]["office_name"].value_or(std::string());
  s.receipt.office_address_ru = root["receipt_ru"]["office_address"].value_or(std::string());
  if (const auto* steps = R["next_steps"].as_array())
    for (const auto& n : *steps)
      if (const auto str = n.value<std::string>()) s.receipt.next_steps.push_back(*str);
  const auto* names = R["help"].as_array();
  if (const auto* help = root["receipt_ru"]["help"].as_array()) {
    for (size_t i = 0; i < help->size(); ++i) {
      const auto* h = (*help)[i].as_table();
      if (!h) continue;
      HelpContact c;
      c.name_ru = (*h)["name"].value_or(std::string());
      c.name = names && i < names->size() ? (*names)[i].value_or(c.name_ru) : c.name_ru;
      if (const auto* phones = (*h)["phones"].as_array())
        for (const auto& p : *phones)
          if (const auto str = p.value<std::string>()) c.phones.push_back(*str);
      s.receipt.help.push_back(std::move(c));
    }
  }
  const year_month_day deadline{sys_days(today) + days{5}};
  s.receipt.deadline = long_date(deadline, language);
  s.receipt.deadline_ru = long_date(deadline, "ru");
  return s;
}

}  // namespace kiosk
