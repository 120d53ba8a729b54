// What the guidance screen says for one person at one moment: the deadline
// sentences (hours left from the clock that is passed in, never a cached
// one) and the guidance sections for their situation, the site's office
// first. The screen draws these; tests call them with any clock.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "content/content.hpp"
#include "content/guidance.hpp"
#include "flow/session.hpp"
#include "locale/catalog.hpp"

namespace kiosk {

// The guidance screen's sections for `session` at the instant `now`: the
// short version (Session::guidance_full false) or everything.
std::vector<TextSection> guidance_view(const Content& content, const Translations& tr,
                                       const Config& config, const Session& session,
                                       std::chrono::system_clock::time_point now);

// guidance_view(), made again only when what it says changes: the language,
// the situation, the site's office, the date or the hours left in Kazakhstan.
// Owned by the running kiosk (one per kiosk, not a function static) and
// cleared at every wipe, so it never holds a previous person's situation.
class GuidanceView {
 public:
  const std::vector<TextSection>& get(const Content& content, const Translations& tr,
                                      const Config& config, const Session& session,
                                      std::chrono::system_clock::time_point now);
  void clear();
  [[nodiscard]] int builds() const { return builds_; }  // how often it was made (tests)
  [[nodiscard]] const std::vector<TextSection>& sections() const { return sections_; }

 private:
  std::string key_;
  std::vector<TextSection> sections_;
  int builds_ = 0;
};

}  // namespace kiosk
