#include "document/documents.hpp"

#include "document/addressee.hpp"
#include "document/petition.hpp"
#include "document/reference.hpp"

namespace kiosk {

void SessionDocuments::wipe() {
  petition.wipe();
  receipt.wipe();
  reference.clear();
}

namespace {

Result<SessionDocuments> make(const Config& config, const Form& form, const Translations& tr,
                              const Answers& answers, const std::string& language,
                              const ReceiptInfo& info, const std::string& reference,
                              std::chrono::year_month_day today, bool sample,
                              const std::string& addressee_office) {
  const std::string petition_language = petition_language_for(config, language);
  const std::string& office = addressee_office.empty() ? config.site.office : addressee_office;
  auto addressee = load_addressee(addressees_file(), office, petition_language);
  if (!addressee) return addressee.error();
  PetitionInput p;
  p.form = &form;
  p.answers = &answers;
  p.tr = &tr;
  p.petition_language = petition_language;
  p.border = info.border;
  p.person_language = language;
  p.addressee = *addressee;
  p.reference = reference;
  p.date = today;
  p.sample = sample;
  auto petition = render_petition(p);
  if (!petition) return petition.error();
  ReceiptInput r;
  r.tr = &tr;
  r.language = language;
  r.reference = reference;
  r.info = info;
  r.date = today;
  r.width_mm = config.printer.receipt_width_mm;
  r.sample = sample;
  auto receipt = render_receipt(r);
  if (!receipt) return receipt.error();
  SessionDocuments docs;
  docs.reference = reference;
  docs.petition = std::move(petition).value();
  docs.receipt = std::move(receipt).value();
  return docs;
}

}  // namespace

std::string petition_language_for(const Config& config, const std::string& person_language) {
  // The law allows Kazakh or Russian: a person who reads Kazakh gets Kazakh.
  return person_language == "kk" ? std::string("kk") : config.site.petition_language;
}

Result<SessionDocuments> prepare_documents(const Config& config, const Form& form,
                                           const Translations& tr, const Answers& answers,
                                           const std::string& person_language,
                                           const ReceiptInfo& receipt, const std::string& reference,
                                           std::chrono::year_month_day today,
                                           const std::string& addressee_office, bool sample) {
  return make(config, form, tr, answers, person_language, receipt, reference, today, sample,
              addressee_office);
}

Result<Pdf> prepare_blank_petition(const Config& config, const Form& form, const Translations& tr,
                                   const std::string& person_language,
                                   std::chrono::year_month_day today) {
  const std::string petition_language = petition_language_for(config, person_language);
  auto addressee = load_addressee(addressees_file(), config.site.office, petition_language);
  if (!addressee) return addressee.error();
  PetitionInput p;
  p.form = &form;
  p.tr = &tr;
  p.petition_language = petition_language;
  p.person_language = person_language;
  p.addressee = *addressee;
  p.date = today;
  p.blank = true;
  return render_petition(p);
}

}  // namespace kiosk
