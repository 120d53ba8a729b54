// Content loading. Sections:
//   [1] helpers: FILE:LINE errors, typed field readers
//   [2] offices.toml
//   [3] guidance.toml
//   [4] load_content, content_age
#include "content/content.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <toml++/toml.h>

#include "locale/language.hpp"

namespace kiosk {

namespace fs = std::filesystem;

// [SECTION] 1. helpers -------------------------------------------------------

namespace {

// Thrown inside the loader only, turned into an Error at the edge.
struct LoadFailure {
  Error error;
};

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const toml::node* at, const std::string& message) const {
    std::string where = file_;
    if (at && at->source().begin.line > 0)
      where += ":" + std::to_string(at->source().begin.line);
    throw LoadFailure{make_error(Errc::parse, message, "error.config", where)};
  }

  std::string where(const toml::node& n) const {
    return file_ + ":" + std::to_string(n.source().begin.line);
  }

  const toml::node* get(const toml::table& t, const char* key) const { return t.get(key); }

  std::string str(const toml::table& t, const char* key, bool required = true) const {
    const toml::node* n = t.get(key);
    if (!n) {
      if (required) fail(&t, std::string("missing \"") + key + "\"");
      return {};
    }
    if (!n->is_string()) fail(n, std::string("\"") + key + "\" must be a text in quotes");
    std::string s = *n->value<std::string>();
    if (required && s.empty()) fail(n, std::string("\"") + key + "\" must not be empty");
    return s;
  }

  bool boolean(const toml::table& t, const char* key) const {
    const toml::node* n = t.get(key);
    if (!n) return false;
    if (!n->is_boolean()) fail(n, std::string("\"") + key + "\" must be true or false");
    return *n->value<bool>();
  }

  int64_t integer(const toml::table& t, const char* key, int64_t lo, int64_t hi) const {
    const toml::node* n = t.get(key);
    if (!n) fail(&t, std::string("missing \"") + key + "\"");
    if (!n->is_integer()) fail(n, std::string("\"") + key + "\" must be a whole number");
    const int64_t v = *n->value<int64_t>();
    if (v < lo || v > hi)
      fail(n, std::string("\"") + key + "\" must be from " + std::to_string(lo) + " to " +
                  std::to_string(hi));
    return v;
  }

  std::vector<std::string> strings(const toml::table& t, const char* key) const {
    std::vector<std::string> out;
    const toml::node* n = t.get(key);
    if (!n) return out;
    const auto* arr = n->as_array();
    if (!arr) fail(n, std::string("\"") + key + "\" must be a list of texts, like [\"a\", \"b\"]");
    for (const auto& el : *arr) {
      if (!el.is_string()) fail(&el, std::string("\"") + key + "\" must contain only texts");
      out.push_back(*el.value<std::string>());
    }
    return out;
  }

  // A source is what makes a fact reviewable: required, non-empty.
  std::string source(const toml::table& t, const std::string& what) const {
    const toml::node* n = t.get("source");
    if (!n || !n->is_string() || n->value<std::string>()->empty())
      fail(n ? n : &t, what + " has no \"source\"; every fact needs one (see legal-facts.md)");
    return *n->value<std::string>();
  }

  LocalizedText localized(const toml::table& t, const char* key) const {
    const toml::node* n = t.get(key);
    if (!n) fail(&t, std::string("missing \"") + key + "\" (one text per language)");
    const auto* tab = n->as_table();
    if (!tab) fail(n, std::string("\"") + key + "\" must be a table like { ru = \"...\", en = \"...\" }");
    LocalizedText lt;
    for (const auto& [k, v] : *tab) {
      const std::string code(k.str());
      if (!find_language(code))
        fail(&v, std::string("\"") + key + "." + code + "\" is not one of kk, ru, en, fa-AF, uk");
      if (!v.is_string() || v.value<std::string>()->empty())
        fail(&v, std::string("\"") + key + "." + code + "\" must be a non-empty text");
      lt.by_lang.emplace(code, *v.value<std::string>());
    }
    for (const auto& lang : languages())
      if (!lt.by_lang.count(lang.code))
        fail(n, std::string("\"") + key + "\" has no text for " + lang.code);
    return lt;
  }

  std::chrono::year_month_day as_of(const toml::table& root) const {
    const toml::node* n = root.get("as_of");
    if (!n) fail(nullptr, "missing \"as_of\" (the date the content was last checked)");
    if (const auto* d = n->as_date()) {
      const toml::date v = d->get();
      const std::chrono::year_month_day ymd{std::chrono::year{v.year}, std::chrono::month{v.month},
                                            std::chrono::day{v.day}};
      if (ymd.ok()) return ymd;
    }
    if (n->is_string()) {
      auto parsed = parse_iso_date(*n->value<std::string>());
      if (parsed) return *parsed;
    }
    fail(n, "\"as_of\" must be a date like 2026-11-21");
  }

  const toml::array* tables(const toml::table& root, const char* key) const {
    const toml::node* n = root.get(key);
    if (!n) return nullptr;
    const auto* arr = n->as_array();
    if (!arr || !arr->is_array_of_tables())
      fail(n, std::string("\"") + key + "\" must be written as [[" + key + "]] tables");
    return arr;
  }

  toml::table parse(const fs::path& path) const {
    try {
      return toml::parse_file(path.string());
    } catch (const toml::parse_error& e) {
      std::string where = file_;
      if (e.source().begin.line > 0) where += ":" + std::to_string(e.source().begin.line);
      std::string what(e.description());
      std::error_code ec;
      if (!fs::exists(path, ec)) what = "the file does not exist";
      throw LoadFailure{make_error(Errc::parse, "not valid TOML: " + what, "error.config", where)};
    }
  }

 private:
  std::string file_;
};

// "09:00" -> 9, 0
void parse_clock(const Reader& r, const toml::node* n, const std::string& s, int& h, int& m) {
  if (s.size() != 5 || s[2] != ':' || !std::isdigit(static_cast<unsigned char>(s[0])) ||
      !std::isdigit(static_cast<unsigned char>(s[1])) ||
      !std::isdigit(static_cast<unsigned char>(s[3])) ||
      !std::isdigit(static_cast<unsigned char>(s[4])))
    r.fail(n, "a time must be written HH:MM, like 09:00, not \"" + s + "\"");
  h = (s[0] - '0') * 10 + (s[1] - '0');
  m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 24 || m > 59) r.fail(n, "\"" + s + "\" is not a time of day");
}

bool plausible_phone(const std::string& p) {
  if (p.size() < 6 || p[0] != '+') return false;
  return std::all_of(p.begin() + 1, p.end(), [](char c) { return (c >= '0' && c <= '9') || c == ' '; });
}

// [SECTION] 2. offices.toml ----------------------------------------------------

const std::set<std::string> kPlaceKinds = {"desp", "border", "unhcr", "legal_help", "aid", "embassy"};

void read_offices(const fs::path& path, Content& c, std::chrono::year_month_day& as_of) {
  const Reader r(path.string());
  const toml::table root = r.parse(path);
  as_of = r.as_of(root);
  if (const auto* cities = r.tables(root, "city")) {
    for (const auto& node : *cities) {
      const auto& t = *node.as_table();
      City city;
      city.id = r.str(t, "id");
      city.name = r.localized(t, "name");
      if (c.find_city(city.id)) r.fail(&t, "the city id \"" + city.id + "\" is used twice");
      c.cities.push_back(std::move(city));
    }
  }
  const auto* places = r.tables(root, "place");
  if (!places) r.fail(nullptr, "no [[place]] tables: the kiosk needs at least one office");
  for (const auto& node : *places) {
    const auto& t = *node.as_table();
    Place p;
    p.id = r.str(t, "id");
    p.where = r.where(t);
    if (c.find_place(p.id)) r.fail(&t, "the place id \"" + p.id + "\" is used twice");
    p.kind = r.str(t, "kind");
    if (!kPlaceKinds.count(p.kind))
      r.fail(r.get(t, "kind"), "kind \"" + p.kind + "\" is not one of desp, border, unhcr, legal_help, aid, embassy");
    p.city = r.str(t, "city");
    if (!c.find_city(p.city))
      r.fail(r.get(t, "city"), "city \"" + p.city + "\" is not a [[city]] id in this file");
    p.name = r.localized(t, "name");
    p.address = r.localized(t, "address");
    p.phones = r.strings(t, "phones");
    for (const auto& ph : p.phones)
      if (!plausible_phone(ph))
        r.fail(r.get(t, "phones"), "phone \"" + ph + "\" must be written as dialled: +7 727 258 45 98");
    p.what_key = r.str(t, "what", false);
    p.source = r.source(t, "place \"" + p.id + "\"");
    p.unconfirmed = r.boolean(t, "unconfirmed");
    if (const auto* hours = r.tables(t, "hours")) {
      for (const auto& hn : *hours) {
        const auto& ht = *hn.as_table();
        OpeningHours h;
        h.first_day = static_cast<int>(r.integer(ht, "from_day", 1, 7));
        h.last_day = static_cast<int>(r.integer(ht, "to_day", 1, 7));
        if (h.last_day < h.first_day) r.fail(&ht, "to_day must not be before from_day");
        parse_clock(r, r.get(ht, "open"), r.str(ht, "open"), h.open_hour, h.open_minute);
        parse_clock(r, r.get(ht, "close"), r.str(ht, "close"), h.close_hour, h.close_minute);
        p.hours.push_back(h);
      }
    }
    c.places.push_back(std::move(p));
  }
}

// [SECTION] 3. guidance.toml ---------------------------------------------------

void read_guidance(const fs::path& path, Content& c, std::chrono::year_month_day& as_of) {
  const Reader r(path.string());
  const toml::table root = r.parse(path);
  as_of = r.as_of(root);

  const toml::node* dn = root.get("deadline");
  if (!dn || !dn->as_table()) r.fail(nullptr, "missing the [deadline] table");
  const auto& dt = *dn->as_table();
  c.deadline.days_after_arrival = static_cast<int>(r.integer(dt, "days_after_arrival", 1, 365));
  c.deadline.days_if_no_checkpoint = static_cast<int>(r.integer(dt, "days_if_no_checkpoint", 1, 365));
  c.deadline.source = r.source(dt, "[deadline]");
  c.deadline.no_checkpoint_same_day =
      dt.get("no_checkpoint_same_day") ? r.boolean(dt, "no_checkpoint_same_day") : true;
  c.deadline.counting_confirmed = r.boolean(dt, "counting_confirmed");
  // The counting may be called confirmed only with the article that sets it:
  // the source must cite Law No. 216-IV and its article ("art. N").
  if (c.deadline.counting_confirmed) {
    std::string lower = c.deadline.source;
    for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (lower.find("216-iv") == std::string::npos || lower.find("art") == std::string::npos)
      r.fail(dt.get("counting_confirmed"),
             "counting_confirmed = true needs the article of Law No. 216-IV \"On Refugees\" that says when "
             "the days are counted, in the [deadline] source (e.g. \"Law No. 216-IV, art. N\")");
  }

  const auto* sections = r.tables(root, "section");
  if (!sections) r.fail(nullptr, "no [[section]] tables");
  const std::set<std::string> situations(std::begin(kSituations), std::end(kSituations));
  for (const auto& sn : *sections) {
    const auto& st = *sn.as_table();
    Section s;
    s.id = r.str(st, "id");
    if (c.find_section(s.id)) r.fail(&st, "the section id \"" + s.id + "\" is used twice");
    s.title_key = r.str(st, "title");
    const auto* items = r.tables(st, "item");
    if (!items) r.fail(&st, "section \"" + s.id + "\" has no [[section.item]]");
    for (const auto& in : *items) {
      const auto& it = *in.as_table();
      Item item;
      item.id = r.str(it, "id");
      item.where = r.where(it);
      item.title_key = r.str(it, "title", false);
      item.text_keys = r.strings(it, "text");
      if (item.text_keys.empty() && !it.get("places"))
        r.fail(&it, "item \"" + item.id + "\" needs \"text\" (locale keys) or \"places\"");
      item.places = r.strings(it, "places");
      for (const auto& pid : item.places)
        if (!c.find_place(pid))
          r.fail(r.get(it, "places"), "place \"" + pid + "\" is not in offices.toml");
      item.when = r.strings(it, "when");
      for (const auto& w : item.when)
        if (!situations.count(w))
          r.fail(r.get(it, "when"), "\"" + w + "\" is not one of land_border, airport, inside");
      if (const toml::node* an = it.get("args")) {
        const auto* at = an->as_table();
        if (!at) r.fail(an, "\"args\" must be a table like { months = 3 }");
        for (const auto& [k, v] : *at) {
          if (!v.is_integer()) r.fail(&v, "args." + std::string(k.str()) + " must be a whole number");
          item.args.emplace(std::string(k.str()), *v.value<int64_t>());
        }
      }
      item.source = r.source(it, "item \"" + s.id + "." + item.id + "\"");
      item.unconfirmed = r.boolean(it, "unconfirmed");
      item.brief = r.boolean(it, "brief");
      s.items.push_back(std::move(item));
    }
    c.sections.push_back(std::move(s));
  }
}

}  // namespace

// [SECTION] 4. load / age --------------------------------------------------------

const std::string& LocalizedText::get(std::string_view code) const {
  static const std::string empty;
  if (auto it = by_lang.find(code); it != by_lang.end()) return it->second;
  if (auto it = by_lang.find("ru"); it != by_lang.end()) return it->second;
  return empty;
}

const Place* Content::find_place(std::string_view id) const {
  for (const auto& p : places)
    if (p.id == id) return &p;
  return nullptr;
}

const City* Content::find_city(std::string_view id) const {
  for (const auto& c : cities)
    if (c.id == id) return &c;
  return nullptr;
}

const Section* Content::find_section(std::string_view id) const {
  for (const auto& s : sections)
    if (s.id == id) return &s;
  return nullptr;
}

Result<Content> load_content(const fs::path& dir) {
  Content c;
  c.dir = dir;
  try {
    std::chrono::year_month_day offices_as_of{}, guidance_as_of{};
    read_offices(dir / "offices.toml", c, offices_as_of);
    read_guidance(dir / "guidance.toml", c, guidance_as_of);
    c.as_of = std::min(offices_as_of, guidance_as_of);
  } catch (const LoadFailure& f) {
    return f.error;
  } catch (const std::exception& e) {
    return make_error(Errc::parse, std::string("cannot read the content: ") + e.what(),
                      "error.config", dir.string());
  }
  return c;
}

std::vector<std::string> check_site_office(const Content& content, const std::string& office_id) {
  std::vector<std::string> problems;
  const Place* p = content.find_place(office_id);
  if (!p) {
    std::string ids;
    for (const auto& place : content.places)
      if (place.kind == "desp") ids += (ids.empty() ? "" : ", ") + place.id;
    problems.push_back("site.office \"" + office_id + "\" is not an office in " +
                       (content.dir / "offices.toml").string() + "; known offices: " + ids);
  } else if (p->kind != "desp") {
    problems.push_back("site.office \"" + office_id +
                       "\" is not a Department of Employment and Social Programs (kind \"" +
                       p->kind + "\"); name the office where people apply");
  }
  return problems;
}

std::string ContentAge::describe() const {
  std::string s = "Content as of " + to_iso(as_of) + " (" + std::to_string(age_days) +
                  (age_days == 1 ? " day old)" : " days old)");
  if (stale)
    s += " is older than " + std::to_string(max_age_days) +
         " days: check it against the sources and update as_of";
  return s;
}

ContentAge content_age(const Content& content, std::chrono::year_month_day today, int max_age_days) {
  ContentAge a;
  a.as_of = content.as_of;
  a.age_days = days_between(content.as_of, today);
  a.max_age_days = max_age_days;
  a.stale = a.age_days > max_age_days;
  return a;
}

}  // namespace kiosk
