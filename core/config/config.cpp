// Config reading and checking. Sections:
//   [1] small helpers
//   [2] the schema: every key, its type and its check
//   [3] check_config / load_config
#include "config/config.hpp"

#include "base/regular_file.hpp"

#include <openssl/bio.h>
#include "locale/language.hpp"
#include "staff/pin.hpp"

#include <openssl/pem.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <functional>
#include <set>
#include <toml++/toml.h>

namespace kiosk {

namespace fs = std::filesystem;

// [SECTION] 1. helpers ------------------------------------------------------

std::string ConfigProblem::describe() const {
  if (line > 0) return file + ":" + std::to_string(line) + ": " + message;
  return file + ": " + message;
}

const char* to_string(SiteKind kind) {
  switch (kind) {
    case SiteKind::airport: return "airport";
    case SiteKind::land_border: return "land_border";
    case SiteKind::desp_office: return "desp_office";
  }
  return "desp_office";
}

namespace {

bool known_language(const std::string& code) { return find_language(code) != nullptr; }  // assets/languages.toml

// "kk, ru, en, fa-AF, uk": the codes of the language table (`petition`:
// only those a petition may be written in).
std::string language_list(bool petition = false) {
  std::string s;
  for (const auto& l : languages())
    if (!petition || l.petition) s += (s.empty() ? "" : ", ") + l.code;
  return s;
}

// A URL the sync can use: http(s)://host[:port][/path], no spaces.
bool plausible_url(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return false;
  const std::string scheme = url.substr(0, scheme_end);
  if (scheme != "http" && scheme != "https") return false;
  const std::string rest = url.substr(scheme_end + 3);
  if (rest.empty() || rest[0] == '/' || rest[0] == ':') return false;
  return std::none_of(url.begin(), url.end(), [](char c) {
    return c == ' ' || c == '\t' || c == '\n';
  });
}

// Empty string = fine; else why the file cannot be used as a secret.
std::string secret_file_problem(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return "the credentials file " + p.string() + " does not exist";
  if (!S_ISREG(st.st_mode)) return "the credentials file " + p.string() + " is not a regular file";
  if (::access(p.c_str(), R_OK) != 0)
    return "the credentials file " + p.string() + " cannot be read by this user";
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0)
    return "the credentials file " + p.string() +
           " can be read by other users; run: chmod 600 " + p.string();
  return {};
}

std::string public_key_problem(const fs::path& p) {
  // Only a regular file: a FIFO or device would hang check-config.
  auto pem = read_regular_file(p, "the office public key");
  if (!pem) return pem.error().message + ": " + p.string();
  BIO* bio = BIO_new_mem_buf(pem->data(), static_cast<int>(pem->size()));
  EVP_PKEY* key = bio ? PEM_read_bio_PUBKEY(bio, nullptr, nullptr, nullptr) : nullptr;
  BIO_free(bio);
  if (!key) return "the office public key " + p.string() + " is not a PEM public key";
  const bool rsa = EVP_PKEY_base_id(key) == EVP_PKEY_RSA;
  const int bits = EVP_PKEY_bits(key);
  EVP_PKEY_free(key);
  if (!rsa) return "the office public key " + p.string() + " is not an RSA key";
  if (bits != 2048)
    return "the office public key " + p.string() + " has " + std::to_string(bits) +
           " bits; ODK Central needs a 2048-bit RSA key";
  return {};
}

// [SECTION] 2. schema -------------------------------------------------------

enum class Type { string, integer, boolean, string_array };

const char* type_name(Type t) {
  switch (t) {
    case Type::string: return "a text in quotes";
    case Type::integer: return "a whole number";
    case Type::boolean: return "true or false";
    case Type::string_array: return "a list of texts, like [\"a\", \"b\"]";
  }
  return "";
}

// What a key's check sees: its value, the config to fill, and the config
// file's directory for relative paths. Returns "" or a problem sentence.
struct Value {
  std::string s;
  int64_t i = 0;
  bool b = false;
  std::vector<std::string> list;
};
using Apply = std::function<std::string(const Value&, Config&, const fs::path& base)>;

struct Key {
  const char* table;
  const char* name;
  Type type;
  bool required;
  Apply apply;
};

std::string int_range(const char* what, int64_t v, int64_t lo, int64_t hi, int& out) {
  if (v < lo || v > hi)
    return std::string(what) + " must be between " + std::to_string(lo) + " and " +
           std::to_string(hi) + ", not " + std::to_string(v);
  out = static_cast<int>(v);
  return {};
}

// An optional whole-number key TABLE.NAME between lo and hi, kept in
// config.*section.*field.
template <class Section>
Key int_key(const char* table, const char* name, int64_t lo, int64_t hi, Section Config::*section,
            int Section::*field) {
  return {table, name, Type::integer, false,
          [what = std::string(table) + "." + name, lo, hi, section, field](const Value& v, Config& c,
                                                                           const fs::path&) {
            return int_range(what.c_str(), v.i, lo, hi, c.*section.*field);
          }};
}

// An optional true/false key, kept in config.*section.*field.
template <class Section>
Key bool_key(const char* table, const char* name, Section Config::*section, bool Section::*field) {
  return {table, name, Type::boolean, false, [section, field](const Value& v, Config& c, const fs::path&) {
            c.*section.*field = v.b;
            return std::string();
          }};
}

// An optional language code from the language table, kept in config.*section.*field.
template <class Section>
Key language_key(const char* table, const char* name, Section Config::*section, std::string Section::*field) {
  return {table, name, Type::string, false,
          [what = std::string(table) + "." + name, section, field](const Value& v, Config& c,
                                                                   const fs::path&) -> std::string {
            if (!known_language(v.s)) return what + " \"" + v.s + "\" is not one of " + language_list();
            c.*section.*field = v.s;
            return {};
          }};
}

fs::path resolve(const fs::path& base, const std::string& s) {
  const fs::path p(s);
  return p.is_absolute() ? p : base / p;
}

const std::vector<Key>& schema() {
  static const std::vector<Key> keys = {
      {"site", "id", Type::string, true,
       [](const Value& v, Config& c, const fs::path&) -> std::string {
         if (v.s.empty() || v.s.size() > 64) return "site.id must be 1 to 64 characters";
         c.site.id = v.s;
         return {};
       }},
      {"site", "kind", Type::string, true,
       [](const Value& v, Config& c, const fs::path&) -> std::string {
         if (v.s == "airport") c.site.kind = SiteKind::airport;
         else if (v.s == "land_border") c.site.kind = SiteKind::land_border;
         else if (v.s == "desp_office") c.site.kind = SiteKind::desp_office;
         else return "site.kind must be airport, land_border or desp_office, not \"" + v.s + "\"";
         return {};
       }},
      {"site", "office", Type::string, true,
       [](const Value& v, Config& c, const fs::path&) -> std::string {
         if (v.s.empty()) return "site.office must name an office from assets/content";
         c.site.office = v.s;
         return {};
       }},
      {"site", "checkpoint", Type::string, false,
       [](const Value& v, Config& c, const fs::path&) -> std::string {
         c.site.checkpoint = v.s;  // checked against the content by check_site_papers()
         return {};
       }},
      {"site", "petition_language", Type::string, false,
       [](const Value& v, Config& c, const fs::path&) -> std::string {
         if (const Language* l = find_language(v.s); !l || !l->petition)
           return "site.petition_language must be one of " + language_list(true) +
                  " (the law allows only these)";
         c.site.petition_language = v.s;
         return {};
       }},
      {"kiosk", "languages", Type::string_array, false,
       [](const Value& v, Config& c, const fs::path&) -> std::string {
         if (v.list.empty()) return "kiosk.languages must name at least one language";
         for (const auto& l : v.list)
           if (!known_language(l))
             return "kiosk.languages has \"" + l + "\"; known languages are " + language_list();
         c.kiosk.languages = v.list;
         return {};
       }},
      language_key("kiosk", "start_language", &Config::kiosk, &KioskConfig::start_language),
      int_key("kiosk", "idle_warning_seconds", 15, 3600, &Config::kiosk, &KioskConfig::idle_warning_seconds),
      int_key("kiosk", "idle_countdown_seconds", 5, 600, &Config::kiosk, &KioskConfig::idle_countdown_seconds),
      int_key("kiosk", "staff_hold_seconds", 60, 7200, &Config::kiosk, &KioskConfig::staff_hold_seconds),
      bool_key("kiosk", "read_aloud_default", &Config::kiosk, &KioskConfig::read_aloud_default),
      bool_key("kiosk", "headphones", &Config::kiosk, &KioskConfig::headphones),
      int_key("kiosk", "speech_volume", 0, 100, &Config::kiosk, &KioskConfig::speech_volume),
      int_key("kiosk", "help_wait_seconds", 60, 7200, &Config::kiosk, &KioskConfig::help_wait_seconds),
      {"kiosk", "help_command", Type::string_array, false,
       [](const Value& v, Config& c, const fs::path& base) -> std::string {
         // Run without a shell: the first text is the program itself.
         if (v.list.empty()) return {};
         const fs::path program = resolve(base, v.list.front());
         if (v.list.front().empty() || !fs::is_regular_file(program) || ::access(program.c_str(), X_OK) != 0)
           return "kiosk.help_command: \"" + v.list.front() +
                  "\" is not a program the kiosk can run (give its full path; no shell is used)";
         c.kiosk.help_command = v.list;
         c.kiosk.help_command.front() = program.string();
         return {};
       }},
      int_key("kiosk", "help_command_seconds", 1, 60, &Config::kiosk, &KioskConfig::help_command_seconds),
      int_key("kiosk", "assisted_idle_seconds", 60, 7200, &Config::kiosk, &KioskConfig::assisted_idle_seconds),
      {"staff", "pin_hash", Type::string, true,
       [](const Value& v, Config& c, const fs::path&) -> std::string {
         if (auto bad = check_pin_hash(v.s); !bad)
           return "staff.pin_hash is not a PIN hash (" + bad.error().message +
                  "); make one with: asylum-kioskctl hash-pin";
         c.staff.pin_hash = v.s;
         return {};
       }},
      int_key("staff", "max_pin_attempts", 1, 20, &Config::staff, &StaffConfig::max_pin_attempts),
      int_key("staff", "lockout_seconds", 10, 86400, &Config::staff, &StaffConfig::lockout_seconds),
      language_key("staff", "language", &Config::staff, &StaffConfig::language),
      {"printer", "name", Type::string, false,
       [](const Value& v, Config& c, const fs::path&) -> std::string {
         c.printer.name = v.s;
         return {};
       }},
      {"printer", "receipt_width_mm", Type::integer, false,
       [](const Value& v, Config& c, const fs::path&) -> std::string {
         if (v.i != 0 && (v.i < 58 || v.i > 210))
           return "printer.receipt_width_mm must be 0 (A4) or a roll width from 58 to 210";
         c.printer.receipt_width_mm = static_cast<int>(v.i);
         return {};
       }},
      int_key("printer", "saved_papers_hours", 1, 168, &Config::printer, &PrinterConfig::saved_papers_hours),
      {"outbox", "data_dir", Type::string, true,
       [](const Value& v, Config& c, const fs::path& base) -> std::string {
         if (v.s.empty()) return "outbox.data_dir must name a directory";
         c.outbox.data_dir = resolve(base, v.s);
         return {};
       }},
      int_key("outbox", "retention_days", 0, 3650, &Config::outbox, &OutboxConfig::retention_days),
      bool_key("sync", "enabled", &Config::sync, &SyncConfig::enabled),
      {"sync", "server_url", Type::string, false,
       [](const Value& v, Config& c, const fs::path&) -> std::string {
         if (!plausible_url(v.s))
           return "sync.server_url \"" + v.s + "\" is not a web address like https://central.example.org";
         c.sync.server_url = v.s;
         while (!c.sync.server_url.empty() && c.sync.server_url.back() == '/')
           c.sync.server_url.pop_back();
         return {};
       }},
      bool_key("sync", "allow_insecure_http", &Config::sync, &SyncConfig::allow_insecure_http),
      {"sync", "form_source", Type::string, false,
       [](const Value& v, Config& c, const fs::path&) -> std::string {
         if (v.s != "file" && v.s != "server")
           return "sync.form_source must be \"file\" (the kiosk's form and public_key_file) or \"server\" "
                  "(the form and key as the server serves them)";
         c.sync.form_source = v.s;
         return {};
       }},
      {"sync", "kind", Type::string, false,
       [](const Value& v, Config& c, const fs::path&) -> std::string {
         if (v.s != "central" && v.s != "kobo")
           return "sync.kind must be \"central\" (ODK Central) or \"kobo\" (KoboToolbox)";
         c.sync.kind = v.s;
         return {};
       }},
      int_key("sync", "project_id", 1, 1000000000, &Config::sync, &SyncConfig::project_id),
      {"sync", "form_id", Type::string, false,
       [](const Value& v, Config& c, const fs::path&) -> std::string {
         if (v.s.empty()) return "sync.form_id must not be empty";
         c.sync.form_id = v.s;
         return {};
       }},
      {"sync", "auth", Type::string, false,
       [](const Value& v, Config& c, const fs::path&) -> std::string {
         if (v.s != "token" && v.s != "basic")
           return "sync.auth must be \"token\" (ODK Central app user) or \"basic\" (user and password)";
         c.sync.auth = v.s;
         return {};
       }},
      {"sync", "credentials_file", Type::string, false,
       [](const Value& v, Config& c, const fs::path& base) -> std::string {
         c.sync.credentials_file = resolve(base, v.s);
         return secret_file_problem(c.sync.credentials_file);
       }},
      {"sync", "public_key_file", Type::string, true,
       [](const Value& v, Config& c, const fs::path& base) -> std::string {
         c.sync.public_key_file = resolve(base, v.s);
         return public_key_problem(c.sync.public_key_file);
       }},
      {"sync", "ca_file", Type::string, false,
       [](const Value& v, Config& c, const fs::path& base) -> std::string {
         c.sync.ca_file = resolve(base, v.s);
         if (!fs::is_regular_file(c.sync.ca_file))
           return "sync.ca_file " + c.sync.ca_file.string() + " does not exist";
         return {};
       }},
      int_key("sync", "connect_timeout_seconds", 1, 300, &Config::sync, &SyncConfig::connect_timeout_seconds),
      int_key("sync", "request_timeout_seconds", 1, 3600, &Config::sync, &SyncConfig::request_timeout_seconds),
      int_key("sync", "retry_base_seconds", 0, 86400, &Config::sync, &SyncConfig::retry_base_seconds),
      int_key("sync", "retry_max_seconds", 0, 7 * 86400, &Config::sync, &SyncConfig::retry_max_seconds),
      int_key("sync", "poll_seconds", 1, 86400, &Config::sync, &SyncConfig::poll_seconds),
      int_key("content", "max_age_days", 1, 3650, &Config::content, &ContentConfig::max_age_days),
  };
  return keys;
}

int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

// Reads `node` as `type`; returns false when it is of another type.
bool read_value(const toml::node& node, Type type, Value& out) {
  switch (type) {
    case Type::string:
      if (auto s = node.value<std::string>(); s && node.is_string()) { out.s = *s; return true; }
      return false;
    case Type::integer:
      if (node.is_integer()) { out.i = *node.value<int64_t>(); return true; }
      return false;
    case Type::boolean:
      if (node.is_boolean()) { out.b = *node.value<bool>(); return true; }
      return false;
    case Type::string_array: {
      const auto* arr = node.as_array();
      if (!arr) return false;
      for (const auto& el : *arr) {
        if (!el.is_string()) return false;
        out.list.push_back(*el.value<std::string>());
      }
      return true;
    }
  }
  return false;
}

}  // namespace

// [SECTION] 3. check / load --------------------------------------------------

std::vector<ConfigProblem> check_config(const fs::path& path, Config& out) {
  std::vector<ConfigProblem> problems;
  const std::string file = path.string();
  out = Config{};
  out.source = path;

  toml::table root;
  try {
    root = toml::parse_file(file);
  } catch (const toml::parse_error& e) {
    const int line = static_cast<int>(e.source().begin.line);
    std::string what(e.description());
    if (line == 0 && !std::filesystem::exists(path)) what = "the file does not exist";
    problems.push_back({file, line, "not valid TOML: " + what});
    return problems;
  }

  const fs::path base = path.has_parent_path() ? path.parent_path() : fs::path(".");
  const auto& keys = schema();

  // Unknown tables and keys: usually a typo that would silently be ignored.
  for (const auto& [table_name, table_node] : root) {
    const std::string t(table_name.str());
    const auto* table = table_node.as_table();
    const bool known_table = std::any_of(keys.begin(), keys.end(),
                                         [&](const Key& k) { return t == k.table; });
    if (!known_table || !table) {
      problems.push_back({file, line_of(table_node),
                          "unknown section [" + t + "]; known sections are site, kiosk, staff, "
                          "printer, outbox, sync, content"});
      continue;
    }
    for (const auto& [key_name, key_node] : *table) {
      const std::string k(key_name.str());
      const bool known = std::any_of(keys.begin(), keys.end(), [&](const Key& key) {
        return t == key.table && k == key.name;
      });
      if (!known)
        problems.push_back({file, line_of(key_node), "unknown key " + t + "." + k});
    }
  }

  for (const auto& key : keys) {
    const toml::node* node = root[key.table][key.name].node();
    const std::string dotted = std::string(key.table) + "." + key.name;
    if (!node) {
      if (key.required) {
        const toml::node* table = root[key.table].node();
        problems.push_back({file, table ? line_of(*table) : 0,
                            "missing " + dotted + " (required)"});
      }
      continue;
    }
    Value v;
    if (!read_value(*node, key.type, v)) {
      problems.push_back({file, line_of(*node), dotted + " must be " + type_name(key.type)});
      continue;
    }
    out.lines[dotted] = line_of(*node);
    if (std::string(key.table) == "site" && std::string(key.name) == "office")
      out.site.office_line = line_of(*node);
    if (std::string why = key.apply(v, out, base); !why.empty())
      problems.push_back({file, line_of(*node), why});
  }

  if (std::find(out.kiosk.languages.begin(), out.kiosk.languages.end(),
                out.kiosk.start_language) == out.kiosk.languages.end()) {
    const toml::node* n = root["kiosk"]["start_language"].node();
    problems.push_back({file, n ? line_of(*n) : 0,
                        "kiosk.start_language must be one of kiosk.languages"});
  }

  if (out.sync.enabled) {
    const toml::node* n = root["sync"]["enabled"].node();
    const int line = n ? line_of(*n) : 0;
    auto absent = [&](const char* key) { return root["sync"][key].node() == nullptr; };
    for (const char* key : {"server_url", "form_id", "credentials_file"})
      if (absent(key))
        problems.push_back({file, line, std::string("sync is enabled but sync.") + key +
                                            " is missing"});
    if (out.sync.kind == "central" && absent("project_id"))
      problems.push_back({file, line, "sync.kind is central but sync.project_id is missing"});
  }
  if (const toml::node* n = root["sync"]["server_url"].node(); n && !out.sync.server_url.empty())
    if (std::string why = sync_server_url_problem(out.sync.server_url, out.sync.allow_insecure_http);
        !why.empty())
      problems.push_back({file, line_of(*n), why});
  std::stable_sort(problems.begin(), problems.end(),
                   [](const ConfigProblem& a, const ConfigProblem& b) { return a.line < b.line; });
  return problems;
}

namespace {

// "scheme://host[:port]/path" -> host (without brackets for IPv6) and path.
void url_parts(const std::string& url, std::string& scheme, std::string& host, std::string& path) {
  const auto se = url.find("://");
  scheme = se == std::string::npos ? std::string{} : url.substr(0, se);
  const std::string rest = se == std::string::npos ? url : url.substr(se + 3);
  const auto ps = rest.find('/');
  std::string authority = rest.substr(0, ps);
  path = ps == std::string::npos ? std::string{} : rest.substr(ps);
  if (const auto at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
  if (!authority.empty() && authority[0] == '[') {
    host = authority.substr(1, authority.find(']') == std::string::npos ? std::string::npos
                                                                        : authority.find(']') - 1);
  } else {
    host = authority.substr(0, authority.find(':'));
  }
  for (char& c : host) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

}  // namespace

bool is_loopback_url(const std::string& url) {
  std::string scheme, host, path;
  url_parts(url, scheme, host, path);
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

std::string sync_server_url_problem(const std::string& url, bool allow_insecure_http) {
  std::string scheme, host, path;
  url_parts(url, scheme, host, path);
  if (scheme != "https" && scheme != "http")
    return "sync.server_url \"" + url + "\" must start with https://";
  while (!path.empty() && path.back() == '/') path.pop_back();
  if (path.size() >= 3 && path.compare(path.size() - 3, 3, "/v1") == 0)
    return "sync.server_url ends in /v1: give the server's address without /v1 (the kiosk adds "
           "/v1/projects/... itself), e.g. https://central.example.org";
  if (scheme == "http" && !is_loopback_url(url) && !allow_insecure_http)
    return "sync.server_url uses http:// to " + host +
           ": the app-user token and the records would travel unencrypted; use https:// (or, on a "
           "closed test network only, set sync.allow_insecure_http = true)";
  return {};
}

std::vector<std::string> config_warnings(const Config& config) {
  std::vector<std::string> out;
  const auto& s = config.sync;
  if (!s.server_url.empty() && s.server_url.rfind("http://", 0) == 0 && !is_loopback_url(s.server_url) &&
      s.allow_insecure_http)
    out.push_back("sync.allow_insecure_http is true: the app-user token travels unencrypted to " +
                  s.server_url + "; use https:// outside a closed test network");
  return out;
}

Result<Config> load_config(const fs::path& path) {
  Config config;
  const auto problems = check_config(path, config);
  if (!problems.empty()) {
    const auto& p = problems.front();
    return make_error(Errc::parse, p.message, "error.config",
                      p.line > 0 ? p.file + ":" + std::to_string(p.line) : p.file);
  }
  return config;
}

}  // namespace kiosk
