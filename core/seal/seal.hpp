// Sealing a finished petition with the office's RSA public key, exactly as
// ODK's encrypted-form spec does it (getodk/xforms-spec "encryption", ODK
// Collect's EncryptionUtils, ODK Central's decryptor):
//   - a fresh random 256-bit AES key per record;
//   - the submission XML is padded with PKCS#7 and encrypted with
//     AES-256-CFB128; the IV seed is md5(instanceID UTF-8 bytes || 32 key
//     bytes), and before each file (the first included) seed[i % 16] += 1;
//   - the AES key is wrapped with RSA-OAEP, SHA-256 for BOTH the OAEP digest
//     and MGF1 (Bouncy Castle's "OAEPWithSHA256AndMGF1Padding");
//   - the uploaded xml_submission_file is a plaintext manifest with
//     base64EncryptedKey, meta/instanceID, encryptedXmlFile and
//     base64EncryptedElementSignature (RSA-OAEP of md5 over the lines
//     "formId\n[version\n]base64EncryptedKey\ninstanceID\nsubmission.xml::<md5 hex of plaintext>\n").
// After sealing, the kiosk holds no key that can read the record back.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.hpp"
#include "base/xml.hpp"

typedef struct evp_pkey_st EVP_PKEY;  // NOLINT: OpenSSL's own forward name

namespace kiosk::seal {

// Name of the encrypted submission file inside an ODK submission.
inline constexpr const char* kEncryptedXmlName = "submission.xml.enc";
// Name of the plaintext manifest (the OpenRosa xml_submission_file).
inline constexpr const char* kManifestName = "submission.xml";

// The office's RSA public key. Immutable after loading; safe to share between
// threads (OpenSSL 3 EVP_PKEY is read-only here and reference counted).
class OfficeKey {
 public:
  // Reads a PEM "PUBLIC KEY" (SubjectPublicKeyInfo) file. Fails with
  // Errc::not_found if the file cannot be read, Errc::crypto if it is not a
  // 2048-bit RSA public key (ODK Central's decryptor assumes 2048 bits).
  static Result<OfficeKey> load_pem_file(const std::filesystem::path& path);
  // Same, from PEM text in memory.
  static Result<OfficeKey> from_pem(std::string_view pem);

  // The key as ODK XForms want it in <submission base64RsaPublicKey="...">:
  // base64 of the DER SubjectPublicKeyInfo, one line, no PEM armour.
  [[nodiscard]] std::string base64_der() const;
  // hex SHA-256 of the DER key: a short fingerprint for staff screens/logs.
  [[nodiscard]] std::string fingerprint() const;
  [[nodiscard]] EVP_PKEY* get() const { return key_.get(); }

 private:
  struct Free { void operator()(EVP_PKEY* k) const; };
  std::shared_ptr<EVP_PKEY> key_;
};

// What identifies the form a submission belongs to.
struct FormRef {
  std::string id;       // the XForm's instance root id attribute, e.g. "asylum_petition"
  std::string version;  // the XForm's version attribute; may be empty
};

// A sealed submission: what the outbox stores and the server receives.
// Contains no plaintext answers.
struct SealedSubmission {
  std::string instance_id;    // "uuid:..."
  FormRef form;
  std::string manifest_xml;   // the plaintext manifest (xml_submission_file)
  std::string encrypted_xml;  // bytes of submission.xml.enc
};

// A new instanceID: "uuid:" + a random (version 4) UUID from OpenSSL's CSPRNG.
std::string new_instance_id();

// Whether `id` is "uuid:" followed by a canonical 8-4-4-4-12 hex UUID.
bool valid_instance_id(std::string_view id);

// Seals `plaintext_xml` (the instance document; its meta/instanceID must be
// `instance_id`) for `form`. The AES key, IV seed and every plaintext copy
// made here are wiped with OPENSSL_cleanse before returning; the caller
// still owns (and should cleanse) `plaintext_xml` itself.
// Fails with Errc::invalid_input if the instanceID is malformed, the form id
// is empty, or the XML does not carry that instanceID; Errc::crypto if
// OpenSSL fails.
Result<SealedSubmission> seal_submission(const OfficeKey& key, std::string_view plaintext_xml,
                                         const std::string& instance_id, const FormRef& form);

// Reads the fields of a manifest this module (or ODK Collect) wrote. Used by
// `import` to check an exported record before queueing it; it does not and
// cannot decrypt anything.
struct ManifestInfo {
  std::string form_id;
  std::string form_version;
  std::string instance_id;
  std::string base64_encrypted_key;
  std::string encrypted_xml_file;
  std::string signature;  // base64EncryptedElementSignature, may be empty
};
// Fails with Errc::parse if the text is not an encrypted-submission manifest.
Result<ManifestInfo> parse_manifest(std::string_view manifest_xml);

// XML escaping is base/xml.hpp's, also under this name for the outbox.
using kiosk::xml_escape;

// Base64 (standard alphabet, padded, no newlines) and back. decode fails
// with Errc::parse on invalid input.
std::string base64_encode(std::string_view bytes);
Result<std::string> base64_decode(std::string_view text);

// Lower-case hex of md5 / sha256 of `bytes`.
std::string md5_hex(std::string_view bytes);
std::string sha256_hex(std::string_view bytes);

// Overwrites a string's bytes with OPENSSL_cleanse, then clears it.
void cleanse(std::string& s);

}  // namespace kiosk::seal
