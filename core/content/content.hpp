// The guidance content: data in assets/content/*.toml, read at start-up so
// staff can review and update it without a rebuild.
//
//   offices.toml   cities and places (DESP offices, UNHCR and its partners,
//                  the Embassy of Ukraine): names, addresses in every language
//                  and in Russian, hours, phones.
//   guidance.toml  the deadline rule and the guidance sections in the order a
//                  person meets them; each item names locale keys for its
//                  sentences (the sentences live in locales/*.json).
//
// Both files carry `as_of`; every place and item carries `source` and may be
// flagged `unconfirmed = true` (shown with "ask staff"). A problem in a file
// is reported as FILE:LINE: message, never a crash.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "content/date.hpp"
#include "content/deadline.hpp"

namespace kiosk {

// One text per language code (kk ru en fa-AF uk); all five are required.
struct LocalizedText {
  std::map<std::string, std::string, std::less<>> by_lang;
  // The text in `code`, else Russian, else empty.
  [[nodiscard]] const std::string& get(std::string_view code) const;
};

// Opening hours on days first..last (1 = Monday .. 7 = Sunday).
struct OpeningHours {
  int first_day = 1;
  int last_day = 5;
  int open_hour = 9, open_minute = 0;
  int close_hour = 18, close_minute = 0;
};

struct City {
  std::string id;
  LocalizedText name;
};

struct Place {
  std::string id;
  std::string kind;     // desp | unhcr | legal_help | aid | embassy
  std::string city;     // a City id
  LocalizedText name;
  LocalizedText address;  // ["ru"] is the one shown to a taxi driver
  std::vector<std::string> phones;  // as dialled: "+7 727 258 45 98"
  std::vector<OpeningHours> hours;  // empty = unknown ("ask staff")
  std::string what_key;   // locale key: what this place does for the person
  std::string source;
  bool unconfirmed = false;
  std::string where;      // FILE:LINE of its table
};

// One piece of guidance: one or more sentences (locale keys) with the
// numbers they need, the places they point to, and where the fact is from.
struct Item {
  std::string id;
  std::string title_key;                // optional heading (locale key)
  std::vector<std::string> text_keys;
  std::map<std::string, int64_t> args;  // e.g. months = 3 for "{months, plural, ...}"
  std::vector<std::string> places;      // Place ids, in order
  std::vector<std::string> when;        // situations it applies to; empty = all
  std::string source;
  bool unconfirmed = false;
  // Part of the short guidance read first (deadline, where to go now, free
  // help); the rest is read when the person asks for everything.
  bool brief = false;
  std::string where;
};

struct Section {
  std::string id;         // e.g. "apply", "steps", "rights_seeker", "ukraine"
  std::string title_key;
  std::vector<Item> items;
};

struct Content {
  std::filesystem::path dir;
  std::chrono::year_month_day as_of{};  // the older of the files' as_of dates
  DeadlineRule deadline;
  std::vector<City> cities;
  std::vector<Place> places;
  std::vector<Section> sections;

  [[nodiscard]] const Place* find_place(std::string_view id) const;
  [[nodiscard]] const City* find_city(std::string_view id) const;
  [[nodiscard]] const Section* find_section(std::string_view id) const;
};

// Situations a person can be in (the "where are you" screen).
// airport_transit: at an airport, not yet past passport control.
inline constexpr const char* kSituations[] = {"land_border", "airport", "airport_transit", "inside"};

// Reads offices.toml and guidance.toml from `dir` (normally
// data_dir()/"assets/content"). Fails with FILE:LINE on bad TOML, a missing
// field, an item without `source`, a language missing from a name or
// address, or a reference to an unknown city or place.
Result<Content> load_content(const std::filesystem::path& dir);

// Problems between the site config and the content, as English sentences
// for the IT person (empty = good): site.office must name a DESP office of
// offices.toml, since that is where the person applies.
std::vector<std::string> check_site_office(const Content& content, const std::string& office_id);

// How old the content is, for staff mode.
struct ContentAge {
  std::chrono::year_month_day as_of{};
  int64_t age_days = 0;
  int max_age_days = 0;
  bool stale = false;  // age_days > max_age_days
  // "Content as of 2026-11-21 (12 days old)" or "... is older than 180 days:
  // review it against the sources and update as_of".
  [[nodiscard]] std::string describe() const;
};
ContentAge content_age(const Content& content, std::chrono::year_month_day today, int max_age_days);

}  // namespace kiosk
