// sample-receipt --lang CODE --out FILE.pdf: the receipt of the fictitious
// sample person of a language (assets/documents/samples.toml).
#include <chrono>
#include <iostream>

#include "doc_common.hpp"
#include "document/documents.hpp"
#include "document/samples.hpp"

namespace {

const char* const kUsage = "sample-receipt --lang CODE --out FILE.pdf [--width MM]";

int run(kioskctl::Context& ctx) {
  const auto lang = kioskctl::take_language(ctx.args, kUsage);
  const std::string out = kioskctl::take_option(ctx.args, "--out");
  if (!lang || out.empty()) {
    if (out.empty()) std::cerr << "usage: asylum-kioskctl " << kUsage << "\n";
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
  return kioskctl::write_pdf_file(docs->receipt, out, ms);
}

const kioskctl::Registration reg({"sample-receipt", kUsage,
                                  "render the receipt of a fictitious sample person to a PDF", run});

}  // namespace
