// sample-petition / sample-receipt (--lang CODE | --answers FILE.toml)
// [--today YYYY-MM-DD] --out FILE.pdf: the papers of a fictitious session,
// made by exactly the code of a real session (finish/session_documents).
// --lang takes the sample person of a language (assets/documents/samples.toml);
// --answers a file with lang, [situation] and answers by field id, each
// checked like a person's input. --today sets the day the papers are made.
#include <chrono>
#include <iostream>

#include "base/paths.hpp"
#include "content/content.hpp"
#include "doc_common.hpp"
#include "document/samples.hpp"
#include "finish/finish.hpp"
#include "locale/language.hpp"

namespace {

enum class Paper { petition, receipt };

int run_for(kioskctl::Context& ctx, Paper paper, const char* usage) {
  const std::string answers = kioskctl::take_option(ctx.args, "--answers");
  const std::string lang = kioskctl::take_option(ctx.args, "--lang");
  const std::string today_text = kioskctl::take_option(ctx.args, "--today");
  const std::string out = kioskctl::take_option(ctx.args, "--out");
  if (out.empty() || (answers.empty() == lang.empty())) {
    std::cerr << "give --out and one of --lang or --answers\nusage: asylum-kioskctl " << usage << "\n";
    return 2;
  }
  if (!lang.empty() && !kiosk::find_language(lang)) {
    std::cerr << "unknown language \"" << lang << "\" (one of kk ru en fa-AF uk)\n";
    return 2;
  }
  auto today = kiosk::local_today();
  if (!today_text.empty()) {
    const auto d = kiosk::parse_iso_date(today_text);
    if (!d) {
      std::cerr << "--today must be a date YYYY-MM-DD, not \"" << today_text << "\"\n";
      return 2;
    }
    today = *d;
  }
  auto env = kioskctl::load_doc_env(ctx);
  if (!env) return 1;
  auto content = kiosk::load_content(kiosk::data_dir() / "assets/content");
  if (!content) {
    std::cerr << content.error().describe() << "\n";
    return 1;
  }
  auto sample = answers.empty() ? kiosk::load_sample(kiosk::samples_file(), env->form, lang, today)
                                : kiosk::load_answers_file(answers, env->form, today);
  if (!sample) {
    std::cerr << sample.error().describe() << "\n";
    return 1;
  }
  const auto start = std::chrono::steady_clock::now();
  auto docs = kiosk::sample_documents(env->config, env->form, env->tr, *content, *sample, today);
  if (!docs) {
    std::cerr << docs.error().describe() << "\n";
    return 1;
  }
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return kioskctl::write_pdf_file(paper == Paper::petition ? docs->petition : docs->receipt, out, ms);
}

const char* const kPetitionUsage =
    "sample-petition (--lang CODE | --answers FILE.toml) [--today YYYY-MM-DD] --out FILE.pdf "
    "[--petition-language ru|kk]";
const char* const kReceiptUsage =
    "sample-receipt (--lang CODE | --answers FILE.toml) [--today YYYY-MM-DD] --out FILE.pdf [--width MM]";

const kioskctl::Registration petition({"sample-petition", kPetitionUsage,
                                       "render the petition of a fictitious session to a PDF",
                                       [](kioskctl::Context& ctx) {
                                         return run_for(ctx, Paper::petition, kPetitionUsage);
                                       }});
const kioskctl::Registration receipt({"sample-receipt", kReceiptUsage,
                                      "render the receipt of a fictitious session to a PDF",
                                      [](kioskctl::Context& ctx) {
                                        return run_for(ctx, Paper::receipt, kReceiptUsage);
                                      }});

}  // namespace
