// The petition and the receipt as PDFs, checked the way a reader (poppler)
// sees them: pdftotext for the text, pdffonts for the fonts.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <regex>

#include "base/paths.hpp"
#include "config/config.hpp"
#include "demo_site.hpp"
#include "doc_test_support.hpp"
#include "document/addressee.hpp"
#include "document/documents.hpp"
#include "document/petition.hpp"
#include "document/receipt.hpp"
#include "document/reference.hpp"
#include "document/samples.hpp"
#include "print/documents.hpp"

using namespace kiosk;
using namespace std::chrono;
using doctest_support::font_rows;
using doctest_support::pdftotext;
using doctest_support::squeeze;
using doctest_support::write_temp;

namespace {

const year_month_day kToday{year{2026}, month{11}, day{21}};

struct Env {
  const Config& config;
  const Form& form;
  const Translations& tr;
};

Env env() {
  const auto& s = demo_site::get();
  return Env{s.config, s.form, s.tr};
}

// Every font embedded as a subset, and only the fonts we name.
void check_fonts(const std::filesystem::path& pdf) {
  const auto rows = font_rows(pdf);
  REQUIRE_FALSE(rows.empty());
  for (const auto& row : rows) {
    INFO(pdf.filename().string() << ": " << row);
    CHECK(std::regex_search(row, std::regex(R"(\byes\s+yes\s+yes\b)")));  // emb sub uni
    CHECK((row.find("NotoSans-") != std::string::npos ||
           row.find("NotoNaskhArabicUI-") != std::string::npos));
    CHECK(row.find("Kufi") == std::string::npos);
  }
}

}  // namespace

TEST_CASE("reference codes are short, checked and forgiving to type", "[document]") {
  for (int i = 0; i < 200; ++i) {
    const std::string code = make_reference_code();
    REQUIRE(code.size() == 9);
    CHECK(code[4] == '-');
    CHECK(parse_reference_code(code) == code);
    std::string lower = code;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    CHECK(parse_reference_code(lower) == code);
  }
  // Find the right check symbol by trying all, then test what a typo does.
  std::string good;
  for (char ch : std::string("0123456789ABCDEFGHJKMNPQRSTVWXYZ"))
    if (auto p = parse_reference_code("ABCD-EFG" + std::string(1, ch))) good = *p;
  REQUIRE(good.size() == 9);
  CHECK_FALSE(parse_reference_code("ABCE-EFG" + good.substr(8)));  // one symbol wrong
  CHECK_FALSE(parse_reference_code("BACD-EFG" + good.substr(8)));  // neighbours swapped
  CHECK_FALSE(parse_reference_code("ABCD-EF"));                    // too short
  CHECK_FALSE(parse_reference_code("ABCD-EFGU"));                  // U is not a symbol
  std::string typed = good;  // O and 0, I/L and 1 read the same
  for (char& ch : typed) {
    if (ch == '0') ch = 'O';
    if (ch == '1') ch = 'l';
  }
  CHECK(parse_reference_code(typed) == good);
}

TEST_CASE("the addressee comes from data, per office and language", "[document]") {
  auto ru = load_addressee(addressees_file(), "desp-almaty", "ru");
  REQUIRE(ru.ok());
  CHECK(*ru == "Руководителю Управления занятости и социальных программ города Алматы");
  auto kk = load_addressee(addressees_file(), "desp-almaty", "kk");
  REQUIRE(kk.ok());
  CHECK(kk->find("басқармасының басшысына") != std::string::npos);
  auto other = load_addressee(addressees_file(), "no-such-office", "ru");
  REQUIRE(other.ok());
  CHECK(*other == "Руководителю Управления занятости и социальных программ");
  CHECK_FALSE(load_addressee(addressees_file(), "desp-almaty", "en").ok());
}

TEST_CASE("sample petition and receipt in all five languages: text and fonts", "[document]") {
  const Env& e = env();
  for (const char* lang : {"kk", "ru", "en", "fa-AF", "uk"}) {
    DYNAMIC_SECTION(lang) {
      auto sample = load_sample(samples_file(), lang, kToday);
      REQUIRE(sample.ok());
      auto docs = prepare_documents(e.config, e.form, e.tr, sample->answers, lang, sample->receipt,
                                    make_reference_code(), kToday);
      REQUIRE(docs.ok());
      const auto pet = write_temp(docs->petition, std::string("petition-") + lang + ".pdf");
      const auto rec = write_temp(docs->receipt, std::string("receipt-") + lang + ".pdf");
      const std::string pt = pdftotext(pet);
      const std::string p = squeeze(pt);
      const std::string r = squeeze(pdftotext(rec));
      INFO(pt);

      // Required Russian parts of the petition.
      for (const char* s : {"ХОДАТАЙСТВО", "о присвоении статуса беженца",
                            "Руководителю Управления занятости и социальных программ города Алматы",
                            "Фамилия", "Имя", "Дата рождения", "Гражданство",
                            "Основания опасений стать жертвой преследований",
                            "Прошу присвоить мне статус беженца в Республике Казахстан.",
                            "Подпись заявителя", "Дата"})
        CHECK(p.find(squeeze(s)) != std::string::npos);
      CHECK(p.find(squeeze(docs->reference)) != std::string::npos);
      CHECK(p.find("21.11.2026") != std::string::npos);
      // The person's answers as typed: surname, given name, the story (a long
      // Dari paragraph comes out in logical order), and Cyrillic forms.
      for (const char* id : {"surname", "given_name", "birth_place"}) {
        const std::string v = sample->answers.get(id);
        INFO(id << " = " << v);
        CHECK(p.find(squeeze(v)) != std::string::npos);
      }
      CHECK(doctest_support::all_words_in(p, sample->answers.get("grounds_story")));
      CHECK(doctest_support::all_words_in(p, sample->answers.get("last_address")));
      for (const auto& [id, cyr] : sample->answers.cyrillic) CHECK(p.find(squeeze(cyr)) != std::string::npos);
      const bool has_ru_birth_date = p.find("17.05.1990") != std::string::npos;
      CHECK(has_ru_birth_date == (std::string(lang) == "ru"));
      // Labels in the person's language beside the Russian, and the
      // interpreter's part when the person does not read Russian.
      if (std::string(lang) != "ru") {
        CHECK(p.find(squeeze(e.tr.tr(lang, "form.surname.label"))) != std::string::npos);
        CHECK(p.find(squeeze(e.tr.tr(lang, "form.grounds_story.label"))) != std::string::npos);
        CHECK(p.find(squeeze("Переводчик (фамилия, имя, отчество)")) != std::string::npos);
        CHECK(p.find(squeeze("Подпись переводчика")) != std::string::npos);
        CHECK(p.find(squeeze("Текст настоящего ходатайства переведён мне на понятный мне язык (" +
                             e.tr.tr("ru", std::string("petition.language.") + lang) + ")")) !=
              std::string::npos);
      } else {
        CHECK(p.find(squeeze("Переводчик")) == std::string::npos);
      }
      CHECK(pt.find("⟦") == std::string::npos);  // no missing locale key

      // The receipt: their language plus the Russian key lines.
      CHECK(r.find(squeeze(docs->reference)) != std::string::npos);
      CHECK(r.find(squeeze(e.tr.tr(lang, "receipt.keep_warning"))) != std::string::npos);
      CHECK(r.find(squeeze("Код обращения")) != std::string::npos);
      CHECK(r.find(squeeze("г. Алматы, пр. Достык, 85")) != std::string::npos);
      CHECK(r.find(squeeze(sample->receipt.office_address)) != std::string::npos);
      CHECK(doctest_support::all_words_in(r, sample->receipt.next_steps.front()));
      CHECK(r.find(squeeze(sample->receipt.deadline_ru)) != std::string::npos);
      CHECK(r.find(squeeze("+7 727 258 45 98")) != std::string::npos);
      CHECK(r.find(squeeze("+7 727 249 60 44")) != std::string::npos);
      CHECK(r.find("⟦") == std::string::npos);

      check_fonts(pet);
      check_fonts(rec);
    }
  }
}

TEST_CASE("Dari text is extracted in logical order, numbers left to right", "[document]") {
  const Env& e = env();
  auto sample = load_sample(samples_file(), "fa-AF", kToday);
  REQUIRE(sample.ok());
  auto docs = prepare_documents(e.config, e.form, e.tr, sample->answers, "fa-AF", sample->receipt,
                                "ABCD-EFGH", kToday);
  REQUIRE(docs.ok());
  const std::string text = pdftotext(write_temp(docs->receipt, "receipt-order.pdf"));
  // The first words of the warning, in typing order; reversed they would not match.
  CHECK(squeeze(text).find(squeeze("این رسید را گم نکنید")) != std::string::npos);
  // A phone number inside a Dari line keeps its digit order (bidi isolate).
  CHECK(text.find("+7 727 249 60 44") != std::string::npos);
  // The deadline in the Solar Hijri calendar with the Gregorian date beside it.
  CHECK(sample->receipt.deadline.find("۱۴۰۵") != std::string::npos);
  CHECK(sample->receipt.deadline.find("۲۰۲۶") != std::string::npos);
}

TEST_CASE("a Kazakh petition when the site says so", "[document]") {
  Env e{env().config, env().form, env().tr};
  e.config.site.petition_language = "kk";
  auto sample = load_sample(samples_file(), "uk", kToday);
  REQUIRE(sample.ok());
  auto docs = prepare_documents(e.config, e.form, e.tr, sample->answers, "uk", sample->receipt,
                                "ABCD-EFGH", kToday);
  REQUIRE(docs.ok());
  const std::string p = squeeze(pdftotext(write_temp(docs->petition, "petition-kk-site.pdf")));
  CHECK(p.find(squeeze("ӨТІНІШХАТ")) != std::string::npos);
  CHECK(p.find(squeeze("босқын мәртебесін беру туралы")) != std::string::npos);
  CHECK(p.find(squeeze("Алматы қаласының Жұмыспен қамту")) != std::string::npos);
  CHECK(p.find(squeeze("Тегі")) != std::string::npos);
  CHECK(p.find(squeeze("Прізвище")) != std::string::npos);
  CHECK(p.find(squeeze("ХОДАТАЙСТВО")) == std::string::npos);
}

TEST_CASE("the blank petition has every field and no answers", "[document]") {
  const Env& e = env();
  for (const char* lang : {"fa-AF", "ru"}) {
    auto pdf = prepare_blank_petition(e.config, e.form, e.tr, lang, kToday);
    REQUIRE(pdf.ok());
    const auto path = write_temp(*pdf, std::string("blank-") + lang + ".pdf");
    const std::string p = squeeze(pdftotext(path));
    for (const auto& f : e.form.fields)
      CHECK(p.find(squeeze(e.tr.tr("ru", "form." + f.id + ".label"))) != std::string::npos);
    // Options to tick, in both languages.
    CHECK(p.find(squeeze("Политические убеждения")) != std::string::npos);
    CHECK(p.find(squeeze("Заполняется от руки печатными буквами.")) != std::string::npos);
    if (std::string(lang) == "fa-AF") CHECK(p.find(squeeze("عقاید سیاسی")) != std::string::npos);
    CHECK(p.find("Образцова") == std::string::npos);
    check_fonts(path);
  }
}

TEST_CASE("a roll receipt is as wide as the roll and one page long", "[document]") {
  const Env& e = env();
  auto sample = load_sample(samples_file(), "fa-AF", kToday);
  REQUIRE(sample.ok());
  ReceiptInput in;
  in.tr = &e.tr;
  in.language = "fa-AF";
  in.reference = "ABCD-EFGH";
  in.info = sample->receipt;
  in.date = kToday;
  in.width_mm = 80;
  auto pdf = render_receipt(in);
  REQUIRE(pdf.ok());
  CHECK(pdf->pages() == 1);
  const auto path = write_temp(*pdf, "receipt-roll.pdf");
  const std::string info = doctest_support::run("pdfinfo '" + path.string() + "'");
  std::smatch m;
  REQUIRE(std::regex_search(info, m, std::regex(R"(Page size:\s+([0-9.]+) x ([0-9.]+) pts)")));
  CHECK(std::stod(m[1]) == Approx(80 * 72 / 25.4).margin(0.5));
  CHECK(std::stod(m[2]) > 150 * 72 / 25.4);  // the whole receipt on one long page
  CHECK(squeeze(pdftotext(path)).find("ABCD-EFGH") != std::string::npos);
  in.width_mm = 40;
  auto narrow = render_receipt(in);
  REQUIRE_FALSE(narrow.ok());
  CHECK(narrow.error().user_key == "print.render_failed");
}

TEST_CASE("bad inputs fail with a message for staff and a key for the person", "[document]") {
  const Env& e = env();
  Answers a;
  PetitionInput in;
  in.form = &e.form;
  in.answers = &a;
  in.tr = &e.tr;
  in.petition_language = "en";  // the law allows only Kazakh or Russian
  in.person_language = "en";
  auto r = render_petition(in);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().user_key == "print.render_failed");
  in.petition_language = "ru";
  in.person_language = "de";
  CHECK_FALSE(render_petition(in).ok());
  in.person_language = "en";
  in.answers = nullptr;
  CHECK_FALSE(render_petition(in).ok());
}

TEST_CASE("documents stay in memory, wipe clears them, saving is private", "[document]") {
  const Env& e = env();
  auto docs = prepare_sample_documents(e.config, e.form, e.tr, "en", kToday);
  REQUIRE(docs.ok());
  REQUIRE(docs->petition.size() > 1000);
  CHECK(std::string(reinterpret_cast<const char*>(docs->petition.data()), 5) == "%PDF-");
  const auto dir = std::filesystem::temp_directory_path() / "kiosk-doc-tests" / "saved";
  std::filesystem::remove_all(dir);
  auto saved = save_documents(*docs, dir);
  REQUIRE(saved.ok());
  REQUIRE(saved->size() == 2);
  for (const auto& f : *saved) {
    struct stat st {};
    REQUIRE(stat(f.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
  }
  struct stat ds {};
  REQUIRE(stat(dir.c_str(), &ds) == 0);
  CHECK((ds.st_mode & 0777) == 0700);
  CHECK(saved->front().filename() == "petition-" + docs->reference + ".pdf");
  docs->wipe();
  CHECK(docs->empty());
  CHECK(docs->reference.empty());
  std::filesystem::remove_all(dir);
}
