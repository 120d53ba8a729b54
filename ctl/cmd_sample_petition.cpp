// sample-petition / sample-receipt --lang CODE --out FILE.pdf: the papers of
// the fictitious sample person of a language (assets/documents/samples.toml).
#include <chrono>
#include <iostream>

#include "doc_common.hpp"
#include "document/documents.hpp"
#include "document/samples.hpp"

namespace {

enum class Paper { petition, receipt };

int run_for(kioskctl::Context& ctx, Paper paper, const char* usage) {
  const auto lang = kioskctl::take_language(ctx.args, usage);
  const std::string out = kioskctl::take_option(ctx.args, "--out");
  if (!lang || out.empty()) {
    if (out.empty()) std::cerr << "usage: asylum-kioskctl " << usage << "\n";
    return 2;
  }
  auto env = kioskctl::load_doc_env(ctx);
  if (!env) return 1;
  const auto start = std::chrono::steady_clock::now();
  auto docs = kiosk::prepare_sample_documents(env->config, env->form, env->tr, *lang, kiosk::local_today());
  if (!docs) {
    std::cerr << docs.error().describe() << "\n";
    return 1;
  }
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return kioskctl::write_pdf_file(paper == Paper::petition ? docs->petition : docs->receipt, out, ms);
}

const char* const kPetitionUsage = "sample-petition --lang CODE --out FILE.pdf [--petition-language ru|kk]";
const char* const kReceiptUsage = "sample-receipt --lang CODE --out FILE.pdf [--width MM]";

const kioskctl::Registration petition({"sample-petition", kPetitionUsage,
                                       "render the petition of a fictitious sample person to a PDF",
                                       [](kioskctl::Context& ctx) {
                                         return run_for(ctx, Paper::petition, kPetitionUsage);
                                       }});
const kioskctl::Registration receipt({"sample-receipt", kReceiptUsage,
                                      "render the receipt of a fictitious sample person to a PDF",
                                      [](kioskctl::Context& ctx) {
                                        return run_for(ctx, Paper::receipt, kReceiptUsage);
                                      }});

}  // namespace
