#include "outbox_support.hpp"

#include <ctime>
#include <iostream>

#include "site_support.hpp"

namespace kioskctl {

std::unique_ptr<kiosk::Config> load_site_config(const Context& ctx) {
  const auto site = load_site_or_say(ctx, kiosk::SiteParts::records);
  if (!site) return nullptr;
  return std::make_unique<kiosk::Config>(site->config);
}

std::optional<SyncSite> load_sync_site(const Context& ctx) {
  auto config = load_site_config(ctx);
  if (!config) return std::nullopt;
  auto settings = kiosk::sync::settings_from_config(*config);
  if (!settings) {
    std::cerr << settings.error().describe() << "\n";
    return std::nullopt;
  }
  return SyncSite{*config, std::move(settings).value()};
}

std::unique_ptr<kiosk::outbox::Outbox> open_outbox(const kiosk::Config& config) {
  auto box = kiosk::outbox::Outbox::open(config.outbox.data_dir);
  if (!box) {
    std::cerr << box.error().describe() << "\n";
    return nullptr;
  }
  return std::move(*box);
}

std::string format_time(int64_t ms) {
  return ms <= 0 ? "never" : kiosk::outbox::readable_utc(ms);
}

}  // namespace kioskctl
