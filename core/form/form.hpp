// The petition's form definition (assets/form/petition.toml), the person's
// answers, and the rules that check them. The interview, the printed
// petition and the server form are all made from one Form.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace kiosk {

enum class FieldKind { name, text, long_text, date, choice, multi_choice, phone, group };

const char* to_string(FieldKind kind);

struct ShowIf {
  std::string field;   // another top-level field's id
  std::string equals;  // shown when that answer is (or, for multi_choice, contains) this
};

struct Field {
  std::string id;
  FieldKind kind = FieldKind::text;
  bool required = false;
  int max_length = 0;                // 0: no limit beyond the kind's default
  bool transliterate = false;        // a Cyrillic form is made and printed beside it
  std::string latin;                 // id of the field with this name in Latin letters, as in a
                                     // passport: the Cyrillic proposal is made from that spelling
  bool latin_script = false;         // script = "latin": the answer is written in Latin letters
  bool partial_date = false;         // date: "YYYY" or "YYYY-MM" also accepted (year only known)
  std::vector<std::string> options;  // choice / multi_choice values
  std::optional<ShowIf> show_if;
  std::string section;
  int max_items = 0;                 // group: how many items at most
  std::vector<Field> fields;         // group: the fields of one item
};

struct Form {
  std::string id;        // XForm id, e.g. "asylum_petition"
  std::string version;   // XForm version; changes when fields change
  std::string as_of;     // date the field list was last reviewed
  std::string source;
  std::vector<Field> fields;

  [[nodiscard]] const Field* find(const std::string& id) const;
};

// Reads a form definition. Bad input fails with where = "FILE:LINE".
Result<Form> load_form(const std::filesystem::path& path);

// The person's answers. Values are plain UTF-8 text as typed; dates are
// "YYYY-MM-DD" (Gregorian); multi_choice values are joined with spaces.
struct GroupItem {
  std::map<std::string, std::string> values;
  std::map<std::string, std::string> cyrillic;  // confirmed transliterations
};

struct Answers {
  std::map<std::string, std::string> values;
  std::map<std::string, std::string> cyrillic;           // field id -> confirmed Cyrillic
  std::map<std::string, std::vector<GroupItem>> groups;  // group id -> items

  [[nodiscard]] std::string get(const std::string& id) const;
  [[nodiscard]] bool empty() const { return values.empty() && groups.empty(); }
};

// True when `value` (space-joined for multi_choice) holds `option`.
bool has_option(const std::string& value, const std::string& option);

// Whether a field is asked, given the answers so far (show_if).
bool is_visible(const Field& field, const Answers& answers);

// A validation problem: a locale key (form.error.*) and its arguments.
struct FieldProblem {
  std::string key;
  int number = 0;  // e.g. the maximum length, for {max}
};

// Checks one answer. `today` is the kiosk's local date. Returns nothing when
// the answer is acceptable (an empty optional answer is acceptable).
std::optional<FieldProblem> validate(const Field& field, const std::string& value,
                                     std::chrono::year_month_day today);

// Checks an answer against the other answers (plain messages, form.error.*):
// a date of entry before the applicant's birth ("form.error.before_birth"),
// a child of the applicant born before them ("form.error.child_before_parent",
// on the child's relation or birth date). `top` is the top-level field, `item`
// the group item being edited (or -1), `f` the field answered.
std::optional<FieldProblem> cross_check(const Answers& answers, const Field& top, int item,
                                        const Field& f, const std::string& value);

}  // namespace kiosk
