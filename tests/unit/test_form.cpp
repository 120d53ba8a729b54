#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "base/paths.hpp"
#include "form/form.hpp"

using namespace kiosk;
using namespace std::chrono;

namespace {

Form petition() {
  auto f = load_form(data_dir() / "assets/form/petition.toml");
  if (!f) FAIL(f.error().describe());
  return std::move(f).value();
}

Result<Form> load_text(const std::string& text) {
  // One file per process: CTest runs test cases in parallel processes.
  const auto p = std::filesystem::temp_directory_path() /
                 ("kiosk-form-test-" + std::to_string(::getpid()) + ".toml");
  std::ofstream(p) << text;
  return load_form(p);
}

const year_month_day kToday{year{2026}, month{11}, day{21}};

}  // namespace

TEST_CASE("the petition form loads with the provisional fields in order", "[form]") {
  const Form f = petition();
  CHECK(f.id == "asylum_petition");
  REQUIRE(f.fields.size() >= 20);
  // First: a document with the name in Latin letters (the best source of
  // the Cyrillic spelling), then the name.
  CHECK(f.fields.front().id == "latin_document");
  const Field* surname = f.find("surname");
  REQUIRE(surname);
  CHECK(surname->latin == "surname_latin");
  CHECK(f.find("surname_latin")->latin_script);
  const Field* family = f.find("family");
  REQUIRE(family);
  CHECK(family->kind == FieldKind::group);
  CHECK(family->fields.size() == 3);
  const Field* grounds = f.find("grounds");
  REQUIRE(grounds);
  // The five grounds the law names, plus "other".
  for (const char* g : {"race", "ethnicity", "religion", "citizenship", "political_opinion",
                        "social_group"})
    CHECK(std::find(grounds->options.begin(), grounds->options.end(), g) != grounds->options.end());
}

TEST_CASE("show_if hides a question until the earlier answer asks for it", "[form]") {
  const Form f = petition();
  const Field* reason = f.find("documents_missing_reason");
  REQUIRE(reason);
  Answers a;
  CHECK_FALSE(is_visible(*reason, a));
  a.values["documents"] = "passport";
  CHECK_FALSE(is_visible(*reason, a));
  a.values["documents"] = "none";
  CHECK(is_visible(*reason, a));
  const Field* citizenship = f.find("citizenship");
  a.values["citizenship_status"] = "stateless";
  CHECK_FALSE(is_visible(*citizenship, a));
}

TEST_CASE("answers are validated by kind", "[form]") {
  const Form f = petition();
  const Field& surname = *f.find("surname");
  CHECK(validate(surname, "", kToday)->key == "form.error.required");
  CHECK(validate(surname, "   ", kToday)->key == "form.error.required");
  CHECK_FALSE(validate(surname, "احمدی", kToday));
  CHECK(validate(surname, "Ivan0v", kToday)->key == "form.error.name_digits");
  CHECK(validate(surname, "احمد۲", kToday)->key == "form.error.name_digits");  // Persian digit two
  CHECK(validate(surname, "علی٣", kToday)->key == "form.error.name_digits");   // Arabic-Indic three
  CHECK(validate(surname, std::string(61, 'a'), kToday)->number == 60);
  // Length counts letters, not bytes: 60 Dari letters are fine.
  std::string sixty;
  for (int i = 0; i < 60; ++i) sixty += "ب";
  CHECK_FALSE(validate(surname, sixty, kToday));

  const Field& birth = *f.find("birth_date");
  CHECK_FALSE(validate(birth, "1990-02-28", kToday));
  CHECK(validate(birth, "1990-02-30", kToday)->key == "form.error.date");
  CHECK(validate(birth, "2026-11-22", kToday)->key == "form.error.date_future");
  CHECK_FALSE(validate(birth, "2026-11-21", kToday));
  CHECK(validate(birth, "1899-12-31", kToday)->key == "form.error.date_too_old");
  CHECK_FALSE(validate(birth, "2024-02-29", kToday));
  CHECK(validate(birth, "2023-02-29", kToday)->key == "form.error.date");
  // One strict ISO parser for answers and content: no signs, spaces or
  // short fields slip through (sscanf's %u would take "+1" and " 1").
  for (const char* odd : {"1990-+2-05", "1990- 2-05", "1990-2-005", "199O-02-05", "1990/02/05"})
    CHECK(validate(birth, odd, kToday)->key == "form.error.date");

  const Field& phone = *f.find("phone");
  CHECK_FALSE(validate(phone, "", kToday));  // optional
  CHECK_FALSE(validate(phone, "+7 701 555 01 23", kToday));
  CHECK(validate(phone, "7 701 + 555", kToday)->key == "form.error.phone");
  CHECK(validate(phone, "call me", kToday)->key == "form.error.phone");

  const Field& docs = *f.find("documents");
  CHECK_FALSE(validate(docs, "passport birth_certificate", kToday));
  CHECK(validate(docs, "passport none", kToday)->key == "form.error.none_and_other");
  CHECK(validate(docs, "visa", kToday)->key == "form.error.choice");
  CHECK(validate(*f.find("sex"), "x", kToday)->key == "form.error.choice");
}

TEST_CASE("a broken form definition names the line", "[form]") {
  auto r = load_text("id = \"f\"\nversion = \"1\"\nas_of = \"2026-01-01\"\nsource = \"s\"\n"
                     "[[field]]\nid = \"a\"\nkind = \"colour\"\n");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().where.find(":5") != std::string::npos);

  r = load_text("id = \"f\"\nversion = \"1\"\nas_of = \"x\"\nsource = \"s\"\n"
                "[[field]]\nid = \"a\"\nkind = \"text\"\nshow_if = { field = \"b\", equals = \"x\" }\n"
                "[[field]]\nid = \"b\"\nkind = \"text\"\n");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("not an earlier field") != std::string::npos);

  r = load_text("id = \"f\"\nversion = \"1\"\nas_of = \"x\"\nsource = \"s\"\n"
                "[[field]]\nid = \"a\"\nkind = \"text\"\n[[field]]\nid = \"a\"\nkind = \"text\"\n");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("used twice") != std::string::npos);

  CHECK_FALSE(load_form("/nonexistent/form.toml").ok());

  // Found by fuzzing: a float (or a huge integer) where a whole number
  // belongs is refused by name, not converted (toml++ would cast 1e19 to
  // int64 with undefined behaviour; a cast to int would wrap 2^32 + 1 to 1).
  for (const char* bad_value : {"1E19", "200.0", "4294967297", "0", "\"200\""}) {
    INFO(bad_value);
    r = load_text(std::string("id = \"f\"\nversion = \"1\"\nas_of = \"x\"\nsource = \"s\"\n"
                              "[[field]]\nid = \"a\"\nkind = \"text\"\nmax_length = ") + bad_value + "\n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("max_length must be a whole number from 1 to 10000") != std::string::npos);
  }
  r = load_text("id = \"f\"\nversion = \"1\"\nas_of = \"x\"\nsource = \"s\"\n"
                "[[field]]\nid = \"g\"\nkind = \"group\"\nmax_items = 1e3\n"
                "[[field.field]]\nid = \"n\"\nkind = \"text\"\n");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("max_items must be a whole number from 1 to 50") != std::string::npos);
}

TEST_CASE("a Latin spelling field: only Latin letters, and named only from a later name field", "[form]") {
  const Form f = petition();
  const Field& latin = *f.find("surname_latin");
  CHECK_FALSE(validate(latin, "Rahimi", kToday));
  CHECK_FALSE(validate(latin, "Abdul-Rahman O'Neil", kToday));
  CHECK(validate(latin, "رحیمی", kToday)->key == "form.error.latin");
  CHECK(validate(latin, "Рахими", kToday)->key == "form.error.latin");
  CHECK(validate(latin, "-", kToday)->key == "form.error.latin");

  const std::string head = "id = \"f\"\nversion = \"1\"\nas_of = \"x\"\nsource = \"s\"\n";
  auto r = load_text(head + "[[field]]\nid = \"a\"\nkind = \"name\"\nscript = \"cyrillic\"\n");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("script can only be \"latin\"") != std::string::npos);
  // `latin` must name an earlier field that takes Latin letters.
  r = load_text(head + "[[field]]\nid = \"b\"\nkind = \"name\"\n"
                       "[[field]]\nid = \"a\"\nkind = \"name\"\nlatin = \"b\"\n");
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("script = \"latin\"") != std::string::npos);
  r = load_text(head + "[[field]]\nid = \"a\"\nkind = \"name\"\nlatin = \"b\"\n"
                       "[[field]]\nid = \"b\"\nkind = \"name\"\nscript = \"latin\"\n");
  REQUIRE_FALSE(r.ok());
  r = load_text(head + "[[field]]\nid = \"b\"\nkind = \"name\"\nscript = \"latin\"\n"
                       "[[field]]\nid = \"a\"\nkind = \"name\"\nlatin = \"b\"\ntransliterate = true\n");
  REQUIRE(r.ok());
  CHECK(r->find("a")->latin == "b");
}
