#include "view/staff_view.hpp"

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

std::string staff_form_line(const sync::RecordService::Status& st, const Translations& tr,
                            const std::string& lang) {
  if (!st.form_from_server) return {};
  if (!st.form_problem.empty())
    return tr.tr(lang, "staff.form.refused", {{"reason", st.form_problem}, {"version", st.form_version}});
  return tr.tr(lang, "staff.form.server", {{"version", st.form_version}});
}

}  // namespace kiosk
