// The kiosk's site configuration (kiosk-config/*.toml), read with toml++.
//
// One schema table (config.cpp) lists every key, its type and its check;
// it drives both load_config() and check_config(), so the example config,
// the checker and the program can never disagree about which keys exist.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "base/result.hpp"

namespace kiosk {

enum class SiteKind { airport, land_border, desp_office };

struct SiteConfig {
  std::string id;                   // short name of this kiosk, used in records
  SiteKind kind = SiteKind::desp_office;
  std::string office;               // office id (assets/content) shown first
  int office_line = 0;              // where `office` is in the file, for messages
  // Airport / land border: the Border Service post at this checkpoint (a
  // "border" place id of assets/content/offices.toml). The petition is
  // addressed to it and the papers say "give this to the border officer here".
  std::string checkpoint;
  std::string petition_language = "ru";  // "ru" or "kk": language of the petition
};

struct KioskConfig {
  std::vector<std::string> languages{"kk", "ru", "en", "fa-AF", "uk"};
  std::string start_language = "ru";  // language of screens before a choice
  int idle_warning_seconds = 90;      // no touch for this long: "Are you still there?"
  int idle_countdown_seconds = 30;    // then this long to answer before the wipe
  int staff_hold_seconds = 900;      // after a printer failure: this long without a touch before the warning
  bool read_aloud_default = false;
  // Whether the kiosk's sound goes to headphones by default (the person can
  // change it). Without headphones the loudspeaker reads questions and
  // guidance, never the person's answers.
  bool headphones = false;
  int speech_volume = 80;             // read-aloud volume, 0-100 percent; the person can change it
  // "I need help": the idle wipe waits this long without a touch while the
  // person waits for staff; the site's bell or pager command (argv, run
  // without a shell, no personal data in it) and its time limit.
  int help_wait_seconds = 600;
  std::vector<std::string> help_command;
  int help_command_seconds = 10;
  int assisted_idle_seconds = 900;    // a session staff let go on beside the person
};

struct StaffConfig {
  std::string pin_hash;        // "pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>"
  int max_pin_attempts = 5;
  int lockout_seconds = 300;
  std::string language = "ru"; // staff mode's language, whatever the person chose
};

struct PrinterConfig {
  std::string name;            // CUPS queue; empty = CUPS default printer
  int receipt_width_mm = 0;    // 0 = A4 receipt; else a roll printer width
  int saved_papers_hours = 24; // "Save for staff" PDFs are deleted this long after saving (print/saved.hpp)
};

struct OutboxConfig {
  std::filesystem::path data_dir;   // where outbox.sqlite lives
  int retention_days = 30;          // purge records this long after the server acknowledged them
};

struct SyncConfig {
  bool enabled = false;
  std::string server_url;           // e.g. https://central.example.org
  std::string kind = "central";     // "central" or "kobo"
  int project_id = 0;               // ODK Central project
  std::string form_id;
  // Where the form and key records are sealed with come from: "file" (the
  // kiosk's XForm and public_key_file) or "server" (the form as the server
  // serves it, with its key: ODK Central's Managed Encryption; see
  // sync/server_form.hpp).
  std::string form_source = "file";
  std::string auth = "token";       // "token" (Central app user) or "basic"
  std::filesystem::path credentials_file;  // token, or "user:password"; mode 0600
  std::filesystem::path public_key_file;   // office's RSA public key (PEM)
  std::filesystem::path ca_file;    // extra CA bundle (PEM) for https; empty = system store
  bool allow_insecure_http = false; // http:// to a host that is not loopback (check-config warns)
  int connect_timeout_seconds = 10; // TCP/TLS connect
  int request_timeout_seconds = 60; // a whole request (and each read/write in it)
  int retry_base_seconds = 60;      // first retry after a failed attempt (then doubling)
  int retry_max_seconds = 21600;    // longest wait between retries (6 h)
  int poll_seconds = 60;            // background sync: look for the network this often
};

struct ContentConfig {
  int max_age_days = 180;           // older content is flagged to staff
};

struct Config {
  std::filesystem::path source;     // the file this came from
  SiteConfig site;
  KioskConfig kiosk;
  StaffConfig staff;
  PrinterConfig printer;
  OutboxConfig outbox;
  SyncConfig sync;
  ContentConfig content;
  // Where each key given in the file is: "table.key" -> line (for messages
  // about what a key names, e.g. a key file that does not load).
  std::map<std::string, int> lines;
  [[nodiscard]] int line_of(const std::string& dotted_key) const {
    const auto it = lines.find(dotted_key);
    return it == lines.end() ? 0 : it->second;
  }
};

// One problem found in a config file.
struct ConfigProblem {
  std::string file;
  int line = 0;          // 0 when the problem is about the file as a whole
  std::string message;   // plain English sentence for the IT person
  [[nodiscard]] std::string describe() const;  // "FILE:LINE: message"
};

// Reads and checks `path`. Returns every problem found (empty = good) and
// fills `out` with what could be read; relative paths in the file are taken
// relative to the file's directory.
std::vector<ConfigProblem> check_config(const std::filesystem::path& path, Config& out);

// Reads `path`; fails with the first problem if there is any.
Result<Config> load_config(const std::filesystem::path& path);

const char* to_string(SiteKind kind);

// Why `url` cannot be the sync server address ("" = fine): not http(s); a
// path ending in /v1 (the kiosk adds /v1/projects/... itself); http:// to a
// host that is not loopback (the app-user token would travel in clear),
// unless `allow_insecure_http`.
std::string sync_server_url_problem(const std::string& url, bool allow_insecure_http);
// True when the URL's host is localhost, 127.x.x.x or [::1].
bool is_loopback_url(const std::string& url);
// Things that work but a site should know (check-config prints them as
// "warning: ..."): http:// allowed to a host that is not loopback.
std::vector<std::string> config_warnings(const Config& config);

}  // namespace kiosk
