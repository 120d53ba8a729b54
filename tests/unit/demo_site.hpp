// The demo site's data as the kiosk loads it, once per test run: config,
// form, content and translations from the source tree. Shared by the tests
// of views, documents, content and spoken text.
#pragma once

#include <stdexcept>

#include "base/paths.hpp"
#include "config/config.hpp"
#include "content/content.hpp"
#include "form/form.hpp"
#include "locale/catalog.hpp"

namespace demo_site {

struct Site {
  kiosk::Config config;
  kiosk::Form form;
  kiosk::Content content;
  kiosk::Translations tr;
};

inline const Site& get() {
  static const Site s = [] {
    const auto dir = kiosk::data_dir();
    auto c = kiosk::load_config(dir / "kiosk-config/demo.toml");
    auto f = kiosk::load_form(dir / "assets/form/petition.toml");
    auto n = kiosk::load_content(dir / "assets/content");
    auto t = kiosk::Translations::load(dir / "locales");
    if (!c) throw std::runtime_error(c.error().describe());
    if (!f) throw std::runtime_error(f.error().describe());
    if (!n) throw std::runtime_error(n.error().describe());
    if (!t) throw std::runtime_error(t.error().describe());
    return Site{std::move(c).value(), std::move(f).value(), std::move(n).value(), std::move(t).value()};
  }();
  return s;
}

inline const kiosk::Content& content() { return get().content; }
inline const kiosk::Translations& translations() { return get().tr; }

}  // namespace demo_site
