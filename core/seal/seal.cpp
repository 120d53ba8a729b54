// ODK encrypted-form sealing with OpenSSL 3. See seal.hpp for the format.
#include "seal/seal.hpp"

#include "base/regular_file.hpp"

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <array>
#include <cstring>
#include <optional>
#include <regex>
#include <vector>

namespace kiosk::seal {

namespace {

constexpr const char* kEncryptedNs = "http://www.opendatakit.org/xforms/encrypted";
constexpr const char* kOpenRosaNs = "http://openrosa.org/xforms";

struct CtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
  void operator()(BIO* b) const { BIO_free(b); }
};

const unsigned char* u8(const char* p) { return reinterpret_cast<const unsigned char*>(p); }
unsigned char* u8(char* p) { return reinterpret_cast<unsigned char*>(p); }

std::string hex(const unsigned char* p, size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (size_t i = 0; i < n; ++i) {
    out.push_back(digits[p[i] >> 4]);
    out.push_back(digits[p[i] & 15]);
  }
  return out;
}

Result<std::string> digest(const EVP_MD* md, std::string_view bytes) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int len = 0;
  if (EVP_Digest(bytes.data(), bytes.size(), out.data(), &len, md, nullptr) != 1)
    return make_error(Errc::crypto, "OpenSSL could not compute a digest");
  return std::string(reinterpret_cast<const char*>(out.data()), len);
}

// RSA-OAEP with SHA-256 as OAEP digest AND as MGF1 digest.
Result<std::string> rsa_oaep_sha256(EVP_PKEY* key, std::string_view plain) {
  std::unique_ptr<EVP_PKEY_CTX, CtxFree> ctx(EVP_PKEY_CTX_new(key, nullptr));
  if (!ctx || EVP_PKEY_encrypt_init(ctx.get()) != 1 ||
      EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_OAEP_PADDING) != 1 ||
      EVP_PKEY_CTX_set_rsa_oaep_md(ctx.get(), EVP_sha256()) != 1 ||
      EVP_PKEY_CTX_set_rsa_mgf1_md(ctx.get(), EVP_sha256()) != 1)
    return make_error(Errc::crypto, "OpenSSL could not set up RSA-OAEP (SHA-256, MGF1 SHA-256)");
  size_t out_len = 0;
  if (EVP_PKEY_encrypt(ctx.get(), nullptr, &out_len, u8(plain.data()), plain.size()) != 1)
    return make_error(Errc::crypto, "OpenSSL could not size the RSA-OAEP output");
  std::string out(out_len, '\0');
  if (EVP_PKEY_encrypt(ctx.get(), u8(out.data()), &out_len, u8(plain.data()), plain.size()) != 1)
    return make_error(Errc::crypto, "OpenSSL could not wrap the record key with RSA-OAEP");
  out.resize(out_len);
  return out;
}

// AES-256-CFB128 over PKCS#7-padded `plain`. The padded copy is cleansed.
Result<std::string> aes_cfb_pkcs7(const unsigned char* key, const unsigned char* iv,
                                  std::string_view plain) {
  std::string padded(plain);
  const size_t pad = 16 - (plain.size() % 16);
  padded.append(pad, static_cast<char>(pad));
  std::string out(padded.size(), '\0');
  std::unique_ptr<EVP_CIPHER_CTX, CtxFree> ctx(EVP_CIPHER_CTX_new());
  int len1 = 0;
  int len2 = 0;
  const bool ok = ctx && EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_cfb128(), nullptr, key, iv) == 1 &&
                  EVP_CIPHER_CTX_set_padding(ctx.get(), 0) == 1 &&
                  EVP_EncryptUpdate(ctx.get(), u8(out.data()), &len1, u8(padded.data()),
                                    static_cast<int>(padded.size())) == 1 &&
                  EVP_EncryptFinal_ex(ctx.get(), u8(out.data()) + len1, &len2) == 1;
  cleanse(padded);
  if (!ok) return make_error(Errc::crypto, "OpenSSL could not encrypt the record with AES-256-CFB");
  out.resize(static_cast<size_t>(len1 + len2));
  return out;
}

std::string xml_unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    static const std::array<std::pair<const char*, char>, 5> entities{{
        {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}}};
    bool matched = false;
    for (const auto& [name, ch] : entities) {
      const size_t n = std::strlen(name);
      if (s.substr(i, n) == name) {
        out.push_back(ch);
        i += n - 1;
        matched = true;
        break;
      }
    }
    if (!matched) out.push_back('&');
  }
  return out;
}

// Matches the first element whose local name is `name` (any prefix); its text is group 1.
std::regex element_re(const std::string& name) {
  return std::regex("<(?:[A-Za-z_][\\w.-]*:)?" + name + "(?:\\s[^>]*)?>([^<]*)</(?:[A-Za-z_][\\w.-]*:)?" +
                    name + "\\s*>");
}

// Text of the first element that `re` (element_re) matches, or nullopt.
std::optional<std::string> element_text(const std::string& xml, const std::regex& re) {
  std::smatch m;
  if (!std::regex_search(xml, m, re)) return std::nullopt;
  return xml_unescape(m[1].str());
}

}  // namespace

// [SECTION] helpers ----------------------------------------------------------

void cleanse(std::string& s) {
  if (!s.empty()) OPENSSL_cleanse(s.data(), s.size());
  s.clear();
}


std::string base64_encode(std::string_view bytes) {
  if (bytes.empty()) return {};
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(u8(out.data()), u8(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

Result<std::string> base64_decode(std::string_view text) {
  std::string clean;
  for (char c : text)
    if (c != '\n' && c != '\r' && c != ' ' && c != '\t') clean.push_back(c);
  if (clean.size() % 4 != 0) return make_error(Errc::parse, "a base64 text has a wrong length");
  if (clean.empty()) return std::string{};
  std::string out(clean.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(u8(out.data()), u8(clean.data()), static_cast<int>(clean.size()));
  if (n < 0) return make_error(Errc::parse, "a base64 text has invalid characters");
  size_t len = static_cast<size_t>(n);
  if (clean.back() == '=') --len;
  if (clean.size() >= 2 && clean[clean.size() - 2] == '=') --len;
  out.resize(len);
  return out;
}

std::string md5_hex(std::string_view bytes) {
  auto d = digest(EVP_md5(), bytes);
  return d ? hex(u8(d->data()), d->size()) : std::string{};
}

std::string sha256_hex(std::string_view bytes) {
  auto d = digest(EVP_sha256(), bytes);
  return d ? hex(u8(d->data()), d->size()) : std::string{};
}

// [SECTION] OfficeKey ---------------------------------------------------------

void OfficeKey::Free::operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }

Result<OfficeKey> OfficeKey::from_pem(std::string_view pem) {
  std::unique_ptr<BIO, CtxFree> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return make_error(Errc::crypto, "OpenSSL could not allocate a buffer");
  EVP_PKEY* raw = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
  if (!raw) return make_error(Errc::crypto, "the office public key is not a PEM public key");
  OfficeKey k;
  k.key_ = std::shared_ptr<EVP_PKEY>(raw, Free{});
  if (EVP_PKEY_base_id(raw) != EVP_PKEY_RSA)
    return make_error(Errc::crypto, "the office public key is not an RSA key");
  if (EVP_PKEY_bits(raw) != 2048)
    return make_error(Errc::crypto, "the office public key is not 2048-bit RSA, which ODK Central needs");
  return k;
}

Result<OfficeKey> OfficeKey::load_pem_file(const std::filesystem::path& path) {
  // Only a regular file (a FIFO or device as the key path would hang).
  auto pem = read_regular_file(path, "the office public key file", 1u << 20);
  if (!pem) return pem.error();
  auto k = from_pem(*pem);
  if (!k) {
    Error e = k.error();
    e.where = path.string();
    return e;
  }
  return k;
}

std::string OfficeKey::base64_der() const {
  unsigned char* der = nullptr;
  const int len = i2d_PUBKEY(key_.get(), &der);
  if (len <= 0) return {};
  std::string out = base64_encode(std::string_view(reinterpret_cast<char*>(der), static_cast<size_t>(len)));
  OPENSSL_free(der);
  return out;
}

std::string OfficeKey::fingerprint() const {
  auto der = base64_decode(base64_der());
  return der ? sha256_hex(*der) : std::string{};
}

// [SECTION] instance ids -------------------------------------------------------

std::string new_instance_id() {
  std::array<unsigned char, 16> b{};
  if (RAND_bytes(b.data(), static_cast<int>(b.size())) != 1) {
    // RAND_bytes only fails when the OS has no entropy source at all.
    std::abort();
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  const std::string h = hex(b.data(), b.size());
  return "uuid:" + h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" +
         h.substr(16, 4) + "-" + h.substr(20, 12);
}

bool valid_instance_id(std::string_view id) {
  static const std::regex re("uuid:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  return std::regex_match(id.begin(), id.end(), re);
}

// [SECTION] sealing -------------------------------------------------------------

Result<SealedSubmission> seal_submission(const OfficeKey& key, std::string_view plaintext_xml,
                                         const std::string& instance_id, const FormRef& form) {
  if (!key.get()) return make_error(Errc::invalid_input, "no office public key is loaded");
  if (!valid_instance_id(instance_id))
    return make_error(Errc::invalid_input, "the record's instanceID is not uuid:<UUID>");
  if (form.id.empty()) return make_error(Errc::invalid_input, "the record has no form id");
  const std::string marker = "instanceID>" + instance_id + "</";
  if (plaintext_xml.find(marker) == std::string_view::npos)
    return make_error(Errc::invalid_input,
                      "the submission XML does not carry the record's instanceID in meta/instanceID");

  std::array<unsigned char, 32> aes{};
  std::array<unsigned char, 16> iv{};
  struct Wipe {  // wipes the key material on every return path
    std::array<unsigned char, 32>& a;
    std::array<unsigned char, 16>& b;
    ~Wipe() {
      OPENSSL_cleanse(a.data(), a.size());
      OPENSSL_cleanse(b.data(), b.size());
    }
  } wipe{aes, iv};

  if (RAND_priv_bytes(aes.data(), static_cast<int>(aes.size())) != 1)
    return make_error(Errc::crypto, "OpenSSL could not make a random record key");

  // IV seed: md5(instanceID bytes || key bytes); file 0 (the XML, there is no
  // media): seed[0 % 16] += 1.
  {
    std::string seed_input = instance_id;
    seed_input.append(reinterpret_cast<const char*>(aes.data()), aes.size());
    auto seed = digest(EVP_md5(), seed_input);
    cleanse(seed_input);
    if (!seed) return seed.error();
    std::memcpy(iv.data(), seed->data(), iv.size());
    cleanse(*seed);
    iv[0] = static_cast<unsigned char>(iv[0] + 1);
  }

  auto enc = aes_cfb_pkcs7(aes.data(), iv.data(), plaintext_xml);
  if (!enc) return enc.error();
  auto wrapped = rsa_oaep_sha256(
      key.get(), std::string_view(reinterpret_cast<const char*>(aes.data()), aes.size()));
  if (!wrapped) return wrapped.error();
  const std::string b64_key = base64_encode(*wrapped);

  // Element signature, as ODK Collect computes it: md5 over each element
  // followed by "\n"; the file line uses the md5 of the plaintext file.
  std::string sig_src = form.id + "\n";
  if (!form.version.empty()) sig_src += form.version + "\n";
  sig_src += b64_key + "\n";
  sig_src += instance_id + "\n";
  sig_src += std::string(kManifestName) + "::" + md5_hex(plaintext_xml) + "\n";
  auto sig_md5 = digest(EVP_md5(), sig_src);
  if (!sig_md5) return sig_md5.error();
  auto sig = rsa_oaep_sha256(key.get(), *sig_md5);
  if (!sig) return sig.error();

  SealedSubmission out;
  out.instance_id = instance_id;
  out.form = form;
  out.encrypted_xml = std::move(*enc);
  std::string m;
  m += "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
  m += "<data xmlns=\"" + std::string(kEncryptedNs) + "\" id=\"" + xml_escape(form.id) + "\"";
  if (!form.version.empty()) m += " version=\"" + xml_escape(form.version) + "\"";
  m += " encrypted=\"yes\">";
  m += "<base64EncryptedKey>" + b64_key + "</base64EncryptedKey>";
  m += "<orx:meta xmlns:orx=\"" + std::string(kOpenRosaNs) + "\"><orx:instanceID>" +
       instance_id + "</orx:instanceID></orx:meta>\n";
  m += "<encryptedXmlFile>" + std::string(kEncryptedXmlName) + "</encryptedXmlFile>";
  m += "<base64EncryptedElementSignature>" + base64_encode(*sig) +
       "</base64EncryptedElementSignature>";
  m += "</data>\n";
  out.manifest_xml = std::move(m);
  return out;
}

Result<ManifestInfo> parse_manifest(std::string_view manifest_xml) {
  const std::string xml(manifest_xml);
  std::smatch root;
  static const std::regex root_re("<(?:[A-Za-z_][\\w.-]*:)?data\\s([^>]*)>");
  if (!std::regex_search(xml, root, root_re))
    return make_error(Errc::parse, "the manifest has no <data> root element");
  const std::string attrs = root[1].str();
  // Compiled once: a server (or an import of many records) parses one
  // manifest per record, and compiling these dominated that.
  const auto attr_re = [](const char* name) {
    return std::regex(std::string("(?:^|\\s)") + name + "=\"([^\"]*)\"");
  };
  static const std::regex id_attr = attr_re("id"), version_attr = attr_re("version"),
                          encrypted_attr = attr_re("encrypted");
  static const std::regex key_el = element_re("base64EncryptedKey"), id_el = element_re("instanceID"),
                          file_el = element_re("encryptedXmlFile"),
                          signature_el = element_re("base64EncryptedElementSignature");
  auto attr = [&](const std::regex& re) -> std::string {
    std::smatch m;
    return std::regex_search(attrs, m, re) ? xml_unescape(m[1].str()) : std::string{};
  };
  ManifestInfo info;
  info.form_id = attr(id_attr);
  info.form_version = attr(version_attr);
  if (attr(encrypted_attr) != "yes")
    return make_error(Errc::parse, "the manifest is not marked encrypted=\"yes\"");
  auto key = element_text(xml, key_el);
  auto id = element_text(xml, id_el);
  auto file = element_text(xml, file_el);
  if (!key || !id || !file || info.form_id.empty())
    return make_error(Errc::parse,
                      "the manifest lacks base64EncryptedKey, instanceID, encryptedXmlFile or the form id");
  info.base64_encrypted_key = *key;
  info.instance_id = *id;
  info.encrypted_xml_file = *file;
  info.signature = element_text(xml, signature_el).value_or("");
  return info;
}

}  // namespace kiosk::seal
