// Every command loads the site the way the kiosk does (core/site/site.hpp).
#pragma once

#include <memory>

#include "command.hpp"
#include "site/site.hpp"

namespace kioskctl {

// load_site(ctx.config_path, parts); prints every problem (FILE:LINE:
// message) to stderr and returns null when there is one.
std::shared_ptr<const kiosk::Site> load_site_or_say(const Context& ctx,
                                                    kiosk::SiteParts parts = kiosk::SiteParts::everything);

}  // namespace kioskctl
