#include "doc_common.hpp"

#include <fstream>
#include <iostream>

#include "site_support.hpp"
#include "locale/language.hpp"

namespace kioskctl {

std::optional<DocEnv> load_doc_env(Context& ctx) {
  const std::string petition_language = take_option(ctx.args, "--petition-language");
  const std::string width = take_option(ctx.args, "--width");
  const auto site = load_site_or_say(ctx);
  if (!site) return std::nullopt;
  kiosk::Config config = site->config;
  if (!petition_language.empty()) {
    if (const kiosk::Language* l = kiosk::find_language(petition_language); !l || !l->petition) {
      std::string allowed;
      for (const auto& lang : kiosk::languages())
        if (lang.petition) allowed += (allowed.empty() ? "" : " or ") + lang.code;
      std::cerr << "--petition-language must be " << allowed << " (the law allows only these)\n";
      return std::nullopt;
    }
    config.site.petition_language = petition_language;
  }
  if (!width.empty()) {
    try {
      config.printer.receipt_width_mm = std::stoi(width);
    } catch (const std::exception&) {
      std::cerr << "--width must be a number of millimetres (0 = A4)\n";
      return std::nullopt;
    }
  }
  return DocEnv{site, std::move(config), site->form, site->tr};
}

std::optional<std::string> take_language(std::vector<std::string>& args, const std::string& usage) {
  const std::string lang = take_option(args, "--lang");
  if (lang.empty() || !kiosk::find_language(lang)) {
    std::cerr << (lang.empty() ? "missing --lang" : "unknown language \"" + lang + "\"")
              << " (one of kk ru en fa-AF uk)\nusage: asylum-kioskctl " << usage << "\n";
    return std::nullopt;
  }
  return lang;
}

int write_pdf_file(const kiosk::Pdf& pdf, const std::filesystem::path& out, double ms) {
  std::ofstream f(out, std::ios::binary | std::ios::trunc);
  f.write(reinterpret_cast<const char*>(pdf.data()), static_cast<std::streamsize>(pdf.size()));
  f.close();
  if (!f) {
    std::cerr << "cannot write " << out.string() << "\n";
    return 1;
  }
  std::cout << "wrote " << out.string() << " (" << pdf.pages() << (pdf.pages() == 1 ? " page, " : " pages, ")
            << (pdf.size() + 1023) / 1024 << " KiB) in " << static_cast<long>(ms) << " ms\n";
  return 0;
}

}  // namespace kioskctl
