// The petition as ODK/OpenRosa XML: the submission instance (what a record
// holds, sealed before it is stored) and the XForm that the office uploads
// to ODK Central or KoboToolbox. Both come from the same Form, so the server
// form and the kiosk can never disagree about fields.
#pragma once

#include <filesystem>
#include <string>

#include "base/result.hpp"
#include "flow/session.hpp"
#include "form/form.hpp"
#include "locale/catalog.hpp"

namespace kiosk {

// What a record says about itself besides the answers. No personal data.
struct InstanceMeta {
  std::string instance_id;  // "uuid:..."
  std::string site_id;      // config site.id
  std::string language;     // the person's language code
  std::string reference;    // the code printed on the receipt
  std::string created;      // ISO 8601 time, e.g. 2026-11-21T10:04:00+05:00
  bool test = false;        // records made by `queue test-submission`
};

// The plaintext submission XML for `answers` (and the situation). The caller
// seals it at once; it is never written to disk as it is.
std::string build_instance_xml(const Form& form, const Situation& situation,
                               const Answers& answers, const InstanceMeta& meta);

// The XForm (ODK XForms spec) with labels in all five languages and, when
// `base64_public_key` is not empty, encryption to that key (the office key's
// seal::OfficeKey::base64_der()). Instance ids come from seal::new_instance_id().
std::string build_xform(const Form& form, const Translations& tr,
                        const std::string& base64_public_key);

// The version the server form and every record carry: petition.toml's
// version, "-", and 8 hex digits of the SHA-256 of the XForm (questions,
// choices, labels in every language, and the key). Whenever the questions or
// the key change, the version changes, so ODK Central publishes a re-upload
// as a new version (instead of refusing it with 409.3 / 409.6) and records
// sealed to the old key keep their old version. Call it once on the form as
// loaded from petition.toml and set form.version to the result.
std::string xform_version(const Form& form, const Translations& tr, const std::string& base64_public_key);

// The form as the server holds it: petition.toml with its version set by
// xform_version(), and the XForm text.
struct ServerForm {
  Form form;
  std::string xform;
  [[nodiscard]] std::string file_name() const { return form.id + ".xml"; }
};
// Loads <dir>/assets/form/petition.toml and <dir>/locales (dir = the data
// directory, base/paths.hpp's data_dir()) and builds the server form for the
// key. Fails with the form's or the translations' error.
Result<ServerForm> load_server_form(const std::filesystem::path& dir, const std::string& base64_public_key);

// A test record (`queue test-submission`): a complete instance of the form,
// every answer empty, test_record = "yes" and the reference
// "TEST RECORD <number> - not a real petition".
std::string build_test_instance_xml(const Form& form, const std::string& instance_id, int number,
                                    const std::string& site_id, const std::string& created);


}  // namespace kiosk
