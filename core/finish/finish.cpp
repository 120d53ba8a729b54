#include "finish/finish.hpp"

#include "content/guidance.hpp"
#include "document/reference.hpp"
#include "locale/language.hpp"
#include "seal/seal.hpp"

#include <cstdio>
#include <cstdlib>

namespace kiosk {

namespace {

CivilDate civil(std::chrono::year_month_day d) {
  return CivilDate{static_cast<int>(d.year()), static_cast<int>(static_cast<unsigned>(d.month())),
                   static_cast<int>(static_cast<unsigned>(d.day()))};
}

}  // namespace

std::optional<Deadline> session_deadline(const Content& content, const Situation& situation,
                                         std::chrono::year_month_day today) {
  if (situation.arrival.empty() || situation.entry.empty()) return std::nullopt;
  const auto arrival = parse_iso_date(std::string_view(situation.arrival));
  if (!arrival) return std::nullopt;
  const EntryKind entry = situation.entry == "checkpoint" ? EntryKind::checkpoint
                                                          : EntryKind::not_through_checkpoint;
  auto d = compute_deadline(content.deadline, entry, *arrival, civil(today));
  if (!d) return std::nullopt;
  return *d;
}

ReceiptInfo receipt_info(const Content& content, const Config& config, const Translations& tr,
                         const std::string& lang, const std::optional<Deadline>& deadline) {
  ReceiptInfo info;
  const Language* language = find_language(lang);
  const Language* russian = find_language("ru");
  if (const Place* office = content.find_place(config.site.office)) {
    info.office_name = office->name.get(lang);
    info.office_address = office->address.get(lang);
    info.office_name_ru = office->name.get("ru");
    info.office_address_ru = office->address.get("ru");
  }
  if (deadline && language && russian) {
    info.deadline = format_date(deadline->last_day, *language);
    info.deadline_ru = format_date(deadline->last_day, *russian);
  }
  for (const char* step : {"certificate", "fingerprints", "interview", "decision", "appeal"})
    info.next_steps.push_back(tr.tr(lang, std::string("guidance.steps.") + step + ".title"));
  for (const auto& place : content.places) {
    if (place.kind != "unhcr" && place.kind != "legal_help" && place.kind != "aid") continue;
    info.help.push_back(HelpContact{place.name.get(lang), place.name.get("ru"), place.phones});
  }
  return info;
}

Result<SessionDocuments> session_documents(const Config& config, const Form& form,
                                           const Translations& tr, const Content& content,
                                           const Session& session, const std::string& reference,
                                           std::chrono::year_month_day today) {
  const auto deadline = session_deadline(content, session.situation, today);
  const ReceiptInfo info = receipt_info(content, config, tr, session.lang, deadline);
  return prepare_documents(config, form, tr, session.answers, session.lang, info, reference, today);
}

FinishedRecord session_record(const Config& config, const Form& form, const Session& session,
                              const std::string& reference) {
  // Local time in Kazakhstan, ISO 8601 with its offset.
  const auto kz = local_time_kz(std::chrono::system_clock::now());
  char created[40];
  std::snprintf(created, sizeof created, "%sT%02d:%02d:00%+03d:%02d", to_iso(kz.date).c_str(),
                kz.hour, kz.minute, kz.utc_offset_minutes / 60, std::abs(kz.utc_offset_minutes % 60));
  InstanceMeta meta{seal::new_instance_id(), config.site.id, session.lang, reference, created, false};
  return FinishedRecord{meta.instance_id,
                        build_instance_xml(form, session.situation, session.answers, meta)};
}

}  // namespace kiosk
