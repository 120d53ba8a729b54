// The written petition for refugee status as an A4 PDF, in Russian or Kazakh
// (the law allows only these), with every label also in the person's
// language, the person's answers as typed (Dari shaped, right to left) plus
// the confirmed Cyrillic form of names, the request sentence, date,
// applicant's signature, the interpreter's name and signature lines and the
// applicant's confirmation that the text was translated to them.
//
// The layout is made from the same Form as the interview: sections in the
// form's order, each visible field with its label, groups as a table.
#pragma once

#include <chrono>
#include <string>

#include "base/result.hpp"
#include "document/pdf.hpp"
#include "form/form.hpp"
#include "locale/catalog.hpp"

namespace kiosk {

struct PetitionInput {
  const Form* form = nullptr;
  const Answers* answers = nullptr;     // the person's answers; ignored when blank
  const Translations* tr = nullptr;
  std::string petition_language = "ru";  // "ru" or "kk" (site.petition_language)
  std::string person_language = "ru";    // one of the five; labels are repeated in it
  std::string addressee;                 // load_addressee(addressees_file(), site.office, petition_language)
  std::string reference;                 // make_reference_code(); empty on a blank form
  std::chrono::year_month_day date{};    // today; printed as DD.MM.YYYY
  bool blank = false;   // a bilingual form to fill in by hand (every field, empty lines)
  bool sample = false;  // marks every page "SAMPLE: fictitious person"
  bool border = false;  // addressed to the Border Service post (airport, land border)
};

// Renders the petition. Fails (user_key "print.render_failed") when an input
// pointer is missing, the petition language is not ru/kk, or cairo fails.
// Takes about 0.1-0.3 s (two layout passes: the first counts the pages).
Result<Pdf> render_petition(const PetitionInput& in);

// "DD.MM.YYYY" for an ISO date "YYYY-MM-DD"; other text comes back unchanged.
std::string format_date_dmy(const std::string& iso);
std::string format_date_dmy(std::chrono::year_month_day d);

}  // namespace kiosk
