#include "sync/outcome.hpp"

#include <array>
#include <utility>

namespace kiosk::sync {

namespace {

// The one name table: stored in sync_runs.outcome, printed by kioskctl.
constexpr std::array<std::pair<Outcome, const char*>, 15> kNames{{
    {Outcome::ok, "ok"},
    {Outcome::nothing_to_do, "nothing_to_do"},
    {Outcome::rejected, "rejected"},
    {Outcome::offline, "offline"},
    {Outcome::tls, "tls"},
    {Outcome::captive_portal, "captive_portal"},
    {Outcome::redirect, "redirect"},
    {Outcome::auth, "auth"},
    {Outcome::config, "config"},
    {Outcome::form_closed, "form_closed"},
    {Outcome::server, "server"},
    {Outcome::stopped, "stopped"},
    {Outcome::storage, "storage"},
    {Outcome::form_refused, "form_refused"},
    {Outcome::unknown, "unknown"},
}};

}  // namespace

const char* to_string(Outcome o) {
  for (const auto& [value, name] : kNames)
    if (value == o) return name;
  return "unknown";
}

Outcome outcome_from(std::string_view name) {
  for (const auto& [value, name_of] : kNames)
    if (name == name_of) return value;
  return Outcome::unknown;
}

}  // namespace kiosk::sync
