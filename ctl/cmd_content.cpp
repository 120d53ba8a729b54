// content LANG [--today YYYY-MM-DD]: prints all guidance text of a language
// as plain text, in the order a person meets it, for review by translators
// and staff. The site (office shown first, petition language, idle countdown)
// comes from --config. --today fixes "today" so the output can be compared.
#include <chrono>
#include <iostream>

#include "base/paths.hpp"
#include "command.hpp"
#include "site_support.hpp"
#include "config/config.hpp"
#include "content/content.hpp"
#include "content/guidance.hpp"
#include "locale/catalog.hpp"
#include "locale/language.hpp"

namespace {

int run(kioskctl::Context& ctx) {
  const std::string today_arg = kioskctl::take_option(ctx.args, "--today");
  if (ctx.args.size() != 1) {
    std::cerr << "usage: asylum-kioskctl content LANG [--today YYYY-MM-DD]\n"
                 "LANG is one of: kk ru en fa-AF uk\n";
    return 2;
  }
  const kiosk::Language* lang = kiosk::find_language(ctx.args.front());
  if (!lang) {
    std::cerr << "unknown language \"" << ctx.args.front() << "\"; use one of: kk ru en fa-AF uk\n";
    return 2;
  }
  const auto site = kioskctl::load_site_or_say(ctx);
  if (!site) return 1;
  const kiosk::Config* config = &site->config;
  const kiosk::Translations* translations = &site->tr;
  const kiosk::Content* content = &site->content;
  kiosk::ReviewOptions options;
  const auto now = kiosk::local_time_kz(std::chrono::system_clock::now());
  if (today_arg.empty()) {
    options.today = now.date;
    options.hours_left_today = kiosk::hours_left_in_day(now);
  } else {
    auto today = kiosk::parse_iso_date(today_arg);
    if (!today) {
      std::cerr << "--today: " << today.error().message << "\n";
      return 2;
    }
    options.today = *today;
  }
  const kiosk::Texts tr(*translations, *lang);
  std::cout << kiosk::to_plain_text(kiosk::review_script(*content, *config, tr, options));
  const auto age = kiosk::content_age(*content, options.today, config->content.max_age_days);
  if (age.stale) std::cerr << "warning: " << age.describe() << "\n";
  return 0;
}

const kioskctl::Registration reg({"content", "content LANG [--today YYYY-MM-DD]",
                                  "print all guidance text of a language in session order, for review",
                                  run});

}  // namespace
