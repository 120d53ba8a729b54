#include <catch2/catch.hpp>

#include <cstdio>
#include <optional>
#include <set>

#include "base/paths.hpp"
#include "form/xform.hpp"
#include "seal/seal.hpp"

using namespace kiosk;

namespace {

const Form& petition() {
  static const Form form = *load_form(data_dir() / "assets/form/petition.toml");
  return form;
}

std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  pclose(p);
  return out;
}

}  // namespace

TEST_CASE("the instance holds every answer, escaped, with its Cyrillic form", "[xform]") {
  Answers a;
  a.values["surname"] = "O'Neil <&> \"Test\"";
  a.cyrillic["surname"] = "Онил";
  a.values["grounds"] = "religion other";
  GroupItem child;
  child.values["name"] = "Тест Тестов";
  child.values["relation"] = "child";
  child.cyrillic["name"] = "Тест Тестов";
  a.groups["family"] = {child, child};
  InstanceMeta meta{seal::new_instance_id(), "site-1", "en", "K7M2-Q9", "2026-11-21T10:00:00+05:00", true};
  const std::string xml = build_instance_xml(petition(), Situation{kiosk::Where::airport, kiosk::Entry::checkpoint, "2026-11-20"}, a, meta);

  CHECK(xml.find("<surname>O&apos;Neil &lt;&amp;&gt; &quot;Test&quot;</surname>") != std::string::npos);
  CHECK(xml.find("<surname_cyrillic>Онил</surname_cyrillic>") != std::string::npos);
  CHECK(xml.find("<grounds>religion other</grounds>") != std::string::npos);
  CHECK(xml.find("<orx:instanceID>" + meta.instance_id + "</orx:instanceID>") != std::string::npos);
  CHECK(xml.find("<test_record>yes</test_record>") != std::string::npos);
  CHECK(xml.find("<situation_where>airport</situation_where>") != std::string::npos);
  // Two family items, each with all sub-fields.
  size_t items = 0;
  for (size_t p = xml.find("<family>"); p != std::string::npos; p = xml.find("<family>", p + 1)) ++items;
  CHECK(items == 2);
  // Every top-level field has an element, answered or empty.
  for (const auto& f : petition().fields) {
    if (f.kind == FieldKind::group) continue;
    INFO(f.id);
    CHECK((xml.find("<" + f.id + ">") != std::string::npos ||
           xml.find("<" + f.id + "/>") != std::string::npos));
  }
}

TEST_CASE("the XForm binds every field and carries the office key", "[xform]") {
  auto tr = Translations::load(data_dir() / "locales");
  REQUIRE(tr.ok());
  const auto office = seal::OfficeKey::load_pem_file(data_dir() / "kiosk-config/demo-office-public.pem");
  REQUIRE(office.ok());
  const auto key = std::optional<std::string>(office->base64_der());
  // The same DER as OpenSSL's own command line gives.
  const std::string der = run("openssl pkey -pubin -in '" +
                              (data_dir() / "kiosk-config/demo-office-public.pem").string() +
                              "' -outform DER | base64 -w0");
  CHECK(*key == der);
  const std::string xf = build_xform(petition(), *tr, *key);
  CHECK(xf.find("base64RsaPublicKey=\"" + *key + "\"") != std::string::npos);
  CHECK(xf.find("jr:preload=\"uid\"") != std::string::npos);
  CHECK(xf.find("<bind nodeset=\"/data/surname\" type=\"string\" required=\"true()\"/>") != std::string::npos);
  CHECK(xf.find("relevant=\"selected(/data/documents, 'none')\"") != std::string::npos);
  CHECK(xf.find("<repeat nodeset=\"/data/family\">") != std::string::npos);
  for (const auto& f : petition().fields) {
    INFO(f.id);
    CHECK(xf.find("/data/" + f.id) != std::string::npos);
  }
}
