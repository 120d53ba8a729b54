// The person's receipt, in their own language with Russian beside the key
// lines: reference code and its QR code, the deadline, the office to go to
// with its address (also in Russian, for a taxi driver), what happens next,
// free help phone numbers, and a warning not to lose it. A4, or a receipt
// roll 58..210 mm wide whose page is as long as the content.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "document/pdf.hpp"
#include "locale/catalog.hpp"

namespace kiosk {

// One place to call for free help (UNHCR, KIBHR, Red Crescent ...).
struct HelpContact {
  std::string name;     // in the person's language
  std::string name_ru;  // in Russian
  std::vector<std::string> phones;  // as dialled, e.g. "+7 727 258 45 98"
};

// One step of what happens next: a title and full sentences, in the
// person's language and in Russian.
struct ReceiptStep {
  std::string title, title_ru;
  std::vector<std::string> lines, lines_ru;
};

// What the receipt says beyond the reference code. The caller fills it from
// the content module (finish/receipt_info(): offices, deadline rule, next
// steps, help); nothing here is written only for samples.
struct ReceiptInfo {
  // At an airport or land border: "give this to the border officer here,
  // now", with the Border Service post's name; the office then follows only
  // as "if you are already past the border".
  bool border = false;
  std::string checkpoint_name, checkpoint_name_ru;
  std::string office_name;        // in the person's language and script
  std::string office_address;     // in the person's language and script
  std::string office_name_ru;     // in Russian
  std::string office_address_ru;  // in Russian
  std::string deadline;           // date as text in the person's language; empty: no date line
  std::string deadline_ru;        // the same date in Russian
  bool deadline_passed = false;   // then `deadline` is empty and the lines say: go today anyway
  std::vector<std::string> deadline_lines, deadline_lines_ru;  // sentences after the date
  std::vector<ReceiptStep> next_steps;  // certificate, interview, decision, refusal, stay
  std::vector<HelpContact> help;
};

struct ReceiptInput {
  const Translations* tr = nullptr;
  std::string language = "ru";    // the person's language
  std::string reference;          // same code as on the petition
  ReceiptInfo info;
  std::chrono::year_month_day date{};  // today
  int width_mm = 0;               // 0: A4; else roll width 58..210 (printer.receipt_width_mm)
  bool sample = false;            // marks it "SAMPLE: fictitious person"
};

// Renders the receipt. The QR code holds only the reference code. Fails
// (user_key "print.render_failed") on a missing input, a width outside
// 58..210 mm, or a cairo/libqrencode failure.
Result<Pdf> render_receipt(const ReceiptInput& in);

}  // namespace kiosk
