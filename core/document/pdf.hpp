// A finished document: PDF bytes held in memory only. Documents carry
// personal data, so they are never written to a temporary file; wipe()
// overwrites the bytes before releasing them, and the buffer zeroes its old
// storage whenever it grows (no stray copies left in freed memory).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace kiosk {

class Pdf {
 public:
  Pdf() = default;
  Pdf(const Pdf&) = delete;             // one copy of personal data, not many
  Pdf& operator=(const Pdf&) = delete;
  Pdf(Pdf&& other) noexcept;
  Pdf& operator=(Pdf&& other) noexcept;
  ~Pdf();

  // Appends bytes, zeroing the old storage when it has to grow.
  void append(const unsigned char* data, size_t size);
  // Overwrites every byte with zero and empties the document.
  void wipe();

  [[nodiscard]] const unsigned char* data() const { return bytes_.data(); }
  [[nodiscard]] size_t size() const { return bytes_.size(); }
  [[nodiscard]] bool empty() const { return bytes_.empty(); }
  [[nodiscard]] int pages() const { return pages_; }
  void set_pages(int n) { pages_ = n; }

 private:
  std::vector<unsigned char> bytes_;
  int pages_ = 0;
};

}  // namespace kiosk
