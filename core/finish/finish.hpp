// What happens when a person finishes: the deadline for their situation,
// the receipt's facts from the content, and the two papers. (The sealed
// outbox record is made here too; see outbox/.) The app calls these from a
// worker thread, so they take everything by const reference and share nothing.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "config/config.hpp"
#include "content/content.hpp"
#include "content/deadline.hpp"
#include "document/documents.hpp"
#include "document/samples.hpp"
#include "flow/session.hpp"
#include "form/form.hpp"
#include "form/xform.hpp"
#include "locale/catalog.hpp"
#include "outbox/outbox.hpp"

namespace kiosk {

// The deadline for the situation the person described, or nothing when the
// situation is not complete (or the date is not acceptable).
std::optional<Deadline> session_deadline(const Content& content, const Situation& situation,
                                         std::chrono::year_month_day today);

// Whether the person is at the Border Service post of this kiosk: the site
// is an airport or land border with a checkpoint, and the person did not say
// they are already in a town. Then the petition is addressed to the Border
// Service and the papers say "give this to the border officer here, now".
bool at_border_post(const Config& config, const Situation& situation);

// What the person must know about their deadline, as sentences in `lang`,
// never a bare past date: when it has passed, "the last day was ...; go
// today anyway; say why you could not come earlier; free legal help: name,
// phone". Before it: the short count for irregular entry and the note that
// the counting is not confirmed.
std::vector<std::string> deadline_sentences(const Deadline& d, const Content& content,
                                            const Translations& tr, const std::string& lang);

// The facts the receipt carries, in the person's language and in Russian:
// at a border post the Border Service first, then the site's office, the
// deadline, what happens next in full sentences, free help with phones.
ReceiptInfo receipt_info(const Content& content, const Config& config, const Translations& tr,
                         const std::string& lang, const std::optional<Deadline>& deadline,
                         const Situation& situation = {});

// What the person is told about the locked copy of their answers, in
// `lang`, from what the record service did with it (issue 18): nothing when
// it was stored; when it is held in memory, that the kiosk could not store
// it yet and keeps trying, that a switch-off first loses it, and that their
// printed papers are all they need; when it was not kept, that, the same about the papers, and
// to tell staff. Never "cannot be saved" next to "nothing is lost".
std::vector<std::string> record_lines(const Translations& tr, const std::string& lang,
                                      outbox::RecordFate fate);

// The done screen's lines under its title, in the session's language: what
// to do now with the papers (or, after "I do not agree", that nothing was
// kept), then the wipe and the goodbye; when the locked copy was not stored,
// the first and last of record_lines before the wipe, in place of the goodbye. app/screens/done.cpp draws them and
// read-aloud speaks them.
std::vector<std::string> done_lines(const Content& content, const Config& config,
                                    const Translations& tr, const Session& session,
                                    std::chrono::year_month_day today,
                                    outbox::RecordFate record = outbox::RecordFate::stored);

// Both papers for the session, carrying `reference` (the record's code).
// `sample` marks every page "SAMPLE: fictitious person".
Result<SessionDocuments> session_documents(const Config& config, const Form& form,
                                           const Translations& tr, const Content& content,
                                           const Session& session, const std::string& reference,
                                           std::chrono::year_month_day today, bool sample = false);

// The finished session of a fictitious sample (document/samples.hpp): its
// language, situation and answers, consented, at the print step.
Session sample_session(const Sample& sample);

// Both papers of a sample, made by session_documents() exactly as for a
// person, marked "SAMPLE".
Result<SessionDocuments> sample_documents(const Config& config, const Form& form,
                                          const Translations& tr, const Content& content,
                                          const Sample& sample, std::chrono::year_month_day today);

// The sample person of `language` (assets/documents/samples.toml), with the
// content of data_dir(): the staff's printer test page.
Result<SessionDocuments> prepare_sample_documents(const Config& config, const Form& form,
                                                  const Translations& tr,
                                                  const std::string& language,
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
