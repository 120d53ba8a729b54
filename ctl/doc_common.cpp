#include "doc_common.hpp"

#include <fstream>
#include <iostream>

#include "base/paths.hpp"
#include "locale/language.hpp"

namespace kioskctl {

std::optional<DocEnv> load_doc_env(Context& ctx) {
  const std::string petition_language = take_option(ctx.args, "--petition-language");
  const std::string width = take_option(ctx.args, "--width");
  auto config = kiosk::load_config(ctx.config_path);
  if (!config) {
    std::cerr << config.error().describe() << "\n";
    return std::nullopt;
  }
  if (!petition_language.empty()) {
    if (petition_language != "ru" && petition_language != "kk") {
      std::cerr << "--petition-language must be ru or kk\n";
      return std::nullopt;
    }
    config->site.petition_language = petition_language;
  }
  if (!width.empty()) {
    try {
      config->printer.receipt_width_mm = std::stoi(width);
    } catch (const std::exception&) {
      std::cerr << "--width must be a number of millimetres (0 = A4)\n";
      return std::nullopt;
    }
  }
  auto form = kiosk::load_form(kiosk::data_dir() / "assets/form/petition.toml");
  if (!form) {
    std::cerr << form.error().describe() << "\n";
    return std::nullopt;
  }
  auto tr = kiosk::Translations::load(kiosk::data_dir() / "locales");
  if (!tr) {
    std::cerr << tr.error().describe() << "\n";
    return std::nullopt;
  }
  return DocEnv{std::move(config).value(), std::move(form).value(), std::move(tr).value()};
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
