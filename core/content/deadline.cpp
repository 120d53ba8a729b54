#include "content/deadline.hpp"

namespace kiosk {

const char* to_string(EntryKind kind) {
  return kind == EntryKind::checkpoint ? "checkpoint" : "not_through_checkpoint";
}

Result<Deadline> compute_deadline(const DeadlineRule& rule, EntryKind entry,
                                  std::chrono::year_month_day arrival, std::chrono::year_month_day today) {
  if (!arrival.ok() || !today.ok())
    return make_error(Errc::invalid_input, "the arrival date or today's date does not exist",
                      "error.date.invalid");
  if (arrival > today)
    return make_error(Errc::invalid_input, "the arrival date is after today",
                      "error.date.future");
  Deadline d;
  d.entry = entry;
  d.arrival = arrival;
  d.period_days = rule.days_for(entry);
  d.same_day = entry == EntryKind::not_through_checkpoint && rule.no_checkpoint_same_day;
  d.counting_confirmed = rule.counting_confirmed;
  d.last_day = add_days(arrival, d.same_day ? d.period_days - 1 : d.period_days);
  d.days_left = days_between(today, d.last_day);
  return d;
}

}  // namespace kiosk
