// The display going away (see display.hpp). Xlib's headers stay in this
// file: their macros (Status, Bool, None) clash with the kiosk's names.
#include "display.hpp"

#include <X11/Xlib.h>
#include <dlfcn.h>
#include <poll.h>
#include <unistd.h>

namespace app {

namespace {
// Xlib calls this when the connection is lost, and exits if it returns.
int on_io_error(Display*) { display_gone(); }
}  // namespace

void watch_display() { XSetIOErrorHandler(on_io_error); }

bool display_hung_up() {
  // GLFW's X11 display, looked up at run time (glfw3native.h would want the
  // Xrandr headers; a Wayland build of GLFW has no such function).
  using GetDisplay = Display* (*)();
  static const auto get = reinterpret_cast<GetDisplay>(dlsym(RTLD_DEFAULT, "glfwGetX11Display"));
  Display* d = get ? get() : nullptr;
  if (!d) return false;
  pollfd p{ConnectionNumber(d), 0, 0};
  return ::poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0;
}

void display_gone() {
  // write() and _exit() only: this may run inside Xlib, with its lock held.
  static const char line[] = "asylum-kiosk: the display went away; exiting so that the session starts again\n";
  [[maybe_unused]] const ssize_t n = ::write(2, line, sizeof line - 1);
  _exit(kDisplayGone);
}

}  // namespace app
