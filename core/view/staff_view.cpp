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

}  // namespace kiosk
