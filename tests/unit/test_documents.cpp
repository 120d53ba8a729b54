// The petition and the receipt as PDFs, checked the way a reader (poppler)
// sees them: pdftotext for the text, pdffonts for the fonts.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "base/paths.hpp"
#include "config/config.hpp"
#include "demo_site.hpp"
#include "doc_test_support.hpp"
#include "document/addressee.hpp"
#include "document/canvas.hpp"
#include "document/documents.hpp"
#include "document/petition.hpp"
#include "document/receipt.hpp"
#include "document/reference.hpp"
#include "document/samples.hpp"
#include "finish/finish.hpp"
#include "locale/calendar.hpp"
#include "locale/language.hpp"
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
  Config config;  // a copy: tests change the site
  const Form& form;
  const Translations& tr;
  const Content& content;
};

Env env() {
  const auto& s = demo_site::get();
  return Env{s.config, s.form, s.tr, s.content};
}

Sample sample_of(const std::string& lang, year_month_day today = kToday) {
  auto s = load_sample(samples_file(), env().form, lang, today);
  if (!s) throw std::runtime_error(s.error().describe());
  return std::move(s).value();
}

struct Texts2 {
  std::string petition, receipt;  // squeezed pdftotext
  std::string petition_raw, receipt_raw;
};

Texts2 texts_of(const Env& e, const Sample& sample, year_month_day today, const std::string& name) {
  auto docs = sample_documents(e.config, e.form, e.tr, e.content, sample, today);
  if (!docs) throw std::runtime_error(docs.error().describe());
  Texts2 t;
  t.petition_raw = pdftotext(write_temp(docs->petition, "petition-" + name + ".pdf"));
  t.petition = squeeze(t.petition_raw);
  t.receipt_raw = pdftotext(write_temp(docs->receipt, "receipt-" + name + ".pdf"));
  t.receipt = squeeze(t.receipt_raw);
  return t;
}

bool has(const std::string& squeezed, const std::string& text) {
  return squeezed.find(squeeze(text)) != std::string::npos;
}

// pdftotext may reorder the parts of a right-to-left (Dari, Pashto) line;
// there every word must be found.
bool rtl(const std::string& lang) {
  const auto* l = kiosk::find_language(lang);
  return l && l->rtl;
}
// Pashto's two yehs (ي U+064A, ی U+06CC) share their initial and medial
// glyph, which pdftotext maps back to one of them: compare them as one.
std::string one_yeh(std::string s) {
  for (size_t at; (at = s.find("\u064A")) != std::string::npos;) s.replace(at, 2, "\u06CC");
  return s;
}
bool has_in(const std::string& lang, const std::string& squeezed, const std::string& text) {
  return rtl(lang) ? doctest_support::all_words_in(one_yeh(squeezed), one_yeh(text)) : has(squeezed, text);
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
  // No default: an unknown office is an error, never an addressee without a region.
  auto other = load_addressee(addressees_file(), "no-such-office", "ru");
  REQUIRE_FALSE(other.ok());
  CHECK(other.error().user_key == "print.render_failed");
  CHECK_FALSE(load_addressee(addressees_file(), "desp-almaty", "en").ok());
}

TEST_CASE("sample petition and receipt in all five languages: text and fonts", "[document]") {
  const Env& e = env();
  for (const std::string& lang : kiosk::language_codes()) {
    DYNAMIC_SECTION(lang) {
      const Sample sample = sample_of(lang);
      auto docs = sample_documents(e.config, e.form, e.tr, e.content, sample, kToday);
      REQUIRE(docs.ok());
      const auto pet = write_temp(docs->petition, std::string("petition-") + lang + ".pdf");
      const auto rec = write_temp(docs->receipt, std::string("receipt-") + lang + ".pdf");
      const std::string pt = pdftotext(pet);
      const std::string p = squeeze(pt);
      const std::string r = squeeze(pdftotext(rec));
      INFO(pt);
      const bool kk = std::string(lang) == "kk";
      const std::string pl = kk ? "kk" : "ru";  // a Kazakh reader gets a Kazakh petition

      // Required parts of the petition, in its language.
      for (const char* key : {"petition.title", "petition.subtitle", "form.surname.label",
                              "form.given_name.label", "form.birth_date.label",
                              "form.grounds.label", "petition.signature_applicant", "petition.date"})
        CHECK(has(p, e.tr.tr(pl, key)));
      CHECK(has(p, kk ? "Алматы қаласының Жұмыспен қамту және әлеуметтік бағдарламалар басқармасының басшысына"
                      : "Руководителю Управления занятости и социальных программ города Алматы"));
      CHECK(p.find(squeeze(docs->reference)) != std::string::npos);
      CHECK(p.find("21.11.2026") != std::string::npos);
      // The person's answers as typed: surname, given name, the story (a long
      // Dari paragraph comes out in logical order), and Cyrillic forms.
      for (const char* id : {"surname", "given_name", "birth_place"}) {
        const std::string v = sample.answers.get(id);
        INFO(id << " = " << v);
        CHECK(one_yeh(p).find(one_yeh(squeeze(v))) != std::string::npos);
      }
      CHECK(doctest_support::all_words_in(p, sample.answers.get("grounds_story")));
      CHECK(doctest_support::all_words_in(p, sample.answers.get("last_address")));
      for (const auto& [id, cyr] : sample.answers.cyrillic) CHECK(p.find(squeeze(cyr)) != std::string::npos);
      // Labels in the person's language beside the petition's, and the
      // interpreter's part when the person does not read the petition's language.
      if (std::string(lang) != pl) {
        CHECK(has(p, e.tr.tr(lang, "form.surname.label")));
        CHECK(has(p, e.tr.tr(lang, "form.grounds_story.label")));
        CHECK(has(p, e.tr.tr(pl, "petition.interpreter_name")));
        CHECK(has(p, e.tr.tr(pl, "petition.signature_interpreter")));
      } else {
        CHECK_FALSE(has(p, e.tr.tr(pl, "petition.interpreter_name")));
      }
      CHECK(pt.find("⟦") == std::string::npos);  // no missing locale key

      // The receipt: their language plus the Russian key lines.
      CHECK(r.find(squeeze(docs->reference)) != std::string::npos);
      CHECK(has_in(lang, r, e.tr.tr(lang, "receipt.keep_warning")));
      CHECK(has(r, "Код обращения"));
      CHECK(has(r, "г. Алматы, пр. Достык, 85"));
      // What happens next, in full sentences with their periods, also in Russian.
      for (const std::string& code : {std::string(lang), std::string("ru")}) {
        CHECK(has_in(code, r, e.tr.tr(code, "guidance.steps.interview.body", {{"months", int64_t{3}}})));
        CHECK(has_in(code, r, e.tr.tr(code, "guidance.steps.decision.body", {{"months", int64_t{3}}, {"years", int64_t{1}}})));
        CHECK(has_in(code, r, e.tr.tr(code, "guidance.steps.appeal.body", {{"months", int64_t{3}}})));
        CHECK(has_in(code, r, e.tr.tr(code, "guidance.steps.appeal.courts", {{"levels", int64_t{3}}})));
        CHECK(has_in(code, r, e.tr.tr(code, "guidance.steps.certificate.body", {{"months", int64_t{3}}})));
        CHECK(has_in(code, r, e.tr.tr(code, "guidance.rights.seeker.stay")));
      }
      CHECK(has(r, "+7 727 258 45 98"));
      CHECK(has(r, "+7 727 249 60 44"));
      CHECK(r.find("⟦") == std::string::npos);

      check_fonts(pet);
      check_fonts(rec);
    }
  }
}

TEST_CASE("a 'not sure' session prints no entry kind, 'explain to the officer' prints as such",
          "[document]") {
  const Env& e = env();
  Sample s = sample_of("ru");
  s.situation.entry = kiosk::Entry::unsure;
  s.answers.values["entry_manner"] = "explain";
  const auto t = texts_of(e, s, kToday, "unsure");
  CHECK(has(t.petition, "Поясню лично сотруднику"));
  CHECK_FALSE(has(t.petition, "Вне пункта пропуска"));
  CHECK_FALSE(has(t.petition, "Через пункт пропуска"));
  // "The day I learned I cannot go back" has its own row.
  s.answers.values["realised_date"] = "2026-11-19";
  const auto r = texts_of(e, s, kToday, "realised");
  CHECK(has(r.petition, "Дата, когда заявитель узнал о невозможности вернуться в свою страну"));
  CHECK(has(r.petition, "19.11.2026"));
}

TEST_CASE("a passed deadline says go today: receipt and done screen, never a bare past date",
          "[document]") {
  const Env& e = env();
  for (const std::string& lang : kiosk::language_codes()) {
    DYNAMIC_SECTION(lang) {
      Sample s = sample_of(lang);
      s.situation.entry = kiosk::Entry::checkpoint;
      s.situation.arrival = "2026-11-11";
      const year_month_day today{year{2026}, month{11}, day{21}};  // 10 days after arrival
      const auto t = texts_of(e, s, today, std::string("late-") + lang);
      // pdftotext may reorder the parts of a Dari line: there, every word counts.
      auto in_receipt = [&](const std::string& key) {
        const std::string text = e.tr.tr(lang, key);
        return rtl(lang) ? doctest_support::all_words_in(one_yeh(t.receipt), one_yeh(text))
                                            : has(t.receipt, text);
      };
      CHECK(in_receipt("deadline.go_today"));
      CHECK(in_receipt("deadline.explain_late"));
      CHECK(in_receipt("receipt.deadline_passed"));
      CHECK_FALSE(has(t.receipt, e.tr.tr(lang, "receipt.deadline")));
      CHECK(has(t.receipt, "+7 727 249 60 44"));
      // The Russian key lines too.
      CHECK(has(t.receipt, e.tr.tr("ru", "deadline.go_today")));
      // The done screen (and so its read-aloud text) says the same.
      const Session session = sample_session(s);
      const auto lines = done_lines(e.content, e.config, e.tr, session, today);
      std::string all;
      for (const auto& l : lines) all += l + "\n";
      // Phone numbers are kept on one line with no-break spaces.
      all = std::regex_replace(all, std::regex("\u00A0"), " ");
      INFO(all);
      CHECK(all.find(e.tr.tr(lang, "deadline.go_today")) != std::string::npos);
      CHECK(all.find(e.tr.tr(lang, "deadline.explain_late")) != std::string::npos);
      CHECK(all.find("+7 727 249 60 44") != std::string::npos);
      const Language& l = *find_language(lang);
      // The past day appears only inside "the last day was ...".
      CHECK(all.find(e.tr.tr(lang, "done.next", {{"date", format_date(std::chrono::year{2026} / 11 / 16, l)}})) ==
            std::string::npos);
    }
  }
}

TEST_CASE("irregular entry counts the short way: today, within 24 hours", "[document]") {
  const Env& e = env();
  Sample s = sample_of("en");
  s.situation.entry = kiosk::Entry::not_checkpoint;
  s.situation.arrival = "2026-11-21";
  const auto lines = done_lines(e.content, e.config, e.tr, sample_session(s), kToday);
  std::string all;
  for (const auto& l : lines) all += l + "\n";
  INFO(all);
  CHECK(all.find("Take your papers to the office by") != std::string::npos);
  CHECK(all.find("November 21, 2026") != std::string::npos);  // the day of arrival
  CHECK(all.find("within 24 hours") != std::string::npos);
}

TEST_CASE("an airport site's papers name the Border Service, offices follow as 'past the border'",
          "[document]") {
  Env e = env();
  e.config.site.kind = SiteKind::airport;
  e.config.site.checkpoint = "border-almaty-airport";
  Sample s = sample_of("uk");
  s.situation.where = kiosk::Where::airport;
  const auto t = texts_of(e, s, kToday, "airport");
  CHECK(has(t.petition, "Начальнику подразделения Пограничной службы Комитета национальной безопасности "
                        "Республики Казахстан в пункте пропуска «Международный аэропорт Алматы»"));
  CHECK(has(t.petition, "Начальнику підрозділу Прикордонної служби в цьому пункті пропуску"));
  CHECK_FALSE(has(t.petition, "Руководителю Управления занятости"));
  CHECK(has(t.receipt, "Віддайте клопотання прикордоннику тут, зараз."));
  CHECK(has(t.receipt, "Отдайте ходатайство сотруднику Пограничной службы здесь, сейчас."));
  CHECK(has(t.receipt, "Прикордонна служба, пункт пропуску «Міжнародний аеропорт Алмати»"));
  CHECK(has(t.receipt, "Якщо ви вже пройшли кордон: куди йти"));
  // The border first, the office after it.
  CHECK(t.receipt.find(squeeze("Віддайте клопотання")) < t.receipt.find(squeeze("Якщо ви вже пройшли кордон")));
  const auto lines = done_lines(e.content, e.config, e.tr, sample_session(s), kToday);
  REQUIRE(lines.size() >= 3);
  CHECK(lines[0] == e.tr.tr("uk", "done.border_now"));
  CHECK(lines[2].find("Якщо ви вже пройшли кордон") == 0);
  // A person who says they are already in a town gets the office.
  s.situation.where = kiosk::Where::inside;
  const auto town = done_lines(e.content, e.config, e.tr, sample_session(s), kToday);
  CHECK(town[0].find(e.tr.tr("uk", "done.border_now")) == std::string::npos);
}

TEST_CASE("every office and checkpoint has its addressee, check-config fails without one",
          "[document]") {
  const Env& e = env();
  CHECK(check_addressees(addressees_file(), e.content, e.config.site).empty());
  for (const auto& p : e.content.places) {
    if (p.kind != "desp" && p.kind != "border") continue;
    for (const char* lang : {"ru", "kk"}) {
      INFO(p.id << " " << lang);
      auto a = load_addressee(addressees_file(), p.id, lang);
      REQUIRE(a.ok());
      // Never the department without its city or region.
      CHECK(*a != "Руководителю Управления занятости и социальных программ");
    }
  }
  CHECK(load_addressee(addressees_file(), "desp-konaev", "ru").value().find("Алматинской области") !=
        std::string::npos);
  // An office without an addressee, a border site without its post.
  const auto dir = std::filesystem::temp_directory_path() / "kiosk-doc-tests";
  std::filesystem::create_directories(dir);
  const auto file = dir / "addressees-missing.toml";
  {
    std::ofstream f(file);
    f << "[office.desp-almaty]\nru = \"Руководителю А\"\nkk = \"Б\"\n"
         "[office.desp-nowhere]\nru = \"x\"\nkk = \"y\"\n";
  }
  SiteConfig site = e.config.site;
  site.office = "desp-konaev";
  const auto problems = check_addressees(file, e.content, site);
  auto mentions = [&](const std::string& what) {
    for (const auto& p : problems)
      if (p.find(what) != std::string::npos) return true;
    return false;
  };
  CHECK(mentions("desp-nowhere"));
  CHECK(mentions("site.office \"desp-konaev\" has no addressee"));
  CHECK(mentions("\"desp-taldykorgan\""));
  site.kind = SiteKind::land_border;
  site.checkpoint.clear();
  CHECK(!check_addressees(addressees_file(), e.content, site).empty());
  site.checkpoint = "desp-almaty";  // not a border post
  CHECK(!check_addressees(addressees_file(), e.content, site).empty());
  site.checkpoint = "border-almaty-airport";
  CHECK(check_addressees(addressees_file(), e.content, site).empty());
  // A border site whose post is in the content but has no addressee.
  site.office = "desp-almaty";
  bool named = false;
  for (const auto& p : check_addressees(file, e.content, site))
    named = named || p.find("site.checkpoint \"border-almaty-airport\" has no addressee") != std::string::npos;
  CHECK(named);
}

TEST_CASE("Dari text is extracted in logical order, numbers left to right", "[document]") {
  const Env& e = env();
  const Sample sample = sample_of("fa-AF");
  auto docs = sample_documents(e.config, e.form, e.tr, e.content, sample, kToday);
  REQUIRE(docs.ok());
  const std::string text = pdftotext(write_temp(docs->receipt, "receipt-order.pdf"));
  // The first words of the warning, in typing order; reversed they would not match.
  CHECK(squeeze(text).find(squeeze("این رسید را گم نکنید")) != std::string::npos);
  // A phone number inside a Dari line keeps its digit order (bidi isolate).
  CHECK(text.find("+7 727 249 60 44") != std::string::npos);
  // The deadline in the Solar Hijri calendar with the Gregorian date beside it.
  const auto info = receipt_info(e.content, e.config, e.tr, "fa-AF",
                                 session_deadline(e.content, sample.situation, kToday), sample.situation);
  CHECK(info.deadline.find("۱۴۰۵") != std::string::npos);
  CHECK(info.deadline.find("۲۰۲۶") != std::string::npos);
}

TEST_CASE("a Kazakh petition when the site says so, and for a Kazakh reader", "[document]") {
  Env e = env();
  e.config.site.petition_language = "kk";
  const auto t = texts_of(e, sample_of("uk"), kToday, "kk-site");
  const std::string& p = t.petition;
  CHECK(has(p, "ӨТІНІШХАТ"));
  CHECK(has(p, "босқын мәртебесін беру туралы"));
  CHECK(has(p, "Алматы қаласының Жұмыспен қамту"));
  CHECK(has(p, "Тегі"));
  CHECK(has(p, "Прізвище"));
  CHECK_FALSE(has(p, "ХОДАТАЙСТВО"));
  // A Russian site: a Kazakh reader still gets the petition in Kazakh, with
  // no interpreter lines; others get Russian.
  const Env& ru_site = env();
  REQUIRE(ru_site.config.site.petition_language == "ru");
  const auto k = texts_of(ru_site, sample_of("kk"), kToday, "kk-person");
  CHECK(has(k.petition, "ӨТІНІШХАТ"));
  CHECK_FALSE(has(k.petition, "ХОДАТАЙСТВО"));
  CHECK_FALSE(has(k.petition, ru_site.tr.tr("kk", "petition.interpreter_name")));
  CHECK(petition_language_for(ru_site.config, "en") == "ru");
  CHECK(petition_language_for(ru_site.config, "kk") == "kk");
}

TEST_CASE("the petition as the office expects it: gender, citizenship, legal basis, consent, photo",
          "[document]") {
  const Env& e = env();
  struct Case { const char* lang; const char* female; const char* male; const char* both; };
  for (const Case& k : {Case{"ru", "Замужем", "Женат", "Женат (замужем)"},
                        Case{"kk", "Тұрмыста", "Үйленген", "Үйленген (тұрмыс құрған)"},
                        Case{"uk", "Заміжня", "Одружений", "Одружений (заміжня)"}}) {
    DYNAMIC_SECTION(k.lang) {
      Env site = e;
      // Ukrainian and Russian speakers get a Russian petition; to see the
      // Ukrainian and Kazakh words on paper, print the petition in the
      // person's own line (uk) or in Kazakh (kk).
      Sample s = sample_of(k.lang);
      s.answers.values["sex"] = "female";
      s.answers.values["marital_status"] = "married";
      const auto f = texts_of(site, s, kToday, std::string("female-") + k.lang);
      CHECK(has(f.petition, k.female));
      CHECK_FALSE(has(f.petition, k.both));
      s.answers.values["sex"] = "male";
      const auto m = texts_of(site, s, kToday, std::string("male-") + k.lang);
      CHECK(has(m.petition, k.male));
      CHECK_FALSE(has(m.petition, k.both));
    }
  }
  Sample s = sample_of("ru");
  const auto t = texts_of(e, s, kToday, "office");
  // One citizenship row naming the country.
  CHECK(has(t.petition, "Гражданство Республика Примерия"));
  CHECK_FALSE(has(t.petition, "Имеет гражданство"));
  CHECK_FALSE(has(t.petition, "Государство гражданства"));
  CHECK(has(t.petition, "В соответствии с Законом Республики Казахстан от 4 декабря 2009 года № 216-IV "
                        "«О беженцах» прошу присвоить мне статус беженца в Республике Казахстан."));
  // The legal basis once, in the request before the signature: not again in the opening.
  size_t cited = 0;
  for (size_t at = t.petition.find("216-IV"); at != std::string::npos; at = t.petition.find("216-IV", at + 1)) ++cited;
  CHECK(cited == 1);
  CHECK(has(t.petition, "в соответствии с Законом Республики Казахстан от 21 мая 2013 года № 94-V "
                        "«О персональных данных и их защите»"));
  CHECK(t.petition.find(squeeze("«О персональных данных")) < t.petition.find(squeeze("Подпись заявителя")));
  CHECK(has(t.petition, "Место для фотографии"));
  for (const char* label : {"Номер документа, удостоверяющего личность", "Кем выдан", "Дата выдачи",
                            "Языки, которыми владеет заявитель",
                            "Родственники, оставшиеся в стране происхождения",
                            "Прилагаемые документы (копии, количество листов)",
                            "Адрес и телефон в Республике Казахстан"})
    CHECK(has(t.petition, label));
  s.answers.values["citizenship_status"] = "stateless";
  s.answers.values.erase("citizenship");
  const auto st = texts_of(e, s, kToday, "stateless");
  CHECK(has(st.petition, "Гражданство Лицо без гражданства"));
}

TEST_CASE("dates a person can check: Solar Hijri beside Gregorian, a year-only birth date",
          "[document]") {
  const Env& e = env();
  Sample s = sample_of("fa-AF");
  s.answers.values["birth_date"] = "1991";
  const auto t = texts_of(e, s, kToday, "dari-dates");
  INFO(t.petition_raw);
  CHECK(has(t.petition, "1991 (день и месяц неизвестны)"));
  // Beside it, that year in the person's calendar (1991 is mostly 1370).
  CHECK(doctest_support::all_words_in(t.petition, partial_date_words("1991", "fa-AF")));
  CHECK(t.petition.find(squeeze("۱۳۷۰")) != std::string::npos);
  // The entry date in the Solar Hijri calendar with its Afghan month name.
  const auto entry = parse_iso_date(s.answers.get("entry_date"));
  REQUIRE(entry);
  CHECK(doctest_support::all_words_in(t.petition, format_date("fa-AF", *entry)));
  CHECK(t.petition.find(squeeze("۱۴۰۵")) != std::string::npos);
  CHECK(t.petition.find(squeeze("عقرب")) != std::string::npos);  // November's Afghan month
  // The receipt's print date too, not "21.11.2026" in Western digits.
  CHECK(doctest_support::all_words_in(t.receipt, format_date("fa-AF", kToday)));
  CHECK(t.receipt.find("21.11.2026") == std::string::npos);
  // The signing date like every other date: DD.MM.YYYY, the Solar Hijri day
  // under it; never the Gregorian twice in brackets within brackets.
  CHECK(has(t.petition, "21.11.2026"));
  // The receipt's phone numbers are joined with the Arabic comma, never a
  // Latin one that bidi would put before the first number.
  CHECK(t.receipt_raw.find("UNHCR") != std::string::npos);
  std::istringstream receipt_lines(t.receipt_raw);
  for (std::string line; std::getline(receipt_lines, line);)
    if (line.find("+7") != std::string::npos && line.find("UNHCR") != std::string::npos) CHECK(line.find(',') == std::string::npos);
  std::istringstream lines(t.petition_raw);
  for (std::string line; std::getline(lines, line);)
    if (line.find("21.11.2026") != std::string::npos) CHECK(line.find('(') == std::string::npos);
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
  const Sample sample = sample_of("fa-AF");
  ReceiptInput in;
  in.tr = &e.tr;
  in.language = "fa-AF";
  in.reference = "ABCD-EFGH";
  in.info = receipt_info(e.content, e.config, e.tr, "fa-AF",
                         session_deadline(e.content, sample.situation, kToday), sample.situation);
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
  auto docs = sample_documents(e.config, e.form, e.tr, e.content, sample_of("en"), kToday);
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

TEST_CASE("a sample and a replayed session with the same fictitious person give the same papers",
          "[document]") {
  const Env& e = env();
  for (const char* lang : {"ru", "uk"}) {
    DYNAMIC_SECTION(lang) {
      const Sample sample = sample_of(lang);
      // The same person, answering screen by screen through reduce().
      const FlowContext ctx{e.form, FlowSettings{}, kToday};
      Session s = wiped();
      auto go = [&](const Intent& i) { s = reduce(s, i, ctx); };
      go(intent::Start{});
      go(intent::ChooseLanguage{lang});
      go(intent::SetWhere{sample.situation.where});
      go(intent::SetEntry{sample.situation.entry});
      go(intent::SetArrival{sample.situation.arrival});
      go(intent::Next{});
      REQUIRE(s.step == Step::question);
      auto answer = [&](const std::string& value, const std::string& cyrillic) {
        if (value.empty()) {
          go(intent::Skip{});
          return;
        }
        go(intent::SetDraft{value});
        go(intent::Next{});
        if (s.confirming_cyrillic) {
          if (!cyrillic.empty()) go(intent::SetCyrillic{cyrillic});
          go(intent::Next{});
        }
      };
      for (int guard = 0; s.step == Step::question && guard < 200; ++guard) {
        const Field& top = current_top_field(s, e.form);
        const Field* f = current_field(s, e.form);
        INFO("at " << top.id << " / " << (f ? f->id : std::string("list")));
        REQUIRE_FALSE(s.problem);
        if (!f) {  // a group's list screen: add the sample's items, then go on
          const auto it = sample.answers.groups.find(top.id);
          const size_t have = s.answers.groups.count(top.id) ? s.answers.groups.at(top.id).size() : 0;
          if (it != sample.answers.groups.end() && have < it->second.size()) {
            go(intent::AddItem{});
            const GroupItem& item = it->second[have];
            while (s.step == Step::question && current_field(s, e.form) && s.cursor.item >= 0) {
              const Field* sub = current_field(s, e.form);
              const auto v = item.values.find(sub->id);
              const auto c = item.cyrillic.find(sub->id);
              answer(v == item.values.end() ? "" : v->second, c == item.cyrillic.end() ? "" : c->second);
            }
          } else {
            go(intent::Next{});
          }
          continue;
        }
        const auto c = sample.answers.cyrillic.find(f->id);
        answer(sample.answers.get(f->id), c == sample.answers.cyrillic.end() ? "" : c->second);
      }
      REQUIRE(s.step == Step::review);
      go(intent::Next{});
      go(intent::Agree{});
      auto replayed = session_documents(e.config, e.form, e.tr, e.content, s, "ABCD-EFGH", kToday, true);
      auto made = session_documents(e.config, e.form, e.tr, e.content, sample_session(sample), "ABCD-EFGH",
                                    kToday, true);
      REQUIRE(replayed.ok());
      REQUIRE(made.ok());
      CHECK(pdftotext(write_temp(replayed->petition, "replayed-petition.pdf")) ==
            pdftotext(write_temp(made->petition, "sample-petition.pdf")));
      CHECK(pdftotext(write_temp(replayed->receipt, "replayed-receipt.pdf")) ==
            pdftotext(write_temp(made->receipt, "sample-receipt.pdf")));
    }
  }
}

TEST_CASE("papers reuse their fonts, and two threads at once make the same papers",
          "[document]") {
  const Env& e = env();
  // One font map for every paper, kept between papers and threads (the
  // kiosk makes each session's papers on a new thread): a new one for every
  // paper made a Dari petition and receipt take twice as long.
  PangoFontMap* mine = kiosk::doc::papers_font_map();
  CHECK(kiosk::doc::papers_font_map() == mine);
  PangoFontMap* other = nullptr;
  std::thread([&] { other = kiosk::doc::papers_font_map(); }).join();
  CHECK(other == mine);

  // Dari and Russian at the same time, each on its own thread, twice: the
  // text, laid out, is what the same paper made alone says.
  auto text_of = [&](const std::string& lang, const std::string& name) {
    auto docs = session_documents(e.config, e.form, e.tr, e.content, sample_session(sample_of(lang)),
                                  "ABCD-EFGH", kToday, true);
    if (!docs.ok()) return std::string("failed: ") + docs.error().describe();
    auto laid_out = [](const std::filesystem::path& pdf) {
      return doctest_support::run("pdftotext -layout -enc UTF-8 '" + pdf.string() + "' - 2>&1");
    };
    return laid_out(write_temp(docs->petition, name + "-petition.pdf")) + "\f" +
           laid_out(write_temp(docs->receipt, name + "-receipt.pdf"));
  };
  const std::string fa = text_of("fa-AF", "alone-fa");
  const std::string ru = text_of("ru", "alone-ru");
  REQUIRE(fa.find("failed: ") == std::string::npos);
  REQUIRE(ru.find("failed: ") == std::string::npos);
  std::string fa_made[2], ru_made[2];
  {
    std::thread a([&] {
      for (int i = 0; i < 2; ++i) fa_made[i] = text_of("fa-AF", "thread-fa-" + std::to_string(i));
    });
    std::thread b([&] {
      for (int i = 0; i < 2; ++i) ru_made[i] = text_of("ru", "thread-ru-" + std::to_string(i));
    });
    a.join();
    b.join();
  }
  for (int i = 0; i < 2; ++i) {
    CHECK(fa_made[i] == fa);
    CHECK(ru_made[i] == ru);
  }
}

TEST_CASE("law numbers keep their written order inside a right-to-left line", "[document]") {
  using kiosk::doc::ltr_codes;
  const std::string lri = "\u2066", pdi = "\u2069";
  CHECK(ltr_codes("قانون 216-IV و 94-V") == "قانون " + lri + "216-IV" + pdi + " و " + lri + "94-V" + pdi);
  CHECK(ltr_codes("۴ دسمبر ۲۰۰۹، 2009 и 12-") == "۴ دسمبر ۲۰۰۹، 2009 и 12-");  // no code: unchanged
  CHECK(ltr_codes("1-a") == "1-a");                                            // capitals only
  CHECK(ltr_codes(lri + "216-IV" + pdi) == lri + "216-IV" + pdi);              // already kept: once
  CHECK(ltr_codes("") == "");
  // The Dari and Pashto request lines both cite the law, with no marks of their own.
  for (const char* lang : {"fa-AF", "ps-AF"}) {
    const std::string line = demo_site::translations().tr(lang, "petition.request_law");
    REQUIRE(line.find("216-IV") != std::string::npos);
    CHECK(ltr_codes(line).find(lri + "216-IV" + pdi) != std::string::npos);
  }
}
