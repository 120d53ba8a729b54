#include "view/staff_view.hpp"

#include <algorithm>
#include "content/date.hpp"
#include "locale/language.hpp"

namespace kiosk {

namespace {
// Sentences joined by a space (append, not operator+: GCC 12 warns wrongly
// about `" " + std::string`).
void add_sentence(std::string& out, const std::string& line) {
  if (line.empty()) return;
  if (!out.empty()) out.push_back(' ');
  out.append(line);
}
}  // namespace

const std::string& shown_language(const Session& s, const Config& config) {
  if (s.step == Step::staff || s.step == Step::staff_pin) return config.staff.language;
  return s.lang.empty() ? config.kiosk.start_language : s.lang;
}

const std::string& staff_paper_language(const Session& s, const Config& config) {
  return s.lang.empty() ? config.staff.language : s.lang;
}

std::string StaffView::note(StaffNote n) const {
  switch (n) {
    case StaffNote::busy: return t("staff.note.busy");
    case StaffNote::sync_started: return t("staff.note.sync_started");
    case StaffNote::sync_off: return t("staff.note.sync_off");
    case StaffNote::no_usb: return t("staff.note.no_usb");
    case StaffNote::nothing_to_reprint: return t("staff.note.nothing_to_reprint");
  }
  return {};
}

std::string StaffView::queue(const sync::RecordService::Status& st) const {
  std::string out;
  auto add = [&](const std::string& line) { add_sentence(out, line); };
  if (!st.outbox_open) add(t("staff.queue.no_outbox", {{"cause", st.storage_problem}}));
  if (st.held > 0)
    add(t("staff.queue.held", {{"count", int64_t{st.held}}, {"cause", st.storage_problem}}));
  if (st.outbox_open) {
    const auto& c = st.counts;
    add(t("staff.queue.counts", {{"waiting", int64_t{c.queued + c.sending}},
                                 {"sent", int64_t{c.sent}},
                                 {"failed", int64_t{c.failed_permanent}},
                                 {"usb", int64_t{c.exported_unsent}}}));
    if (c.damaged > 0) add(t("staff.queue.damaged", {{"count", int64_t{c.damaged}}}));
    if (st.last_sync) {
      const std::string key = "staff.sync." + st.last_sync->outcome;
      std::string outcome = t(key);
      if (outcome == key) outcome = st.last_sync->outcome;  // an outcome this build has no words for
      add(t("staff.queue.last_sync", {{"outcome", outcome}}));
      add(st.last_sync->message);  // the server's or the network's own words
    } else {
      add(t("staff.queue.no_sync"));
    }
  }
  if (!st.sync_problem.empty()) add(t("staff.queue.sync_problem", {{"cause", st.sync_problem}}));
  else if (!st.sync_enabled && st.outbox_open) add(t("staff.queue.usb_only"));
  add(form(st));
  return out;
}

std::string StaffView::printer(const PrinterStatus& st) const {
  const char* state = st.state == PrinterState::idle         ? "staff.printer.idle"
                      : st.state == PrinterState::processing ? "staff.printer.processing"
                                                             : "staff.printer.stopped";
  std::string out = t("staff.printer.line", {{"printer", st.name}, {"state", t(state)}});
  if (!st.reasons.empty() || !st.message.empty()) {
    std::string why;
    for (const auto& r : st.reasons) {
      if (!why.empty()) why.append(", ");
      why.append(r);
    }
    if (!st.message.empty()) {
      if (!why.empty()) why.append("; ");
      why.append("\"").append(st.message).append("\"");
    }
    add_sentence(out, t("staff.printer.reasons", {{"reasons", why}}));
  }
  if (!st.accepting) add_sentence(out, t("staff.printer.not_accepting"));
  if (!st.user_key.empty()) add_sentence(out, t(st.user_key));
  return out;
}

std::string StaffView::content(const ContentAge& age) const {
  const Language* l = find_language(lang_);
  const std::string date = l ? format_date(age.as_of, *l) : to_iso(age.as_of);
  std::string out = t("staff.content.age", {{"date", date}, {"days", age.age_days}});
  if (age.stale) add_sentence(out, t("staff.content.stale", {{"max", int64_t{age.max_age_days}}}));
  return out;
}

std::string StaffView::problem(const Error& e) const {
  if (!e.user_key.empty()) {
    std::string out = t(e.user_key);
    add_sentence(out, t("staff.cause", {{"cause", e.describe()}}));
    return out;
  }
  return t("staff.problem", {{"cause", e.describe()}});
}

std::string StaffView::outbox_problem(const Error& e) const {
  return t("staff.outbox_problem", {{"cause", e.describe()}});
}

std::string StaffView::not_stored(const Error& e) const {
  return t("staff.not_stored", {{"cause", e.describe()}});
}

std::string StaffView::printed(StaffPaper paper, const std::string& paper_lang,
                               const std::string& printer_name) const {
  const Language* l = find_language(paper_lang);
  return t("staff.printed", {{"paper", t(paper == StaffPaper::test_page ? "staff.paper.test_page"
                                                                          : "staff.paper.blank_petition")},
                             {"language", l ? l->native_name : paper_lang},
                             {"printer", printer_name}});
}

std::string StaffView::exported(int written, const std::filesystem::path& root) const {
  return t("staff.exported", {{"count", int64_t{written}}, {"folder", root.string()}});
}

StaffWords StaffView::print_words() const {
  StaffWords w;
  w.reprinted = t("staff.reprinted");
  w.problem = [view = *this](const Error& e) { return view.problem(e); };
  return w;
}

std::string StaffView::form(const sync::RecordService::Status& st) const {
  if (!st.form_from_server) return {};
  if (!st.form_problem.empty())
    return t("staff.form.refused", {{"reason", st.form_problem}, {"version", st.form_version}});
  return t("staff.form.server", {{"version", st.form_version}});
}


}  // namespace kiosk

// [SECTION] saved papers, held and damaged records (issue 18) ----------------

namespace kiosk {

StaffPapersView staff_papers_view(const Translations& tr, const std::string& lang, int held, int damaged,
                                  const std::vector<SavedPaper>& papers, int64_t now, const std::string& asked) {
  StaffPapersView v;
  const auto count = [](int n) { return n < 0 ? MessageArg(std::string("?")) : MessageArg(int64_t{n}); };
  v.open = tr.tr(lang, "staff.papers.open",
                 {{"papers", static_cast<int64_t>(papers.size())}, {"held", count(held)}, {"damaged", count(damaged)}});
  v.title = tr.tr(lang, "staff.papers.title");
  if (held > 0) v.records.push_back(tr.tr(lang, "staff.records.held", {{"count", int64_t{held}}}));
  if (damaged > 0) v.records.push_back(tr.tr(lang, "staff.records.damaged", {{"count", int64_t{damaged}}}));
  if (held < 0 || damaged < 0) v.records.push_back(tr.tr(lang, "staff.records.unknown"));
  for (const auto& p : papers) {
    const int64_t age = std::max<int64_t>(0, now - p.saved_at) / 60;  // minutes
    const int64_t left = (std::max<int64_t>(0, p.expires_at - now) + 3599) / 3600;  // hours, rounded up
    v.papers.push_back({p.reference, tr.tr(lang, "staff.papers.row",
                                           {{"code", p.reference},
                                            {"hours", age / 60},
                                            {"minutes", age % 60},
                                            {"left", left}})});
  }
  if (papers.empty()) v.none = tr.tr(lang, "staff.papers.none");
  if (!asked.empty()) v.asking = tr.tr(lang, "staff.papers.ask", {{"code", asked}});
  v.print = tr.tr(lang, "staff.papers.print");
  v.remove = tr.tr(lang, "staff.papers.delete");
  v.yes = tr.tr(lang, "staff.papers.yes");
  v.no = tr.tr(lang, "staff.papers.no");
  v.back = tr.tr(lang, "staff.papers.back");
  return v;
}

std::string staff_saved_printed(const Translations& tr, const std::string& lang, const std::string& reference,
                                const std::string& error) {
  return error.empty() ? tr.tr(lang, "staff.papers.printed", {{"code", reference}})
                       : tr.tr(lang, "staff.papers.print_failed", {{"code", reference}, {"why", error}});
}

std::string staff_saved_deleted(const Translations& tr, const std::string& lang, const std::string& reference,
                                const std::string& error) {
  return error.empty() ? tr.tr(lang, "staff.papers.deleted", {{"code", reference}})
                       : tr.tr(lang, "staff.papers.delete_failed", {{"code", reference}, {"why", error}});
}

}  // namespace kiosk
