// Shared by the outbox commands (sync, queue, export, import, purge):
// loading the site config and opening the outbox it names.
#pragma once

#include <optional>

#include "sync/sync.hpp"

#include <memory>
#include <string>

#include "command.hpp"
#include "config/config.hpp"
#include "outbox/outbox.hpp"

namespace kioskctl {

// Loads the config named by --config and the office key (load_site with
// SiteParts::records); prints the problems and returns nullptr on failure.
std::unique_ptr<kiosk::Config> load_site_config(const Context& ctx);

// The config (as load_site_config) and its [sync] settings for talking to
// the server; prints the problem and returns nothing on failure.
struct SyncSite {
  kiosk::Config config;
  kiosk::sync::Settings settings;
};
std::optional<SyncSite> load_sync_site(const Context& ctx);

// Opens the outbox of `config`; prints the problem and returns nullptr on failure.
std::unique_ptr<kiosk::outbox::Outbox> open_outbox(const kiosk::Config& config);

// "2026-11-21 12:34:56 UTC" for a time in ms since the epoch; "never" for 0.
std::string format_time(int64_t ms);

}  // namespace kioskctl
