#define GL_GLEXT_PROTOTYPES 1
#include "ui/offscreen.hpp"

#include <GL/gl.h>
#include <GL/glext.h>

#include <cstdio>

namespace app::ui {

bool Offscreen::make(int w, int h) {
  glGenFramebuffers(1, &fbo_);
  glGenRenderbuffers(1, &color_);
  glBindRenderbuffer(GL_RENDERBUFFER, color_);
  glRenderbufferStorage(GL_RENDERBUFFER, GL_RGBA8, w, h);
  glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
  glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_RENDERBUFFER, color_);
  if (glCheckFramebufferStatus(GL_FRAMEBUFFER) == GL_FRAMEBUFFER_COMPLETE) return true;
  std::fprintf(stderr, "cannot make an offscreen framebuffer of %d x %d px\n", w, h);
  return false;
}

Offscreen::~Offscreen() {
  glBindFramebuffer(GL_FRAMEBUFFER, 0);
  if (color_) glDeleteRenderbuffers(1, &color_);
  if (fbo_) glDeleteFramebuffers(1, &fbo_);
}

}  // namespace app::ui
