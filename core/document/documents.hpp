// The session's two papers, made in one call: what the print screen, the
// staff screen and asylum-kioskctl use. The documents stay in memory (see
// Pdf) until the session is wiped; print/documents.hpp prints or saves them.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "config/config.hpp"
#include "document/pdf.hpp"
#include "document/receipt.hpp"
#include "form/form.hpp"
#include "locale/catalog.hpp"

namespace kiosk {

struct SessionDocuments {
  std::string reference;  // the code on both papers
  Pdf petition;
  Pdf receipt;

  [[nodiscard]] bool empty() const { return petition.empty() && receipt.empty(); }
  // Overwrites and drops both documents (call it when the session wipes).
  void wipe();
};

// The petition's language for a person using `person_language`: Kazakh for
// a Kazakh reader (the law allows kk or ru), else config.site.petition_language.
std::string petition_language_for(const Config& config, const std::string& person_language);

// Makes the petition (in petition_language_for(), addressed to the head of
// `addressee_office`: config.site.office when empty, the Border Service post
// at a border) and the receipt (config.printer.receipt_width_mm) for
// `answers` given in `person_language`. `reference` is the session's code
// (make_reference_code()); `sample` marks every page "SAMPLE". Fails with
// user_key "print.render_failed". finish/session_documents() is the one
// caller for a session, real or sample.
Result<SessionDocuments> prepare_documents(const Config& config, const Form& form,
                                           const Translations& tr, const Answers& answers,
                                           const std::string& person_language,
                                           const ReceiptInfo& receipt,
                                           const std::string& reference,
                                           std::chrono::year_month_day today,
                                           const std::string& addressee_office = {},
                                           bool sample = false);

// A blank bilingual petition (config.site.petition_language + `person_language`)
// to fill in by hand; staff print it from staff mode.
Result<Pdf> prepare_blank_petition(const Config& config, const Form& form, const Translations& tr,
                                   const std::string& person_language,
                                   std::chrono::year_month_day today);

// The font families the papers name (Noto Sans, Noto Naskh Arabic UI) that
// fontconfig cannot find, each with the Debian package that has it; empty
// when all are installed. Without them Pango would quietly pick another
// font (for Dari one without the Persian letter forms).
std::vector<std::string> missing_document_fonts();

}  // namespace kiosk
