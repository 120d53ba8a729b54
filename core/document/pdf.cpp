#include "document/pdf.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

namespace kiosk {

namespace {

// A memset the optimiser may not drop (explicit_bzero is glibc-only too,
// but this keeps the intent visible).
void secure_zero(unsigned char* p, size_t n) {
  volatile unsigned char* v = p;
  while (n--) *v++ = 0;
}

}  // namespace

Pdf::Pdf(Pdf&& other) noexcept : bytes_(std::move(other.bytes_)), pages_(other.pages_) {
  other.bytes_.clear();
  other.pages_ = 0;
}

Pdf& Pdf::operator=(Pdf&& other) noexcept {
  if (this != &other) {
    wipe();
    bytes_ = std::move(other.bytes_);
    pages_ = other.pages_;
    other.bytes_.clear();
    other.pages_ = 0;
  }
  return *this;
}

Pdf::~Pdf() { wipe(); }

void Pdf::append(const unsigned char* data, size_t size) {
  if (bytes_.size() + size > bytes_.capacity()) {
    std::vector<unsigned char> bigger;
    bigger.reserve(std::max<size_t>(64 * 1024, 2 * (bytes_.size() + size)));
    bigger.assign(bytes_.begin(), bytes_.end());
    secure_zero(bytes_.data(), bytes_.size());
    bytes_.swap(bigger);
  }
  bytes_.insert(bytes_.end(), data, data + size);
}

void Pdf::wipe() {
  secure_zero(bytes_.data(), bytes_.size());
  bytes_.clear();
  bytes_.shrink_to_fit();
  pages_ = 0;
}

}  // namespace kiosk
