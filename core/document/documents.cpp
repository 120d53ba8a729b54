#include "document/documents.hpp"

#include "document/addressee.hpp"
#include "document/petition.hpp"
#include "document/reference.hpp"
#include "document/samples.hpp"

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
                              std::chrono::year_month_day today, bool sample) {
  auto addressee = load_addressee(addressees_file(), config.site.office, config.site.petition_language);
  if (!addressee) return addressee.error();
  PetitionInput p;
  p.form = &form;
  p.answers = &answers;
  p.tr = &tr;
  p.petition_language = config.site.petition_language;
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

Result<SessionDocuments> prepare_documents(const Config& config, const Form& form,
                                           const Translations& tr, const Answers& answers,
                                           const std::string& person_language,
                                           const ReceiptInfo& receipt, const std::string& reference,
                                           std::chrono::year_month_day today) {
  return make(config, form, tr, answers, person_language, receipt, reference, today, false);
}

Result<Pdf> prepare_blank_petition(const Config& config, const Form& form, const Translations& tr,
                                   const std::string& person_language,
                                   std::chrono::year_month_day today) {
  auto addressee = load_addressee(addressees_file(), config.site.office, config.site.petition_language);
  if (!addressee) return addressee.error();
  PetitionInput p;
  p.form = &form;
  p.tr = &tr;
  p.petition_language = config.site.petition_language;
  p.person_language = person_language;
  p.addressee = *addressee;
  p.date = today;
  p.blank = true;
  return render_petition(p);
}

Result<SessionDocuments> prepare_sample_documents(const Config& config, const Form& form,
                                                  const Translations& tr,
                                                  const std::string& language,
                                                  std::chrono::year_month_day today) {
  auto sample = load_sample(samples_file(), language, today);
  if (!sample) return sample.error();
  return make(config, form, tr, sample->answers, language, sample->receipt, make_reference_code(),
              today, true);
}

}  // namespace kiosk
