// The deadline to apply for asylum: a pure function of calendar dates.
//
// Rule (legal-facts.md, seed 000): apply within 5 calendar days of arrival
// (or of the day the person realised they cannot go back); within 1 day if
// they came in not through a border checkpoint. The numbers come from
// assets/content/guidance.toml ([deadline]); the counting starts on the day
// after arrival (the general civil-law rule for periods), so the last day is
// arrival + N. Screens tell people to go as soon as they can regardless.
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
  [[nodiscard]] int days_for(EntryKind kind) const {
    return kind == EntryKind::checkpoint ? days_after_arrival : days_if_no_checkpoint;
  }
};

struct Deadline {
  EntryKind entry = EntryKind::checkpoint;
  CivilDate arrival;
  CivilDate last_day;     // the last calendar day to apply
  int period_days = 0;    // 5 or 1 (from the rule)
  int64_t days_left = 0;  // last_day - today; 0 = today is the last day
  [[nodiscard]] bool last_day_is_today() const { return days_left == 0; }
  [[nodiscard]] bool passed() const { return days_left < 0; }
};

// Fails (Errc::invalid_input, user_key "error.date.future") when `arrival`
// is after `today`, and (user_key "error.date.invalid") when either date does
// not exist.
Result<Deadline> compute_deadline(const DeadlineRule& rule, EntryKind entry,
                                  const CivilDate& arrival, const CivilDate& today);

}  // namespace kiosk
