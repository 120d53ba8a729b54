// Guidance texts. Sections:
//   [1] Texts, small helpers
//   [2] places and hours
//   [3] deadline sentences
//   [4] guidance sections
//   [5] review script, plain text
#include "content/guidance.hpp"

#include <algorithm>

namespace kiosk {

// [SECTION] 1. Texts ------------------------------------------------------------

std::string Texts::operator()(const std::string& key, const MessageArgs& args) const {
  if (used_) used_->insert(key);
  return t_.tr(lang_.code, key, args);
}

std::string Texts::spoken(const std::string& key, const MessageArgs& args) const {
  const std::string spoken_key = key + ".spoken";
  if (!t_.catalog(lang_.code).has(spoken_key)) return (*this)(key, args);
  if (used_) used_->insert(spoken_key);
  return t_.tr(lang_.code, spoken_key, args);
}

const char* situation_of(SiteKind kind) {
  switch (kind) {
    case SiteKind::airport: return "airport";
    case SiteKind::land_border: return "land_border";
    case SiteKind::desp_office: return "inside";
  }
  return "inside";
}

namespace {

MessageArgs to_args(const std::map<std::string, int64_t>& m) {
  MessageArgs a;
  for (const auto& [k, v] : m) a.emplace_back(k, v);
  return a;
}

}  // namespace

// [SECTION] 2. places -------------------------------------------------------------

std::string format_hours(const std::vector<OpeningHours>& hours, const Texts& tr, bool spoken) {
  if (hours.empty()) return tr("place.hours_unknown");
  const Language& lang = tr.language();
  const auto time = spoken ? spoken_time : format_time;
  const auto text = [&](const std::string& key, const MessageArgs& args) {
    return spoken ? tr.spoken(key, args) : tr(key, args);
  };
  std::string out;
  for (const auto& h : hours) {
    if (!out.empty()) out += lang.rtl ? "؛ " : "; ";
    const std::string open = time(h.open_hour, h.open_minute, lang);
    const std::string close = time(h.close_hour, h.close_minute, lang);
    if (h.first_day == h.last_day)
      out += text("place.hours.day", {{"day", weekday_name(h.first_day, lang)},
                                      {"open", open}, {"close", close}});
    else
      out += text("place.hours.days", {{"first", weekday_name(h.first_day, lang)},
                                       {"last", weekday_name(h.last_day, lang)},
                                       {"open", open}, {"close", close}});
  }
  return tr("place.hours", {{"hours", out}});
}

std::vector<std::string> describe_place(const Place& place, const Texts& tr,
                                        std::vector<std::string>* spoken,
                                        std::vector<std::string>* russian) {
  const Language& lang = tr.language();
  std::vector<std::string> lines;
  // A line that is said as written.
  auto add = [&](std::string line) {
    if (spoken) spoken->push_back(line);
    if (russian) russian->emplace_back();
    lines.push_back(std::move(line));
  };
  add(place.name.get(lang.code));
  if (!place.what_key.empty()) add(tr(place.what_key));
  add(tr("place.address", {{"address", place.address.get(lang.code)}}));
  if (lang.code != "ru") {
    const MessageArgs args{{"address", isolate_ltr(place.address.get("ru"), lang)}};
    lines.push_back(tr("place.address_ru", args));
    if (spoken) spoken->push_back(tr.spoken("place.address_ru", args));
    if (russian) russian->push_back(place.address.get("ru"));
  }
  lines.push_back(format_hours(place.hours, tr));
  if (spoken) spoken->push_back(format_hours(place.hours, tr, true));
  if (russian) russian->emplace_back();
  for (const auto& phone : place.phones) {
    lines.push_back(tr("place.phone", {{"phone", format_phone(phone, lang)}}));
    if (spoken) spoken->push_back(tr.spoken("place.phone", {{"phone", spoken_phone(phone)}}));
    if (russian) russian->emplace_back();
  }
  if (place.unconfirmed) add(tr("common.unconfirmed"));
  return lines;
}

// [SECTION] 3. deadline -----------------------------------------------------------

std::vector<std::string> describe_deadline(const Deadline& d, const CivilDate& today,
                                           int hours_left_today, const Texts& tr) {
  const Language& lang = tr.language();
  std::vector<std::string> lines;
  const int64_t days = d.period_days;
  if (d.entry == EntryKind::checkpoint)
    lines.push_back(tr("deadline.rule.checkpoint", {{"days", days}}));
  else if (d.same_day)
    lines.push_back(tr("deadline.rule.no_checkpoint_today"));
  else
    lines.push_back(tr("deadline.rule.no_checkpoint", {{"days", days}}));
  if (!d.counting_confirmed) lines.push_back(tr("deadline.rule.unconfirmed"));
  lines.push_back(tr("deadline.today_is", {{"date", format_date(today, lang)}}));
  // The day the person learned they cannot go back is not an arrival.
  lines.push_back(tr(d.realised ? "deadline.realised_on" : "deadline.arrived",
                     {{"date", format_date(d.arrival, lang)}}));
  if (d.passed()) {
    // Never a bare past date: the day has passed, and they should go today.
    lines.push_back(tr("deadline.passed_on", {{"date", format_date(d.last_day, lang)}}));
    lines.push_back(tr("deadline.go_today"));
    lines.push_back(tr("deadline.explain_late"));
    lines.push_back(tr("deadline.help_below"));
    return lines;
  }
  lines.push_back(tr("deadline.last_day", {{"date", format_date(d.last_day, lang)}}));
  if (d.last_day_is_today()) {
    lines.push_back(tr("deadline.last_day_today"));
    lines.push_back(tr("deadline.hours_left", {{"hours", int64_t{hours_left_today}}}));
  } else {
    lines.push_back(tr("deadline.days_left", {{"days", d.days_left}}));
    lines.push_back(tr("deadline.hurry"));
  }
  return lines;
}

std::vector<std::string> describe_deadline_brief(const Deadline& d, const CivilDate& today,
                                                 int hours_left_today, const Texts& tr) {
  (void)today;
  const Language& lang = tr.language();
  if (d.passed())
    return {tr("deadline.passed_on", {{"date", format_date(d.last_day, lang)}}), tr("deadline.go_today")};
  if (d.last_day_is_today())
    return {tr("deadline.last_day_today"), tr("deadline.hours_left", {{"hours", int64_t{hours_left_today}}})};
  return {tr("deadline.last_day", {{"date", format_date(d.last_day, lang)}}),
          tr("deadline.days_left", {{"days", d.days_left}})};
}

// [SECTION] 4. guidance sections ---------------------------------------------------

std::vector<TextSection> guidance_sections(const Content& content, const Texts& tr,
                                           const GuidanceOptions& options) {
  std::vector<TextSection> out;
  for (const auto& section : content.sections) {
    TextSection ts;
    ts.id = section.id;
    ts.title = tr(section.title_key);
    for (const auto& item : section.items) {
      if (!options.situation.empty() && !item.when.empty() &&
          std::find(item.when.begin(), item.when.end(), options.situation) == item.when.end())
        continue;
      const MessageArgs args = to_args(item.args);
      // Every line with its spoken form, so the two stay parallel.
      auto add = [&](const std::string& key, const MessageArgs& a) {
        ts.lines.push_back(tr(key, a));
        ts.spoken.push_back(tr.spoken(key, a));
      };
      if (!item.title_key.empty()) add(item.title_key, args);
      for (const auto& key : item.text_keys) add(key, args);
      if (item.unconfirmed) add("common.unconfirmed", {});
      // The site's own office first, the others in file order.
      std::vector<const Place*> places;
      for (const auto& id : item.places)
        if (const Place* p = content.find_place(id)) places.push_back(p);
      std::stable_partition(places.begin(), places.end(),
                            [&](const Place* p) { return p->id == options.site_office; });
      for (const Place* p : places) {
        if (ts.lines.empty() || !ts.lines.back().empty()) {
          ts.lines.emplace_back();
          ts.spoken.emplace_back();
        }
        if (p->id == options.site_office && p->kind == "desp") add("place.here", {});
        std::vector<std::string> said, russian;
        ts.russian.resize(ts.lines.size());
        for (auto& line : describe_place(*p, tr, &said, &russian)) ts.lines.push_back(std::move(line));
        for (auto& line : said) ts.spoken.push_back(std::move(line));
        for (auto& line : russian) ts.russian.push_back(std::move(line));
        ts.lines.emplace_back();  // blank line after each place
        ts.spoken.emplace_back();
      }
    }
    out.push_back(std::move(ts));
  }
  return out;
}

namespace {

// How a list is joined in `lang` (the Persian comma in Dari).
}  // namespace

std::vector<TextSection> brief_sections(const Content& content, const Texts& tr,
                                        const GuidanceOptions& options) {
  auto applies = [&](const Item& item) {
    return options.situation.empty() || item.when.empty() ||
           std::find(item.when.begin(), item.when.end(), options.situation) != item.when.end();
  };
  TextSection now{"now", tr("guidance.brief.now"), {}, {}, {}};
  TextSection help{"help", tr("guidance.help.title"), {}, {}, {}};
  auto add = [&](TextSection& ts, const std::string& key, const MessageArgs& a) {
    ts.lines.push_back(tr(key, a));
    ts.spoken.push_back(tr.spoken(key, a));
    ts.russian.emplace_back();
  };
  for (const auto& section : content.sections) {
    for (const auto& item : section.items) {
      if (!item.brief || !applies(item)) continue;
      const MessageArgs args = to_args(item.args);
      if (section.id == "help") {
        // What free help is; then each organisation by name and phones,
        // enough to call (its other sentences are in the full text).
        if (item.places.empty())
          for (const auto& key : item.text_keys) add(help, key, args);
        const Language& lang = tr.language();
        for (const auto& id : item.places) {
          const Place* p = content.find_place(id);
          if (!p || p->phones.empty()) continue;
          std::string shown, said;
          for (const auto& phone : p->phones) {
            shown += (shown.empty() ? "" : list_separator(lang)) + format_phone(phone, lang);
            said += (said.empty() ? "" : list_separator(lang)) + spoken_phone(phone);
          }
          const std::string name = p->name.get(lang.code);
          help.lines.push_back(tr("guidance.brief.phone", {{"name", name}, {"phone", shown}}));
          help.spoken.push_back(tr.spoken("guidance.brief.phone", {{"name", name}, {"phone", said}}));
          help.russian.emplace_back();
        }
        continue;
      }
      // At a border the short version says only what to do there.
      const bool inside = options.situation == "inside" || options.situation.empty();
      if (!inside && item.when.empty()) continue;
      if (item.places.empty())
        for (const auto& key : item.text_keys) add(now, key, args);
      // Inside the country: this site's office, where to go now.
      if (inside)
        for (const auto& id : item.places) {
          if (id != options.site_office) continue;
          const Place* p = content.find_place(id);
          if (!p) continue;
          now.lines.emplace_back();
          now.spoken.emplace_back();
          now.russian.emplace_back();
          add(now, "place.here", {});
          std::vector<std::string> said, russian;
          auto lines = describe_place(*p, tr, &said, &russian);
          // Its lines less the phones (they come last, before the note).
          const size_t after = p->unconfirmed ? 1 : 0;
          const size_t phones_end = lines.size() - after, phones_begin = phones_end - p->phones.size();
          for (size_t i = 0; i < lines.size(); ++i) {
            if (i >= phones_begin && i < phones_end) continue;
            now.lines.push_back(lines[i]);
            now.spoken.push_back(said[i]);
            now.russian.push_back(russian[i]);
          }
        }
    }
  }
  // Free help by phone comes first: heard within a minute in every
  // language (the bench measures it), then where to go now.
  std::vector<TextSection> out;
  if (!help.lines.empty()) out.push_back(std::move(help));
  if (!now.lines.empty()) out.push_back(std::move(now));
  TextSection more{"more", {}, {}, {}, {}};
  add(more, "guidance.brief.more", {});
  out.push_back(std::move(more));
  return out;
}

// [SECTION] 5. review script --------------------------------------------------------

std::vector<TextSection> review_script(const Content& content, const Config& config,
                                       const Texts& tr, const ReviewOptions& options) {
  const Language& lang = tr.language();
  std::vector<TextSection> out;
  auto section = [&](const std::string& id, const std::string& title,
                     std::initializer_list<std::string> keys) -> TextSection& {
    TextSection s{id, title.empty() ? std::string() : tr(title), {}};
    for (const auto& k : keys) s.lines.push_back(tr(k));
    out.push_back(std::move(s));
    return out.back();
  };

  section("attract", "app.name", {"attract.touch", "attract.free", "attract.private"});
  section("language", "language.title", {"language.change", "nav.next", "nav.back", "nav.home"});
  section("situation", "situation.where.title",
          {"situation.where.land_border", "situation.where.airport",
           "situation.where.airport_transit", "situation.where.inside",
           "situation.entry.title", "situation.entry.checkpoint", "situation.entry.no_checkpoint",
           "situation.entry.unsure_choice", "situation.entry.unsure_hint", "situation.date.title",
           "situation.date.realised", "situation.date.realised_choice",
           "situation.date.today", "situation.date.yesterday", "situation.date.pick"});

  // Deadline: worked examples for both entry kinds, arriving today, then the
  // last-day and passed cases.
  TextSection& dl = section("deadline", "deadline.title", {});
  const DeadlineRule& rule = content.deadline;
  auto add = [&](const std::vector<std::string>& lines) {
    dl.lines.insert(dl.lines.end(), lines.begin(), lines.end());
    dl.lines.emplace_back();
  };
  const CivilDate today = options.today;
  if (auto d = compute_deadline(rule, EntryKind::checkpoint, today, today))
    add(describe_deadline(*d, today, options.hours_left_today, tr));
  if (auto d = compute_deadline(rule, EntryKind::not_through_checkpoint, today, today))
    add(describe_deadline(*d, today, options.hours_left_today, tr));
  const CivilDate on_last_day = add_days(today, -rule.days_if_no_checkpoint);
  if (auto d = compute_deadline(rule, EntryKind::not_through_checkpoint, on_last_day, today))
    add(describe_deadline(*d, today, options.hours_left_today, tr));
  const CivilDate too_late = add_days(today, -(rule.days_after_arrival + 2));
  if (auto d = compute_deadline(rule, EntryKind::checkpoint, too_late, today))
    add(describe_deadline(*d, today, options.hours_left_today, tr));
  // The guidance screen shows only describe_deadline()'s lines (X9): the
  // counting note is among them, so nothing else is listed here.

  out.push_back({"guidance", tr("guidance.title"), {}});
  GuidanceOptions g;
  g.site_office = config.site.office;  // review: every situation's items
  for (auto& s : guidance_sections(content, tr, g)) out.push_back(std::move(s));

  TextSection& consent = section("consent", "consent.title", {});
  consent.lines.push_back(tr("consent.printed", {{"language", config.site.petition_language}}));
  for (const char* k : {"consent.stored", "consent.who", "consent.sent", "consent.wipe",
                        "consent.agree", "consent.decline", "consent.declined"})
    consent.lines.push_back(tr(k));

  TextSection& idle = section("idle", "idle.title", {});
  idle.lines.push_back(
      tr("idle.countdown", {{"seconds", int64_t{config.kiosk.idle_countdown_seconds}}}));
  idle.lines.push_back(tr("idle.continue"));

  TextSection& print = section("print", "print.title", {"print.wait", "print.take", "print.petition"});
  print.lines.push_back(
      tr("print.receipt", {{"code", isolate_ltr(options.reference_code, lang)}}));
  print.lines.push_back(tr("print.retry"));
  print.lines.push_back(tr("print.ask_staff"));

  TextSection& done = section("done", "done.title", {});
  done.lines.push_back(
      tr("done.next", {{"date", format_date(add_days(today, rule.days_after_arrival), lang)}}));
  done.lines.push_back(tr("done.wiped"));
  done.lines.push_back(tr("done.goodbye"));

  section("errors", "",
          {"error.printer.offline", "error.printer.paper", "error.disk.full", "error.config",
           "error.generic", "error.date.future", "error.date.invalid"});
  return out;
}

std::string to_plain_text(const std::vector<TextSection>& sections) {
  std::string out;
  for (const auto& s : sections) {
    out += "=== " + s.id + " ===\n";
    if (!s.title.empty()) out += s.title + "\n\n";
    for (size_t i = 0; i < s.lines.size(); ++i) {
      out += s.lines[i] + "\n";
      // What read-aloud says instead, for the reviewer to read too.
      if (s.spoken_line(i) != s.lines[i]) out += "(read aloud: " + s.spoken_line(i) + ")\n";
    }
    out += "\n";
  }
  return out;
}

}  // namespace kiosk
