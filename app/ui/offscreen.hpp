// An RGBA framebuffer of its own size that drawing goes to while it lives,
// instead of the window: screenshots and the GL text test do not depend on
// the window's size. Needs a current OpenGL 3 context for its whole life.
#pragma once

namespace app::ui {

class Offscreen {
 public:
  Offscreen() = default;
  Offscreen(const Offscreen&) = delete;
  Offscreen& operator=(const Offscreen&) = delete;
  ~Offscreen();
  // Makes and binds a w x h framebuffer; false (said on stderr) if the
  // driver cannot.
  bool make(int w, int h);

 private:
  unsigned fbo_ = 0, color_ = 0;
};

}  // namespace app::ui
