#include "site_support.hpp"

#include <iostream>

namespace kioskctl {

std::shared_ptr<const kiosk::Site> load_site_or_say(const Context& ctx, kiosk::SiteParts parts) {
  auto load = kiosk::load_site(ctx.config_path, parts);
  for (const auto& p : load.problems) std::cerr << p.describe() << "\n";
  if (!load.site)
    std::cerr << "check the site with: asylum-kioskctl check-config " << ctx.config_path.string() << "\n";
  return load.site;
}

}  // namespace kioskctl
