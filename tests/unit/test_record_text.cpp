// What the person is told when the outbox cannot store their record (issue
// 18): core's record_lines() and done_lines() from the record service's
// answer, in all five languages; never "cannot be saved" next to "nothing
// is lost".
#include <catch2/catch.hpp>

#include <chrono>
#include <string>

#include "locale/language.hpp"
#include "demo_site.hpp"
#include "finish/finish.hpp"
#include "flow/session.hpp"

using namespace kiosk;
using outbox::RecordFate;

namespace {

std::string joined(const std::vector<std::string>& lines) {
  std::string all;
  for (const auto& l : lines) all += l + "\n";
  return all;
}

bool has(const std::string& all, const std::string& text) { return all.find(text) != std::string::npos; }

Session finished(const std::string& lang) {
  Session s = wiped();
  s.lang = lang;
  s.situation.where = kiosk::Where::inside;
  s.situation.entry = kiosk::Entry::checkpoint;
  s.situation.arrival = "2026-11-18";
  s.consented = true;
  s.step = Step::done;
  return s;
}

const std::chrono::year_month_day kToday{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{21}};

}  // namespace

TEST_CASE("a stored record adds nothing, a held or lost one is said plainly in every language", "[finish][record]") {
  const auto& site = demo_site::get();
  const auto& tr = site.tr;
  for (const std::string& lang : kiosk::language_codes()) {
    DYNAMIC_SECTION(lang) {
      CHECK(record_lines(tr, lang, RecordFate::stored).empty());
      const auto held = record_lines(tr, lang, RecordFate::held);
      REQUIRE(held.size() == 3);
      CHECK(held[0] == tr.tr(lang, "record.held"));
      CHECK(held[1] == tr.tr(lang, "record.held_off"));
      CHECK(held[2] == tr.tr(lang, "record.papers_count"));
      const auto lost = record_lines(tr, lang, RecordFate::not_kept);
      REQUIRE(lost.size() == 3);
      CHECK(lost[0] == tr.tr(lang, "record.not_kept"));
      CHECK(lost[2] == tr.tr(lang, "record.tell_staff"));
      // Each language has its own words (no English fallback), and the
      // keys exist there.
      for (const char* key : {"record.held", "record.held_off", "record.not_kept", "record.papers_count",
                              "record.tell_staff"}) {
        INFO(key);
        CHECK(tr.catalog(lang).has(key));
        if (std::string(lang) != "en") CHECK(tr.tr(lang, key) != tr.tr("en", key));
      }
    }
  }
}

TEST_CASE("the done screen says a held record is held, and never that it cannot be saved", "[finish][record]") {
  const auto& site = demo_site::get();
  const auto& tr = site.tr;
  for (const std::string& lang : kiosk::language_codes()) {
    DYNAMIC_SECTION(lang) {
      const Session s = finished(lang);
      const std::string stored = joined(done_lines(site.content, site.config, tr, s, kToday));
      const std::string held = joined(done_lines(site.content, site.config, tr, s, kToday, RecordFate::held));
      const std::string lost = joined(done_lines(site.content, site.config, tr, s, kToday, RecordFate::not_kept));
      INFO(held);
      CHECK_FALSE(has(stored, tr.tr(lang, "record.held")));
      CHECK(has(held, tr.tr(lang, "record.held")));
      CHECK(has(held, tr.tr(lang, "record.papers_count")));
      CHECK(has(lost, tr.tr(lang, "record.not_kept")));
      CHECK_FALSE(has(lost, tr.tr(lang, "record.held")));
      for (const auto* all : {&held, &lost}) {
        CHECK_FALSE(has(*all, tr.tr(lang, "error.disk.full")));
        CHECK_FALSE(has(*all, tr.tr(lang, "print.ask_staff")));
      }
      // Before the wipe and the goodbye, which stay the last lines.
      CHECK(held.find(tr.tr(lang, "record.held")) < held.find(tr.tr(lang, "done.wiped")));
      // After "I do not agree" there is no record to speak of.
      Session declined = s;
      declined.consented = false;
      declined.declined = true;
      CHECK_FALSE(has(joined(done_lines(site.content, site.config, tr, declined, kToday, RecordFate::held)),
                      tr.tr(lang, "record.held")));
    }
  }
}
