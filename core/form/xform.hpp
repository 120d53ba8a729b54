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


}  // namespace kiosk
