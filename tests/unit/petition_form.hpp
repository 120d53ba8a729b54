// The demo petition form (assets/form/petition.toml), loaded once per test
// run, for the tests that drive core's session reducer.
#pragma once

#include <stdexcept>

#include "base/paths.hpp"
#include "form/form.hpp"

namespace test_support {

inline const kiosk::Form& petition() {
  static const kiosk::Form form = [] {
    auto f = kiosk::load_form(kiosk::data_dir() / "assets/form/petition.toml");
    if (!f) throw std::runtime_error(f.error().describe());
    return std::move(f).value();
  }();
  return form;
}

}  // namespace test_support
