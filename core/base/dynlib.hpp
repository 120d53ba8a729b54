// Functions of a library opened with dlopen(), bound one by one; ok() only
// when every one was found (read-aloud loads espeak-ng and PulseAudio only
// when it is first used).
#pragma once

#include <dlfcn.h>

namespace kiosk {

class Symbols {
 public:
  explicit Symbols(void* lib) : lib_(lib) {}
  template <class Fn>
  void get(Fn& fn, const char* name) {
    fn = reinterpret_cast<Fn>(dlsym(lib_, name));
    ok_ = ok_ && fn != nullptr;
  }
  [[nodiscard]] bool ok() const { return ok_; }

 private:
  void* lib_;
  bool ok_ = true;
};

}  // namespace kiosk
