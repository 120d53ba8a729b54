// What happens when a person finishes: the deadline for their situation,
// the receipt's facts from the content, and the two papers. (The sealed
// outbox record is made here too; see outbox/.) The app calls these from a
// worker thread, so they take everything by const reference and share nothing.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "base/result.hpp"
#include "config/config.hpp"
#include "content/content.hpp"
#include "content/deadline.hpp"
#include "document/documents.hpp"
#include "flow/session.hpp"
#include "form/form.hpp"
#include "form/xform.hpp"
#include "locale/catalog.hpp"

namespace kiosk {

// The deadline for the situation the person described, or nothing when the
// situation is not complete (or the date is not acceptable).
std::optional<Deadline> session_deadline(const Content& content, const Situation& situation,
                                         std::chrono::year_month_day today);

// The facts the receipt carries, in the person's language and in Russian:
// the site's office, the deadline, the next steps, free help with phones.
ReceiptInfo receipt_info(const Content& content, const Config& config, const Translations& tr,
                         const std::string& lang, const std::optional<Deadline>& deadline);

// Both papers for the session, carrying `reference` (the record's code).
Result<SessionDocuments> session_documents(const Config& config, const Form& form,
                                           const Translations& tr, const Content& content,
                                           const Session& session, const std::string& reference,
                                           std::chrono::year_month_day today);

// The plaintext submission of a finished session (to be sealed at once by
// the outbox), with a new instance id; `reference` links it to the papers.
struct FinishedRecord {
  std::string instance_id;
  std::string xml;
};
FinishedRecord session_record(const Config& config, const Form& form, const Session& session,
                              const std::string& reference);

}  // namespace kiosk
