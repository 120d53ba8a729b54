// Form definition loading and answer validation. Sections:
//   [1] small helpers   [2] loading   [3] answers and validation
#include "form/form.hpp"

#include "base/utf8.hpp"

#include "base/date.hpp"
#include "locale/transliterate.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>
#include <sstream>
#include <toml++/toml.h>
#include <unicode/uchar.h>

namespace kiosk {

namespace fs = std::filesystem;

// [SECTION] 1. helpers -------------------------------------------------------

const char* to_string(FieldKind kind) {
  switch (kind) {
    case FieldKind::name: return "name";
    case FieldKind::text: return "text";
    case FieldKind::long_text: return "long_text";
    case FieldKind::date: return "date";
    case FieldKind::choice: return "choice";
    case FieldKind::multi_choice: return "multi_choice";
    case FieldKind::phone: return "phone";
    case FieldKind::group: return "group";
  }
  return "text";
}

namespace {

std::optional<FieldKind> kind_from(const std::string& s) {
  for (auto k : {FieldKind::name, FieldKind::text, FieldKind::long_text, FieldKind::date,
                 FieldKind::choice, FieldKind::multi_choice, FieldKind::phone, FieldKind::group})
    if (s == to_string(k)) return k;
  return std::nullopt;
}

// Field ids become XML element names and locale key parts.
bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 40 || !(id[0] >= 'a' && id[0] <= 'z')) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}


// [SECTION] 2. loading ---------------------------------------------------------

struct Loader {
  std::string file;
  std::string where(const toml::node& n) const {
    return file + ":" + std::to_string(n.source().begin.line);
  }
  Error bad(const toml::node& n, const std::string& msg) const {
    return make_error(Errc::parse, msg, "error.content", where(n));
  }

  Result<Field> field(const toml::table& t, bool in_group) const {
    static const std::set<std::string> known = {"id", "kind", "required", "max_length",
                                                "transliterate", "options", "show_if",
                                                "section", "max_items", "field",
                                                "latin", "script", "partial"};
    for (const auto& [k, v] : t)
      if (!known.count(std::string(k.str())))
        return bad(v, "unknown field setting \"" + std::string(k.str()) + "\"");
    Field f;
    const auto id = t["id"].value<std::string>();
    if (!id || !valid_id(*id))
      return bad(t, "a field needs an id of lowercase letters, digits and _ (starting with a letter)");
    f.id = *id;
    const auto kind = t["kind"].value<std::string>();
    const auto k = kind ? kind_from(*kind) : std::nullopt;
    if (!k)
      return bad(t, "field \"" + f.id +
                        "\" needs kind = name, text, long_text, date, choice, multi_choice, "
                        "phone or group");
    f.kind = *k;
    f.required = t["required"].value_or(false);
    f.transliterate = t["transliterate"].value_or(false);
    f.partial_date = t["partial"].value_or(false);
    if (f.partial_date && f.kind != FieldKind::date)
      return bad(t, "field \"" + f.id + "\" has partial = true, which only a date can have");
    f.section = t["section"].value_or(std::string());
    f.latin = t["latin"].value_or(std::string());
    if (const toml::node* n = t.get("script")) {
      if (n->value<std::string>() != "latin") return bad(*n, "script can only be \"latin\"");
      f.latin_script = true;
    }
    if (const toml::node* n = t.get("max_length")) {
      // Checked as an integer first: toml++ would convert a float itself
      // (undefined behaviour for 1e19), and a cast to int would wrap.
      const auto v = n->as_integer() ? std::optional<int64_t>(n->as_integer()->get()) : std::nullopt;
      if (!v || *v < 1 || *v > 10000) return bad(*n, "max_length must be a whole number from 1 to 10000");
      f.max_length = static_cast<int>(*v);
    }
    if (const auto* opts = t["options"].as_array()) {
      for (const auto& o : *opts) {
        const auto v = o.value<std::string>();
        if (!v || !valid_id(*v)) return bad(o, "options must be short ids like \"female\"");
        f.options.push_back(*v);
      }
    }
    if ((f.kind == FieldKind::choice || f.kind == FieldKind::multi_choice) && f.options.size() < 2)
      return bad(t, "field \"" + f.id + "\" is a choice and needs at least two options");
    if (const auto* s = t["show_if"].as_table()) {
      const auto fld = (*s)["field"].value<std::string>();
      const auto eq = (*s)["equals"].value<std::string>();
      if (!fld || !eq) return bad(*s, "show_if needs field = \"...\" and equals = \"...\"");
      if (in_group) return bad(*s, "show_if is not supported inside a group");
      f.show_if = ShowIf{*fld, *eq};
    }
    if (f.kind == FieldKind::group) {
      if (in_group) return bad(t, "a group cannot hold another group");
      f.max_items = 10;
      if (const toml::node* n = t.get("max_items")) {
        const auto v = n->as_integer() ? std::optional<int64_t>(n->as_integer()->get()) : std::nullopt;
        if (!v || *v < 1 || *v > 50) return bad(*n, "max_items must be a whole number from 1 to 50");
        f.max_items = static_cast<int>(*v);
      }
      const auto* subs = t["field"].as_array();
      if (!subs || subs->empty()) return bad(t, "group \"" + f.id + "\" needs [[field.field]] entries");
      for (const auto& sub : *subs) {
        const auto* st = sub.as_table();
        if (!st) return bad(sub, "a group's field must be a table");
        auto r = field(*st, true);
        if (!r) return r.error();
        f.fields.push_back(std::move(r).value());
      }
    }
    return f;
  }
};

}  // namespace

const Field* Form::find(const std::string& field_id) const {
  for (const auto& f : fields)
    if (f.id == field_id) return &f;
  return nullptr;
}

Result<Form> load_form(const fs::path& path) {
  Loader L{path.string()};
  toml::table root;
  try {
    root = toml::parse_file(path.string());
  } catch (const toml::parse_error& e) {
    if (!fs::exists(path)) return make_error(Errc::not_found, "the form definition is missing", "error.content", path.string());
    return make_error(Errc::parse, "not valid TOML: " + std::string(e.description()), "error.content",
                      L.file + ":" + std::to_string(e.source().begin.line));
  }
  Form form;
  for (const char* key : {"id", "version", "as_of", "source"}) {
    const auto v = root[key].value<std::string>();
    if (!v || v->empty())
      return make_error(Errc::parse, std::string("the form needs ") + key + " = \"...\"", "error.content",
                        L.file);
    if (std::string(key) == "id") form.id = *v;
    else if (std::string(key) == "version") form.version = *v;
    else if (std::string(key) == "as_of") form.as_of = *v;
    else form.source = *v;
  }
  if (!valid_id(form.id))
    return make_error(Errc::parse, "the form id must be lowercase letters, digits and _", "error.content", L.file);
  const auto* fields = root["field"].as_array();
  if (!fields || fields->empty())
    return make_error(Errc::parse, "the form has no [[field]] entries", "error.content", L.file);
  std::set<std::string> seen;
  for (const auto& node : *fields) {
    const auto* t = node.as_table();
    if (!t) return L.bad(node, "[[field]] must be a table");
    auto f = L.field(*t, false);
    if (!f) return f.error();
    if (!seen.insert(f->id).second) return L.bad(node, "field id \"" + f->id + "\" is used twice");
    form.fields.push_back(std::move(f).value());
  }
  // show_if must point backwards, to a question the person has already met.
  std::set<std::string> before;
  for (size_t i = 0; i < form.fields.size(); ++i) {
    const auto& f = form.fields[i];
    if (f.show_if) {
      const Field* target = form.find(f.show_if->field);
      if (!target || !before.count(target->id))
        return L.bad(*(*fields)[i].as_table(),
                     "field \"" + f.id + "\" has show_if on \"" + f.show_if->field +
                         "\", which is not an earlier field");
      if (!target->options.empty() &&
          std::find(target->options.begin(), target->options.end(), f.show_if->equals) ==
              target->options.end())
        return L.bad(*(*fields)[i].as_table(), "show_if of \"" + f.id + "\" names an option \"" +
                                                   f.show_if->equals + "\" that \"" +
                                                   target->id + "\" does not have");
    }
    // `latin` names an earlier field whose answer is in Latin letters.
    if (!f.latin.empty()) {
      const Field* source = form.find(f.latin);
      if (!source || !before.count(source->id) || !source->latin_script)
        return L.bad(*(*fields)[i].as_table(), "field \"" + f.id + "\" has latin = \"" + f.latin +
                                                   "\", which is not an earlier field with script = \"latin\"");
    }
    before.insert(f.id);
  }
  return form;
}

// [SECTION] 3. answers and validation ----------------------------------------

namespace {

// a < b for dates that may be partial ("1990", "1990-05", "1990-05-17"):
// compared on the part both have, so "1990" is never before "1990-05-17".
bool surely_before(const std::string& a, const std::string& b) {
  if (a.empty() || b.empty()) return false;
  const size_t n = std::min(a.size(), b.size());
  return a.compare(0, n, b, 0, n) < 0;
}

}  // namespace

std::optional<FieldProblem> cross_check(const Answers& answers, const Field& top, int item,
                                        const Field& f, const std::string& value) {
  const std::string birth = answers.get("birth_date");
  if (&top == &f && (f.id == "entry_date" || f.id == "realised_date") && surely_before(value, birth))
    return FieldProblem{"form.error.before_birth", 0};
  if (top.kind == FieldKind::group && item >= 0) {
    const auto g = answers.groups.find(top.id);
    if (g == answers.groups.end() || static_cast<size_t>(item) >= g->second.size()) return std::nullopt;
    const auto& values = g->second[static_cast<size_t>(item)].values;
    auto get = [&](const char* id) {
      if (f.id == id) return value;
      const auto it = values.find(id);
      return it == values.end() ? std::string() : it->second;
    };
    if (get("relation") == "child" && surely_before(get("birth_date"), birth))
      return FieldProblem{"form.error.child_before_parent", 0};
  }
  return std::nullopt;
}


std::string Answers::get(const std::string& field_id) const {
  const auto it = values.find(field_id);
  return it == values.end() ? std::string() : it->second;
}

bool has_option(const std::string& value, const std::string& option) {
  std::istringstream in(value);
  std::string part;
  while (in >> part)
    if (part == option) return true;
  return false;
}

bool is_visible(const Field& field, const Answers& answers) {
  if (!field.show_if) return true;
  return has_option(answers.get(field.show_if->field), field.show_if->equals);
}

std::optional<FieldProblem> validate(const Field& field, const std::string& value,
                                     std::chrono::year_month_day today) {
  const bool blank = value.find_first_not_of(" \t\r\n") == std::string::npos;
  if (blank) {
    if (field.required) return FieldProblem{"form.error.required", 0};
    return std::nullopt;
  }
  const int max = field.max_length > 0 ? field.max_length : 500;
  if (utf8::length(value) > static_cast<size_t>(max)) return FieldProblem{"form.error.too_long", max};
  // A spelling copied from a document in Latin letters (script = "latin").
  if (field.latin_script && !is_latin(value)) return FieldProblem{"form.error.latin", 0};
  switch (field.kind) {
    case FieldKind::name:
      // Digits of any script: 0-9, and the Persian ۰-۹ and Arabic ٠-٩ a Dari
      // keyboard types (a name never has them).
      for (const char32_t c : utf8::decode(value))
        if (u_charType(static_cast<UChar32>(c)) == U_DECIMAL_DIGIT_NUMBER) return FieldProblem{"form.error.name_digits", 0};
      break;
    case FieldKind::date: {
      // "I know only the year" (or year and month): common with Afghan tazkiras.
      if (field.partial_date && (value.size() == 4 || value.size() == 7)) {
        const bool digits = std::all_of(value.begin(), value.begin() + 4, [](char c) { return c >= '0' && c <= '9'; }) &&
                            (value.size() == 4 || (value[4] == '-' && std::isdigit(static_cast<unsigned char>(value[5])) &&
                                                   std::isdigit(static_cast<unsigned char>(value[6]))));
        if (!digits) return FieldProblem{"form.error.date", 0};
        const int y = std::stoi(value.substr(0, 4));
        const int m = value.size() == 7 ? std::stoi(value.substr(5, 2)) : 1;
        if (m < 1 || m > 12) return FieldProblem{"form.error.date", 0};
        if (y < 1900) return FieldProblem{"form.error.date_too_old", 0};
        const std::chrono::year_month first{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)}};
        if (first > std::chrono::year_month{today.year(), today.month()})
          return FieldProblem{"form.error.date_future", 0};
        break;
      }
      const auto d = parse_iso_date(value);
      if (!d) return FieldProblem{"form.error.date", 0};
      if (std::chrono::sys_days(*d) > std::chrono::sys_days(today))
        return FieldProblem{"form.error.date_future", 0};
      if (d->year() < std::chrono::year{1900}) return FieldProblem{"form.error.date_too_old", 0};
      break;
    }
    case FieldKind::choice:
      if (std::find(field.options.begin(), field.options.end(), value) == field.options.end())
        return FieldProblem{"form.error.choice", 0};
      break;
    case FieldKind::multi_choice: {
      std::istringstream in(value);
      std::string part;
      while (in >> part)
        if (std::find(field.options.begin(), field.options.end(), part) == field.options.end())
          return FieldProblem{"form.error.choice", 0};
      // "none" with a document is a contradiction the printed form must not carry.
      if (has_option(value, "none") && value.find(' ') != std::string::npos)
        return FieldProblem{"form.error.none_and_other", 0};
      break;
    }
    case FieldKind::phone: {
      int digits = 0;
      for (char c : value) {
        if (c >= '0' && c <= '9') ++digits;
        else if (c != '+' && c != ' ' && c != '-' && c != '(' && c != ')')
          return FieldProblem{"form.error.phone", 0};
      }
      if (digits < 5 || digits > 15) return FieldProblem{"form.error.phone", 0};
      if (value.find('+') != std::string::npos && value.find_first_not_of(' ') != value.find('+'))
        return FieldProblem{"form.error.phone", 0};
      break;
    }
    case FieldKind::text:
    case FieldKind::long_text:
    case FieldKind::group:
      break;
  }
  return std::nullopt;
}

}  // namespace kiosk
