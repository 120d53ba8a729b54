#include "staff/pin.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <vector>

#include "base/regular_file.hpp"

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

// "" and `out` filled, or why `stored` is not a PIN hash.
std::string parse_hash(const std::string& stored, ParsedHash& out) {
  std::istringstream in(stored);
  std::string scheme, iter_s, salt_s, hash_s, rest;
  if (!std::getline(in, scheme, '$') || !std::getline(in, iter_s, '$') || !std::getline(in, salt_s, '$') ||
      !std::getline(in, hash_s, '$') || std::getline(in, rest))
    return "it does not have the form pbkdf2-sha256$ITERATIONS$SALT$HASH";
  if (scheme != "pbkdf2-sha256") return "its scheme is not pbkdf2-sha256";
  if (iter_s.empty() || iter_s.size() > 9 || iter_s.find_first_not_of("0123456789") != std::string::npos)
    return "its iteration count is not a whole number";
  out.iterations = std::stoi(iter_s);
  if (out.iterations < 1000 || out.iterations > 10000000) return "its iteration count is out of range";
  if (!unb64(salt_s, out.salt) || out.salt.size() < 8) return "its salt is not base64 of at least 8 bytes";
  if (!unb64(hash_s, out.hash) || out.hash.size() != 32) return "its hash is not base64 of 32 bytes";
  return {};
}

}  // namespace

Status check_pin_hash(const std::string& stored) {
  ParsedHash h;
  if (const std::string why = parse_hash(stored, h); !why.empty()) return make_error(Errc::invalid_input, why);
  return Ok{};
}

std::string pin_hash_problem(const std::string& stored, int min_iterations) {
  ParsedHash h;
  if (const std::string why = parse_hash(stored, h); !why.empty())
    return "staff.pin_hash is not a valid PIN hash (" + why + "); make one with: asylum-kioskctl hash-pin";
  if (h.iterations < min_iterations)
    return "staff.pin_hash is too weak (" + std::to_string(h.iterations) + " PBKDF2 iterations; at least " +
           std::to_string(min_iterations) + "); make a new one with: asylum-kioskctl hash-pin";
  return {};
}

bool verify_pin(const std::string& pin, const std::string& stored) {
  ParsedHash h;
  if (!parse_hash(stored, h).empty()) return false;
  unsigned char got[32];
  if (!derive(pin, h.salt, h.iterations, got, sizeof got)) return false;
  return CRYPTO_memcmp(got, h.hash.data(), sizeof got) == 0;
}

PinGate::PinGate(int max_attempts, std::chrono::seconds lockout, std::filesystem::path state_file,
                 Clock::time_point now)
    : max_attempts_(max_attempts), lockout_(lockout), state_file_(std::move(state_file)) {
  // "failures <n>\nlocked_until <unix seconds>\n"; anything unreadable = locked
  // (a damaged or planted file must not open the door; it is rewritten later).
  auto text = read_regular_file(state_file_, "the PIN lockout state", 4096);
  if (!text) {
    if (text.error().code != Errc::not_found) locked_until_ = now + lockout_;
    return;
  }
  long long failures = -1, until = -1;
  if (std::sscanf(text->c_str(), "failures %lld\nlocked_until %lld", &failures, &until) != 2 || failures < 0 ||
      until < 0) {
    locked_until_ = now + lockout_;
    return;
  }
  failures_ = static_cast<int>(std::min<long long>(failures, max_attempts_));
  const long long wall_now = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
  // Left of the lockout, at most one whole lockout (a clock set back).
  const long long left = std::min<long long>(until - wall_now, lockout_.count());
  if (left > 0) locked_until_ = now + std::chrono::seconds(left);
}

void PinGate::save(Clock::time_point now) const {
  if (state_file_.empty()) return;
  const auto wall_now = std::chrono::system_clock::now();
  long long until = 0;
  if (locked_until_ > now)
    until = std::chrono::duration_cast<std::chrono::seconds>(
                (wall_now + std::chrono::ceil<std::chrono::seconds>(locked_until_ - now)).time_since_epoch())
                .count();
  const std::string body =
      "failures " + std::to_string(failures_) + "\nlocked_until " + std::to_string(until) + "\n";
  const std::string tmp = state_file_.string() + ".tmp";
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) return;  // best effort: the in-memory lockout still holds
  const bool ok = ::write(fd, body.data(), body.size()) == static_cast<ssize_t>(body.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (ok) std::rename(tmp.c_str(), state_file_.c_str());
}

std::chrono::seconds PinGate::remaining(Clock::time_point now) const {
  if (!locked(now)) return std::chrono::seconds(0);
  return std::chrono::ceil<std::chrono::seconds>(locked_until_ - now);
}

bool PinGate::attempt(const std::string& pin, const std::string& stored, Clock::time_point now) {
  if (locked(now)) return false;
  if (verify_pin(pin, stored)) {
    if (failures_ != 0) {
      failures_ = 0;
      save(now);
    }
    return true;
  }
  if (++failures_ >= max_attempts_) {
    failures_ = 0;
    locked_until_ = now + lockout_;
  }
  save(now);
  return false;
}

}  // namespace kiosk
