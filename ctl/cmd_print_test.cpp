// print-test [--printer NAME] [--lang CODE] [--both]: the staff's test page.
// Prints the sample receipt (fictitious person, marked SAMPLE) through the
// same CUPS path as a session, and reports what CUPS said.
#include <chrono>
#include <iostream>

#include "doc_common.hpp"
#include "document/documents.hpp"
#include "finish/finish.hpp"
#include "print/documents.hpp"
#include "print/printer.hpp"

namespace {

const char* const kUsage = "print-test [--printer NAME] [--lang CODE] [--both]";

int run(kioskctl::Context& ctx) {
  std::string printer = kioskctl::take_option(ctx.args, "--printer");
  const std::string lang = kioskctl::take_option(ctx.args, "--lang", "ru");
  const bool both = kioskctl::take_flag(ctx.args, "--both");
  auto env = kioskctl::load_doc_env(ctx);
  if (!env) return 1;
  if (printer.empty()) printer = env->config.printer.name;
  auto status = kiosk::printer_status(printer);
  if (!status) {
    std::cout << "printer: " << status.error().describe() << "\n";
    return 1;
  }
  std::cout << "printer: " << status->describe() << "\n";
  auto docs = kiosk::prepare_sample_documents(env->config, env->form, env->tr, lang, kiosk::local_today());
  if (!docs) {
    std::cerr << docs.error().describe() << "\n";
    return 1;
  }
  if (!both) docs->petition.wipe();
  kiosk::PrintOptions options;
  options.printer = printer;
  const auto start = std::chrono::steady_clock::now();
  auto jobs = kiosk::print_documents(*docs, options);
  if (!jobs) {
    std::cout << "not printed: " << jobs.error().describe() << " [" << jobs.error().user_key << "]\n";
    return 1;
  }
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  for (const auto& j : *jobs) std::cout << "printed job " << j.job_id << " on " << j.printer << "\n";
  std::cout << "done in " << ms << " ms\n";
  return 0;
}

const kioskctl::Registration reg({"print-test", kUsage,
                                  "print the staff's test page (sample receipt) and report the printer's state",
                                  run});

}  // namespace
