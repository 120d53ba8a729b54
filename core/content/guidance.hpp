// Turns content + translations into the texts a person reads, in order.
// The screens use guidance_sections() and describe_deadline(); the review
// command (`asylum-kioskctl content LANG`) prints review_script(), which is
// every screen's text in the order a person meets it.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "content/content.hpp"
#include "content/date.hpp"
#include "content/deadline.hpp"
#include "locale/catalog.hpp"
#include "locale/language.hpp"

namespace kiosk {

// One block of text: a screen or a guidance section.
struct TextSection {
  std::string id;                  // stable id: "deadline", "apply", "help" ...
  std::string title;               // in the person's language
  std::vector<std::string> lines;  // paragraphs, in order
  // What read-aloud says for each line, parallel to `lines` where filled:
  // the locale's spoken form (Texts::spoken) where the written line does
  // not read well aloud (the Russian address shown for a taxi driver, phone
  // numbers said in groups). A missing or empty entry: say the line itself.
  std::vector<std::string> spoken;
  // Parallel to `lines` where filled: a text the Russian voice reads when
  // the person asks (the address for a taxi driver, which the person's own
  // voice only says is on the screen).
  std::vector<std::string> russian;
  [[nodiscard]] const std::string& spoken_line(size_t i) const {
    return i < spoken.size() && !spoken[i].empty() ? spoken[i] : lines.at(i);
  }
  [[nodiscard]] std::string russian_line(size_t i) const {
    return i < russian.size() ? russian[i] : std::string();
  }
};

// Formats texts in one language, remembering which keys it used (tests use
// that to prove every locale key is shown somewhere).
class Texts {
 public:
  Texts(const Translations& t, const Language& lang, std::set<std::string>* used = nullptr)
      : t_(t), lang_(lang), used_(used) {}
  [[nodiscard]] std::string operator()(const std::string& key, const MessageArgs& args = {}) const;
  // The text read aloud for `key`: the locale's `key + ".spoken"` when it
  // has one (formatted with the same arguments), else the written text.
  [[nodiscard]] std::string spoken(const std::string& key, const MessageArgs& args = {}) const;
  [[nodiscard]] const Language& language() const { return lang_; }

 private:
  const Translations& t_;
  const Language& lang_;
  std::set<std::string>* used_;
};

// The situation a kiosk's site puts a person in by default.
const char* situation_of(SiteKind kind);

// "Mon–Fri 09:00–18:00" in the language (ICU day names and digits); the
// "ask staff" sentence when `hours` is empty.
// `spoken`: the read-aloud form (spoken times, the ".spoken" patterns).
std::string format_hours(const std::vector<OpeningHours>& hours, const Texts& tr,
                         bool spoken = false);

// A place as lines: name, what it does, address, address in Russian (not for
// Russian readers), hours, phones (dialable, LTR-isolated in Dari), and the
// "not confirmed" note when flagged. `spoken`, when given, gets the spoken
// form of each line, in the same order (the Russian address is not spelled
// out but said to be on the screen; phones are said in groups).
// `russian`, when given, gets the address in Russian on the line that shows
// it (for the Russian voice), and an empty string on every other line.
std::vector<std::string> describe_place(const Place& place, const Texts& tr,
                                        std::vector<std::string>* spoken = nullptr,
                                        std::vector<std::string>* russian = nullptr);

// The deadline as sentences: the rule, today, arrival, last day, days left
// (or "today is the last day" + hours left, or "passed"), "go soon".
std::vector<std::string> describe_deadline(const Deadline& d, std::chrono::year_month_day today,
                                           int hours_left_today, const Texts& tr);

// The deadline in two sentences for the short guidance: the last day and the
// days (or hours) left, or that it has passed and to go today.
std::vector<std::string> describe_deadline_brief(const Deadline& d, std::chrono::year_month_day today,
                                                 int hours_left_today, const Texts& tr);

struct GuidanceOptions {
  std::string site_office;  // shown first wherever offices are listed
  std::string situation;    // land_border | airport | inside; empty = everything
};

// The guidance sections of assets/content/guidance.toml, filtered by
// situation, with the site's office first in every list of places.
std::vector<TextSection> guidance_sections(const Content& content, const Texts& tr,
                                           const GuidanceOptions& options);

// The short guidance after the deadline: "free help" (the brief help items:
// each place's name and phones; first, so that it is heard within a
// minute), "where to go now" (the items marked `brief` for the situation;
// inside the country, the site's office without its phones), and how to
// hear everything.
std::vector<TextSection> brief_sections(const Content& content, const Texts& tr,
                                        const GuidanceOptions& options);

struct ReviewOptions {
  std::chrono::year_month_day today{};
  int hours_left_today = 8;         // for the "last day is today" example
  std::string reference_code = "DEMO-0000";  // example receipt code
};

// Every text of a session in the order a person meets it: attract, language,
// situation, deadline (worked examples for both entry kinds), guidance
// sections, consent, idle warning, print, done, errors.
std::vector<TextSection> review_script(const Content& content, const Config& config,
                                       const Texts& tr, const ReviewOptions& options);

// Plain text for reading and diffing: "=== id ===", the title, the lines.
std::string to_plain_text(const std::vector<TextSection>& sections);

}  // namespace kiosk
