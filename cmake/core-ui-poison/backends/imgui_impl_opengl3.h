// This header stands in front of ImGui and GLFW on kiosk_core's include path.
// core/ is UI-free: screens draw core's state; core never draws.
#error "kiosk_core must not include ImGui or GLFW (see README: Layout)"
