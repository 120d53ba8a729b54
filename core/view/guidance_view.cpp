#include "view/guidance_view.hpp"

#include "content/date.hpp"
#include "finish/finish.hpp"
#include "locale/language.hpp"

namespace kiosk {

namespace {

const std::string& language_of(const Session& s, const Config& config) {
  return s.lang.empty() ? config.kiosk.start_language : s.lang;
}

}  // namespace

std::vector<TextSection> guidance_view(const Content& content, const Translations& tr,
                                       const Config& config, const Session& session,
                                       std::chrono::system_clock::time_point now) {
  std::vector<TextSection> out;
  const Language* lang = find_language(language_of(session, config));
  if (!lang) return out;
  const Texts texts(tr, *lang);
  const auto& s = session.situation;
  const LocalTimeKz kz = local_time_kz(now);
  // The short version first (the deadline, where to go now, free help by
  // phone); everything when the person asks.
  const bool full = session.guidance_full;
  if (const auto deadline = session_deadline(content, s, kz.date))
    out.push_back({"deadline", texts("deadline.title"),
                   full ? describe_deadline(*deadline, kz.date, hours_left_in_day(kz), texts)
                        : describe_deadline_brief(*deadline, kz.date, hours_left_in_day(kz), texts),
                   {}, {}});
  const GuidanceOptions options{config.site.office, to_string(s.where)};
  for (auto& section : full ? guidance_sections(content, texts, options) : brief_sections(content, texts, options))
    out.push_back(std::move(section));
  return out;
}

const std::vector<TextSection>& GuidanceView::get(const Content& content, const Translations& tr,
                                                  const Config& config, const Session& session,
                                                  std::chrono::system_clock::time_point now) {
  const LocalTimeKz kz = local_time_kz(now);
  const auto& s = session.situation;
  const std::string key = language_of(session, config) + "|" + to_string(s.where) + "|" + to_string(s.entry) + "|" +
                          s.arrival + "|" + config.site.office + "|" + to_iso(kz.date) + "|" +
                          std::to_string(hours_left_in_day(kz)) + (session.guidance_full ? "|full" : "|short");
  if (key != key_ || builds_ == 0) {
    sections_ = guidance_view(content, tr, config, session, now);
    key_ = key;
    ++builds_;
  }
  return sections_;
}

void GuidanceView::clear() {
  sections_.clear();
  sections_.shrink_to_fit();
  key_.clear();
  builds_ = 0;
}

}  // namespace kiosk
