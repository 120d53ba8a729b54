// The deadline to apply for asylum: a pure function of calendar dates.
//
// Rule (legal-facts.md, seed 000; Order No. 118 of 7 Apr 2022 as reported by
// caravan.kz): apply within 5 calendar days of arrival (or of the day the
// person learned they cannot go back); within 1 day if they came in not
// through a border checkpoint. The numbers come from
// assets/content/guidance.toml ([deadline]).
//
// How the days are counted is NOT confirmed: the article of Law No. 216-IV
// that sets the periods was not read. So the kiosk counts the short way:
//   - through a checkpoint: the last day is arrival + N (the count starting
//     on the next day, the general rule for periods; marked unconfirmed);
//   - not through a checkpoint (no_checkpoint_same_day): "today, within 24
//     hours at the latest": the last day is arrival + N - 1, i.e. the day of
//     arrival itself for N = 1.
// Screens tell people to go as soon as they can regardless, and a passed
// last day is never the end: they are told to go today anyway.
#pragma once

#include <cstdint>
#include <string>

#include "base/result.hpp"
#include "content/date.hpp"

namespace kiosk {

enum class EntryKind {
  checkpoint,              // through an official border crossing point
  not_through_checkpoint,  // irregular entry
};

const char* to_string(EntryKind kind);

struct DeadlineRule {
  int days_after_arrival = 5;          // entry through a checkpoint
  int days_if_no_checkpoint = 1;       // entry not through a checkpoint
  std::string source;
  // Irregular entry counted the short way: the day of arrival is day 1
  // ("today, within 24 hours at the latest"). See the file comment.
  bool no_checkpoint_same_day = true;
  // False while the counting rule has no source in the law's own text: the
  // screens then say so and tell the person not to wait.
  bool counting_confirmed = false;
  [[nodiscard]] int days_for(EntryKind kind) const {
    return kind == EntryKind::checkpoint ? days_after_arrival : days_if_no_checkpoint;
  }
};

struct Deadline {
  EntryKind entry = EntryKind::checkpoint;
  std::chrono::year_month_day arrival{};
  std::chrono::year_month_day last_day{};  // the last calendar day to apply
  int period_days = 0;    // 5 or 1 (from the rule)
  int64_t days_left = 0;  // last_day - today; 0 = today is the last day
  bool same_day = false;  // counted the short way: "today, within 24 hours"
  bool counting_confirmed = false;  // the counting rule has a source in the law
  bool realised = false;  // `arrival` is the day the person learned they cannot go back
  [[nodiscard]] bool last_day_is_today() const { return days_left == 0; }
  [[nodiscard]] bool passed() const { return days_left < 0; }
};

// Fails (Errc::invalid_input, user_key "error.date.future") when `arrival`
// is after `today`, and (user_key "error.date.invalid") when either date does
// not exist.
Result<Deadline> compute_deadline(const DeadlineRule& rule, EntryKind entry,
                                  std::chrono::year_month_day arrival, std::chrono::year_month_day today);

}  // namespace kiosk
