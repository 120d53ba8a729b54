#include "staff/pin.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <sstream>
#include <vector>

namespace kiosk {

namespace {

std::string b64(const unsigned char* data, size_t n) {
  std::string out(4 * ((n + 2) / 3) + 1, '\0');
  const int len = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data,
                                  static_cast<int>(n));
  out.resize(static_cast<size_t>(len));
  return out;
}

bool unb64(const std::string& s, std::vector<unsigned char>& out) {
  if (s.empty() || s.size() % 4 != 0) return false;
  out.assign(s.size() / 4 * 3, 0);
  const int len = EVP_DecodeBlock(out.data(), reinterpret_cast<const unsigned char*>(s.data()),
                                  static_cast<int>(s.size()));
  if (len < 0) return false;
  size_t pad = 0;
  if (s.back() == '=') pad++;
  if (s.size() > 1 && s[s.size() - 2] == '=') pad++;
  out.resize(static_cast<size_t>(len) - pad);
  return true;
}

bool derive(const std::string& pin, const std::vector<unsigned char>& salt, int iterations,
            unsigned char* out, size_t out_len) {
  return PKCS5_PBKDF2_HMAC(pin.data(), static_cast<int>(pin.size()), salt.data(),
                           static_cast<int>(salt.size()), iterations, EVP_sha256(),
                           static_cast<int>(out_len), out) == 1;
}

}  // namespace

Result<std::string> hash_pin(const std::string& pin, int iterations) {
  if (pin.size() < 4) return make_error(Errc::invalid_input, "a staff PIN needs at least 4 digits");
  std::vector<unsigned char> salt(16);
  if (RAND_bytes(salt.data(), static_cast<int>(salt.size())) != 1)
    return make_error(Errc::crypto, "could not get random bytes for the PIN salt");
  unsigned char hash[32];
  if (!derive(pin, salt, iterations, hash, sizeof hash))
    return make_error(Errc::crypto, "PBKDF2 failed");
  return "pbkdf2-sha256$" + std::to_string(iterations) + "$" + b64(salt.data(), salt.size()) +
         "$" + b64(hash, sizeof hash);
}

namespace {

struct ParsedHash {
  int iterations = 0;
  std::vector<unsigned char> salt, hash;
};

Result<ParsedHash> parse_hash(const std::string& stored) {
  std::istringstream in(stored);
  std::string scheme, iter_s, salt_s, hash_s;
  if (!std::getline(in, scheme, '$') || !std::getline(in, iter_s, '$') ||
      !std::getline(in, salt_s, '$') || !std::getline(in, hash_s))
    return make_error(Errc::invalid_input, "it must have four parts: pbkdf2-sha256$ITERATIONS$SALT$HASH");
  if (scheme != "pbkdf2-sha256") return make_error(Errc::invalid_input, "it must start with pbkdf2-sha256$");
  ParsedHash p;
  if (iter_s.empty() || iter_s.size() > 9 ||
      iter_s.find_first_not_of("0123456789") != std::string::npos)
    return make_error(Errc::invalid_input, "the iteration count must be a whole number");
  p.iterations = std::stoi(iter_s);
  if (p.iterations < 1000 || p.iterations > 10000000)
    return make_error(Errc::invalid_input, "the iteration count must be 1000 to 10000000");
  if (!unb64(salt_s, p.salt) || p.salt.empty())
    return make_error(Errc::invalid_input, "the salt is not base64");
  if (!unb64(hash_s, p.hash) || p.hash.size() != 32)
    return make_error(Errc::invalid_input, "the hash is not 32 bytes of base64");
  return p;
}

}  // namespace

Status check_pin_hash(const std::string& stored) {
  auto p = parse_hash(stored);
  if (!p) return p.error();
  return Ok{};
}

bool verify_pin(const std::string& pin, const std::string& stored) {
  const auto p = parse_hash(stored);
  if (!p) return false;
  unsigned char got[32];
  if (!derive(pin, p->salt, p->iterations, got, sizeof got)) return false;
  return CRYPTO_memcmp(got, p->hash.data(), sizeof got) == 0;
}

std::chrono::seconds PinGate::remaining(Clock::time_point now) const {
  if (!locked(now)) return std::chrono::seconds(0);
  return std::chrono::ceil<std::chrono::seconds>(locked_until_ - now);
}

bool PinGate::attempt(const std::string& pin, const std::string& stored, Clock::time_point now) {
  if (locked(now)) return false;
  if (verify_pin(pin, stored)) {
    failures_ = 0;
    return true;
  }
  if (++failures_ >= max_attempts_) {
    failures_ = 0;
    locked_until_ = now + lockout_;
  }
  return false;
}

}  // namespace kiosk
