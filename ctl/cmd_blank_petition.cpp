// blank-petition --lang CODE --out FILE.pdf: a bilingual petition (petition
// language + CODE) with empty lines and boxes, for filling in by hand.
#include <chrono>
#include <iostream>

#include "doc_common.hpp"
#include "document/documents.hpp"
#include "document/samples.hpp"

namespace {

const char* const kUsage = "blank-petition --lang CODE --out FILE.pdf [--petition-language ru|kk]";

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
  auto pdf = kiosk::prepare_blank_petition(env->config, env->form, env->tr, *lang, kiosk::local_today());
  if (!pdf) {
    std::cerr << pdf.error().describe() << "\n";
    return 1;
  }
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return kioskctl::write_pdf_file(*pdf, out, ms);
}

const kioskctl::Registration reg({"blank-petition", kUsage,
                                  "render a blank bilingual petition to fill in by hand", run});

}  // namespace
