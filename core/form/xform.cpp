// XML for the server: the submission instance and the XForm. Sections:
//   [1] helpers   [2] instance   [3] XForm
#include "form/xform.hpp"

#include "base/xml.hpp"

#include <cstdio>
#include <sstream>

#include "locale/language.hpp"
#include "seal/seal.hpp"

namespace kiosk {

// [SECTION] 1. helpers -----------------------------------------------------------

namespace {

void element(std::ostringstream& x, const std::string& name, const std::string& value,
             const char* indent) {
  if (value.empty()) x << indent << "<" << name << "/>\n";
  else x << indent << "<" << name << ">" << xml_escape(value) << "</" << name << ">\n";
}

std::string lookup(const std::map<std::string, std::string>& m, const std::string& k) {
  const auto it = m.find(k);
  return it == m.end() ? std::string() : it->second;
}

}  // namespace

// [SECTION] 2. instance ------------------------------------------------------------

std::string build_instance_xml(const Form& form, const Situation& situation,
                               const Answers& answers, const InstanceMeta& meta) {
  std::ostringstream x;
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x << "<data id=\"" << xml_escape(form.id) << "\" version=\"" << xml_escape(form.version)
    << "\" xmlns:orx=\"http://openrosa.org/xforms\">\n";
  element(x, "site", meta.site_id, "  ");
  element(x, "language", meta.language, "  ");
  element(x, "reference", meta.reference, "  ");
  element(x, "created", meta.created, "  ");
  element(x, "test_record", meta.test ? "yes" : "no", "  ");
  element(x, "situation_where", to_string(situation.where), "  ");
  element(x, "situation_entry", to_string(situation.entry), "  ");
  element(x, "situation_arrival", situation.arrival, "  ");
  for (const auto& f : form.fields) {
    if (f.kind == FieldKind::group) {
      const auto it = answers.groups.find(f.id);
      if (it == answers.groups.end()) continue;
      for (const auto& item : it->second) {
        x << "  <" << f.id << ">\n";
        for (const auto& sub : f.fields) {
          element(x, sub.id, lookup(item.values, sub.id), "    ");
          if (sub.transliterate) element(x, sub.id + "_cyrillic", lookup(item.cyrillic, sub.id), "    ");
        }
        x << "  </" << f.id << ">\n";
      }
      continue;
    }
    element(x, f.id, answers.get(f.id), "  ");
    if (f.transliterate) element(x, f.id + "_cyrillic", lookup(answers.cyrillic, f.id), "  ");
  }
  x << "  <meta>\n";
  element(x, "orx:instanceID", meta.instance_id, "    ");
  x << "  </meta>\n</data>\n";
  return x.str();
}

// [SECTION] 3. XForm ------------------------------------------------------------------

namespace {

const char* xform_type(FieldKind k) {
  switch (k) {
    case FieldKind::date: return "date";
    case FieldKind::choice: return "select1";
    case FieldKind::multi_choice: return "select";
    default: return "string";
  }
}

struct XFormWriter {
  const Form& form;
  const Translations& tr;
  std::ostringstream x;

  // Every label in every language, as itext entries.
  void itext() {
    x << "      <itext>\n";
    for (const auto& lang : languages()) {
      x << "        <translation lang=\"" << xml_escape(lang.native_name) << " (" << lang.code
        << ")\"" << (lang.code == "ru" ? " default=\"true()\"" : "") << ">\n";
      auto text = [&](const std::string& id, const std::string& key) {
        x << "          <text id=\"" << xml_escape(id) << "\"><value>"
          << xml_escape(tr.tr(lang.code, key)) << "</value></text>\n";
      };
      for (const auto& f : form.fields) {
        text("/data/" + f.id + ":label", "form." + f.id + ".label");
        for (const auto& o : f.options)
          text("/data/" + f.id + "/" + o + ":label", "form." + f.id + ".option." + o);
        for (const auto& sub : f.fields) {
          const std::string path = "/data/" + f.id + "/" + sub.id;
          text(path + ":label", "form." + f.id + "." + sub.id + ".label");
          for (const auto& o : sub.options)
            text(path + "/" + o + ":label", "form." + f.id + "." + sub.id + ".option." + o);
        }
      }
      x << "        </translation>\n";
    }
    x << "      </itext>\n";
  }

  void instance() {
    x << "      <instance>\n        <data id=\"" << xml_escape(form.id) << "\" version=\""
      << xml_escape(form.version) << "\">\n";
    for (const char* meta : {"site", "language", "reference", "created", "test_record",
                             "situation_where", "situation_entry", "situation_arrival"})
      x << "          <" << meta << "/>\n";
    for (const auto& f : form.fields) {
      if (f.kind == FieldKind::group) {
        x << "          <" << f.id << " jr:template=\"\">\n";
        for (const auto& sub : f.fields) {
          x << "            <" << sub.id << "/>\n";
          if (sub.transliterate) x << "            <" << sub.id << "_cyrillic/>\n";
        }
        x << "          </" << f.id << ">\n";
        continue;
      }
      x << "          <" << f.id << "/>\n";
      if (f.transliterate) x << "          <" << f.id << "_cyrillic/>\n";
    }
    x << "          <meta>\n            <instanceID/>\n          </meta>\n";
    x << "        </data>\n      </instance>\n";
  }

  void bind(const std::string& path, const Field& f, bool in_group) {
    // A date that may be a year only is sent as text ("1990", "1990-05").
    x << "      <bind nodeset=\"" << path << "\" type=\"" << (f.partial_date ? "string" : xform_type(f.kind)) << "\"";
    if (f.required) x << " required=\"true()\"";
    if (f.show_if && !in_group)
      x << " relevant=\"selected(/data/" << f.show_if->field << ", '" << f.show_if->equals << "')\"";
    x << "/>\n";
    if (f.transliterate) x << "      <bind nodeset=\"" << path << "_cyrillic\" type=\"string\"/>\n";
  }

  void binds() {
    for (const char* meta : {"site", "language", "reference", "created", "test_record",
                             "situation_where", "situation_entry", "situation_arrival"})
      x << "      <bind nodeset=\"/data/" << meta << "\" type=\"string\" readonly=\"true()\"/>\n";
    for (const auto& f : form.fields) {
      if (f.kind == FieldKind::group) {
        for (const auto& sub : f.fields) bind("/data/" + f.id + "/" + sub.id, sub, true);
        continue;
      }
      bind("/data/" + f.id, f, false);
    }
    x << "      <bind nodeset=\"/data/meta/instanceID\" type=\"string\" readonly=\"true()\" "
         "jr:preload=\"uid\"/>\n";
  }

  void control(const std::string& path, const Field& f, const char* indent) {
    const char* tag = f.kind == FieldKind::choice         ? "select1"
                      : f.kind == FieldKind::multi_choice ? "select"
                                                          : "input";
    x << indent << "<" << tag << " ref=\"" << path << "\">\n";
    x << indent << "  <label ref=\"jr:itext('" << path << ":label')\"/>\n";
    for (const auto& o : f.options)
      x << indent << "  <item><label ref=\"jr:itext('" << path << "/" << o
        << ":label')\"/><value>" << o << "</value></item>\n";
    x << indent << "</" << tag << ">\n";
    if (f.transliterate)
      x << indent << "<input ref=\"" << path << "_cyrillic\"><label>" << f.id
        << " (кириллица)</label></input>\n";
  }

  void body() {
    x << "  <h:body>\n";
    for (const auto& f : form.fields) {
      const std::string path = "/data/" + f.id;
      if (f.kind == FieldKind::group) {
        x << "    <group ref=\"" << path << "\">\n      <label ref=\"jr:itext('" << path
          << ":label')\"/>\n      <repeat nodeset=\"" << path << "\">\n";
        for (const auto& sub : f.fields) control(path + "/" + sub.id, sub, "        ");
        x << "      </repeat>\n    </group>\n";
        continue;
      }
      control(path, f, "    ");
    }
    x << "  </h:body>\n";
  }
};

}  // namespace

std::string build_xform(const Form& form, const Translations& tr,
                        const std::string& base64_key) {
  XFormWriter w{form, tr, {}};
  auto& x = w.x;
  x << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
       "<h:html xmlns=\"http://www.w3.org/2002/xforms\" xmlns:h=\"http://www.w3.org/1999/xhtml\" "
       "xmlns:jr=\"http://openrosa.org/javarosa\" xmlns:orx=\"http://openrosa.org/xforms\" "
       "xmlns:odk=\"http://www.opendatakit.org/xforms\">\n"
       "  <h:head>\n    <h:title>"
    << xml_escape(tr.tr("ru", "petition.title")) << " (" << xml_escape(form.id) << ")</h:title>\n"
    << "    <model odk:xforms-version=\"1.0.0\">\n";
  w.itext();
  w.instance();
  w.binds();
  if (!base64_key.empty())
    x << "      <submission method=\"post\" base64RsaPublicKey=\"" << base64_key << "\"/>\n";
  x << "    </model>\n  </h:head>\n";
  w.body();
  x << "</h:html>\n";
  return x.str();
}

std::string xform_version(const Form& form, const Translations& tr, const std::string& base64_key) {
  return form.version + "-" + seal::sha256_hex(build_xform(form, tr, base64_key)).substr(0, 8);
}

Result<ServerForm> load_server_form(const std::filesystem::path& dir, const std::string& base64_key) {
  auto form = load_form(dir / "assets/form/petition.toml");
  if (!form) return form.error();
  auto tr = Translations::load(dir / "locales");
  if (!tr) return tr.error();
  ServerForm sf;
  sf.form = std::move(*form);
  sf.form.version = xform_version(sf.form, *tr, base64_key);
  sf.xform = build_xform(sf.form, *tr, base64_key);
  return sf;
}

std::string build_test_instance_xml(const Form& form, const std::string& instance_id, int number,
                                    const std::string& site_id, const std::string& created) {
  InstanceMeta meta{instance_id, site_id, "", "TEST RECORD " + std::to_string(number) + " - not a real petition",
                    created, true};
  return build_instance_xml(form, Situation{}, Answers{}, meta);
}

}  // namespace kiosk
