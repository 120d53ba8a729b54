#include "view/staff_view.hpp"

#include <algorithm>

namespace kiosk {

std::string staff_queue_line(const sync::RecordService::Status& st) {
  const auto& c = st.counts;
  return "Records: " + std::to_string(c.queued + c.sending) + " waiting, " + std::to_string(c.sent) +
         " sent, " + std::to_string(c.failed_permanent) + " need staff, " +
         std::to_string(c.exported_unsent) + " on USB not yet sent. " +
         (st.last_sync ? "Last sync: " + st.last_sync->outcome + " — " + st.last_sync->message
                       : std::string("No sync yet.")) +
         (st.sync_enabled ? "" : " Sync is off at this site (USB only).");
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
