// How a sync pass ended: one value for the sync pass, the outbox's
// sync_runs table, the staff screen and asylum-kioskctl. Its name (to_string)
// is what the outbox stores, the logs and kioskctl print, and the end of the
// staff screen's locale key ("staff.sync.<name>"); the names never change,
// so databases written by older builds read back the same.
#pragma once

#include <string_view>

namespace kiosk::sync {

enum class Outcome {
  ok,              // everything due was sent (or the preflight found the server)
  nothing_to_do,   // no record was due (such passes are not kept)
  rejected,        // some records need staff (refused for good)
  offline,         // no answer from the server
  tls,             // the server's certificate is not trusted
  captive_portal,  // a 2xx without an OpenRosa acknowledgement: a Wi-Fi login page
  redirect,        // the server address redirects
  auth,            // credentials or the app user refused
  config,          // wrong address, project, form or form version
  form_closed,     // the form is closed on the server
  server,          // 408, 429, 5xx
  stopped,         // the kiosk is shutting down
  storage,         // the outbox failed
  form_refused,    // a good pass, but the served form was refused (server_form.hpp)
  unknown,         // a stored name this build does not know (a newer build wrote it)
};

// The outcome's name: "ok", "nothing_to_do", "captive_portal", ... "unknown".
const char* to_string(Outcome o);

// The outcome a stored name stands for; Outcome::unknown for any other text.
Outcome outcome_from(std::string_view name);

}  // namespace kiosk::sync
