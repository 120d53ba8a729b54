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
  if (ms <= 0) return "never";
  const std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
  return buf;
}

}  // namespace kioskctl
