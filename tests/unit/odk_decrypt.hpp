// Test-only: opens a sealed ODK submission with the office's PRIVATE key
// (tests/fixtures/demo-office-private.pem), the way ODK Central / Briefcase
// do, and checks the element signature. The kiosk itself never has this key.
#pragma once

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "seal/seal.hpp"

namespace odk_test {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline std::string private_key_path() {
  return std::string(KIOSK_TEST_FIXTURES) + "/demo-office-private.pem";
}

// RSA-OAEP decrypt; mgf1 lets a test prove SHA-1 MGF1 would NOT work.
inline bool rsa_oaep_decrypt(EVP_PKEY* key, const std::string& in, std::string& out,
                             const EVP_MD* mgf1 = EVP_sha256()) {
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new(key, nullptr),
                                                                  EVP_PKEY_CTX_free);
  if (!ctx || EVP_PKEY_decrypt_init(ctx.get()) != 1) return false;
  EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_PKCS1_OAEP_PADDING);
  EVP_PKEY_CTX_set_rsa_oaep_md(ctx.get(), EVP_sha256());
  EVP_PKEY_CTX_set_rsa_mgf1_md(ctx.get(), mgf1);
  size_t len = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(in.data());
  if (EVP_PKEY_decrypt(ctx.get(), nullptr, &len, p, in.size()) != 1) return false;
  out.assign(len, '\0');
  if (EVP_PKEY_decrypt(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len, p, in.size()) != 1)
    return false;
  out.resize(len);
  return true;
}

struct PrivateKey {
  EVP_PKEY* key = nullptr;
  PrivateKey() {
    FILE* f = std::fopen(private_key_path().c_str(), "r");
    if (!f) throw std::runtime_error("cannot open test private key");
    key = PEM_read_PrivateKey(f, nullptr, nullptr, nullptr);
    std::fclose(f);
    if (!key) throw std::runtime_error("cannot read test private key");
  }
  ~PrivateKey() { EVP_PKEY_free(key); }
  PrivateKey(const PrivateKey&) = delete;
  PrivateKey& operator=(const PrivateKey&) = delete;
};

struct Opened {
  bool ok = false;
  std::string why;        // when !ok
  std::string xml;        // the decrypted submission
  bool signature_ok = false;
  kiosk::seal::ManifestInfo info;
};

// Decrypts like ODK Central: key via RSA-OAEP(SHA-256, MGF1 SHA-256), IV from
// md5(instanceID || key) with seed[0]++, AES-256-CFB, strip PKCS#7.
// `key`: another private key than the demo office's (e.g. a test's own).
inline Opened open_submission(const std::string& manifest, const std::string& enc, EVP_PKEY* key = nullptr) {
  static PrivateKey demo;
  EVP_PKEY* const pkey = key ? key : demo.key;
  Opened o;
  auto info = kiosk::seal::parse_manifest(manifest);
  if (!info) { o.why = "manifest: " + info.error().message; return o; }
  o.info = *info;
  auto wrapped = kiosk::seal::base64_decode(info->base64_encrypted_key);
  std::string aes;
  if (!wrapped || !rsa_oaep_decrypt(pkey, *wrapped, aes) || aes.size() != 32) {
    o.why = "cannot unwrap key";
    return o;
  }
  std::string seed_in = info->instance_id + aes;
  std::array<unsigned char, 16> iv{};
  unsigned int n = 0;
  EVP_Digest(seed_in.data(), seed_in.size(), iv.data(), &n, EVP_md5(), nullptr);
  iv[0] = static_cast<unsigned char>(iv[0] + 1);
  std::vector<unsigned char> buf(enc.size() + 16);
  std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)> c(EVP_CIPHER_CTX_new(),
                                                                   EVP_CIPHER_CTX_free);
  int l1 = 0, l2 = 0;
  EVP_DecryptInit_ex(c.get(), EVP_aes_256_cfb128(), nullptr,
                     reinterpret_cast<const unsigned char*>(aes.data()), iv.data());
  EVP_CIPHER_CTX_set_padding(c.get(), 0);
  EVP_DecryptUpdate(c.get(), buf.data(), &l1, reinterpret_cast<const unsigned char*>(enc.data()),
                    static_cast<int>(enc.size()));
  EVP_DecryptFinal_ex(c.get(), buf.data() + l1, &l2);
  const size_t got = static_cast<size_t>(std::max(0, l1 + l2));
  if (got == 0 || got % 16 != 0) { o.why = "bad length"; return o; }
  const unsigned char pad = buf[got - 1];
  if (pad < 1 || pad > 16) { o.why = "bad padding"; return o; }
  for (size_t i = got - pad; i < got; ++i)
    if (buf[i] != pad) { o.why = "bad padding"; return o; }
  // (built from the buffer: GCC 12 -Wrestrict misfires on std::string resize here)
  const std::string plain(reinterpret_cast<const char*>(buf.data()), got - pad);
  o.xml = plain;
  // Signature.
  std::string src = info->form_id + "\n";
  if (!info->form_version.empty()) src += info->form_version + "\n";
  src += info->base64_encrypted_key + "\n" + info->instance_id + "\n";
  src += "submission.xml::" + kiosk::seal::md5_hex(plain) + "\n";
  std::array<unsigned char, 16> md{};
  EVP_Digest(src.data(), src.size(), md.data(), &n, EVP_md5(), nullptr);
  auto sig = kiosk::seal::base64_decode(info->signature);
  std::string sig_plain;
  o.signature_ok = sig && rsa_oaep_decrypt(pkey, *sig, sig_plain) &&
                   sig_plain == std::string(reinterpret_cast<char*>(md.data()), 16);
  o.ok = true;
  return o;
}

}  // namespace odk_test
