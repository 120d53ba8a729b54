// The form (and key) as the office's server serves it, like ODK Collect
// takes it: OpenRosa formList, then the form's downloadUrl, with the same
// credentials as the submissions. With sync.form_source = "server" the kiosk
// seals every record with the served form's base64RsaPublicKey and carries
// its version, so an office that turned on ODK Central's Managed Encryption
// (Central then puts its own key into the form and renames the version
// "<version>[encrypted:XXXXXXXX]") reads every petition in Central's own
// table and exports with its passphrase.
//
// The last good served form is kept on disk (<outbox.data_dir>/server-form.xml,
// written atomically); the kiosk works offline with it. A served form is
// only taken when it asks exactly the kiosk's questions (the same instance
// elements, in the same order, as the kiosk's own XForm) and carries a key.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "sync/sync.hpp"

namespace kiosk::sync {

struct FormListEntry {
  std::string form_id, version, hash, download_url;
};
// Parses an OpenRosa xformsList reply (<xforms><xform><formID>...).
std::vector<FormListEntry> parse_form_list(const std::string& xml);

struct ServedForm {
  std::string xml;         // the XForm as served
  std::string form_id;     // instance root @id
  std::string version;     // instance root @version
  std::string base64_key;  // submission @base64RsaPublicKey ("" = none)
};
// Reads the id, version and key of an XForm. Fails with Errc::parse when it
// has no instance root with an id.
Result<ServedForm> parse_served_form(const std::string& xform);

// "" when `served` asks the same questions as `kiosk_xform` (the element
// names under the primary instance's root, in order); else a plain sentence
// naming the first difference.
std::string form_mismatch(const std::string& served, const std::string& kiosk_xform);

// Fetches the form `form_id` from the server (formList + download), checks it
// against `kiosk_xform` and that it has a key, and on success stores it at
// `store` (atomically) and returns it. On any failure returns an error with
// a staff sentence (the stored form, if any, is left as it was).
Result<ServedForm> fetch_server_form(const Settings& s, const std::string& form_id,
                                     const std::string& kiosk_xform, const std::filesystem::path& store);
// What one look at the server's form found (FormWatch::check).
struct FormRefresh {
  enum class Result {
    unchanged,  // the server serves the last good form (same version and hash): nothing downloaded
    taken,      // a changed form was downloaded, checked and stored as the new last good form
    refused,    // the server serves a form the kiosk cannot use (other questions, no key, no such
                // form): the last good form stays; `message` says why, for staff
    failed,     // the server could not be asked (offline, an HTTP error, a bad reply); the last good
                // form stays; the sync pass reports the cause itself
  };
  Result result = Result::failed;
  // taken: the new last good form; unchanged: the last good form on disk
  // (which `asylum-kioskctl form-from-server` may have replaced meanwhile)
  std::optional<ServedForm> form;
  std::string message;             // refused, failed: a plain English sentence (never the token)
};

// The sync worker's look at the served form, at the start of a pass: the
// OpenRosa formList (one small request); only when the served version or
// hash differs from the last good form on disk is the form downloaded,
// checked like fetch_server_form() checks it, and stored atomically as the
// new last good form. A refused form is remembered by its hash, so that it
// is not downloaded again at every pass while the office has not changed it.
// Not thread-safe: one caller (the sync worker's thread).
class FormWatch {
 public:
  FormWatch(std::string form_id, std::string kiosk_xform, std::filesystem::path store);
  // `abort`, if given, receives a function that ends the request in flight (Worker::stop()).
  FormRefresh check(const Settings& s, const AbortHook& abort = {});

 private:
  std::string form_id_, kiosk_xform_;
  std::filesystem::path store_;
  std::string refused_key_, refused_message_;  // "<version> <hash>" of the last refused served form
};

// "md5:<hex>", the formList hash of an XForm's bytes.
std::string form_list_hash(const std::string& xml);

// The last good served form from disk (Errc::not_found when there is none).
Result<ServedForm> load_stored_server_form(const std::filesystem::path& store);
// <data_dir>/server-form.xml
std::filesystem::path server_form_path(const std::filesystem::path& data_dir);

// A PEM public key from the base64 DER of an XForm's base64RsaPublicKey.
std::string pem_from_base64_der(const std::string& base64_der);

}  // namespace kiosk::sync
