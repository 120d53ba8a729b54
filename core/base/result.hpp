// Result<T> and Error: the one way core reports failure.
//
// Every fallible core function returns Result<T> (or Status for no value).
// An Error carries two texts on purpose:
//   - `message`: one English sentence for staff, logs and the command line.
//     It never contains what a person typed (no personal data in logs).
//   - `user_key`: a locale key (e.g. "error.printer.offline") for the sentence
//     the person sees in their own language; empty when only staff see it.
#pragma once

#include <string>
#include <utility>
#include <variant>

namespace kiosk {

enum class Errc {
  invalid_input,  // a value a person or file gave is not acceptable
  not_found,      // a file, key, printer or record does not exist
  io,             // reading or writing a file failed (disk full, permissions)
  parse,          // a file is not valid TOML/JSON/ICU pattern
  network,        // the server could not be reached or answered badly
  printer,        // CUPS reported a problem
  storage,        // SQLite reported a problem
  crypto,         // OpenSSL reported a problem
  internal,       // a bug: should never reach a person
};

struct Error {
  Errc code = Errc::internal;
  std::string message;   // English, for staff and logs; no personal data
  std::string user_key;  // locale key for the person's sentence, may be empty
  std::string where;     // "FILE:LINE" when the error is about a file

  // "FILE:LINE: message" when `where` is known, else the message.
  [[nodiscard]] std::string describe() const {
    return where.empty() ? message : where + ": " + message;
  }
};

inline Error make_error(Errc code, std::string message, std::string user_key = {},
                        std::string where = {}) {
  return Error{code, std::move(message), std::move(user_key), std::move(where)};
}

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}          // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}      // NOLINT: implicit by design

  [[nodiscard]] bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  [[nodiscard]] const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

struct Ok {};

// Status: a Result with no value. `return Ok{};` on success.
using Status = Result<Ok>;

}  // namespace kiosk
