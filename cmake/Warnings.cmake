# Warnings for project code only (not for Debian's headers, which come in as
# system includes). Every flag says why it is here.
add_library(kiosk_warnings INTERFACE)
add_library(kiosk::warnings ALIAS kiosk_warnings)
target_compile_options(kiosk_warnings INTERFACE
  -Wall                 # the common set
  -Wextra               # unused parameters, sign compare and friends
  -Wpedantic            # stay within standard C++
  -Wshadow              # a shadowed name hides bugs in long screen code
  -Wnon-virtual-dtor    # screens and commands are used through base pointers
  -Wold-style-cast      # casts should say what they do
  -Wcast-align          # glyph and vertex buffers are reinterpreted
  -Wnull-dereference    # optional answers are often absent
  -Wimplicit-fallthrough # flow switch statements must be explicit
  -Wformat=2            # printf-style logging
  -Wno-missing-field-initializers # GCC 12 flags designated initialisers that rely on defaults
  -Werror               # the build is kept warning-free
  # GCC 12 at -O1 with ASan reports false maybe-uninitialized warnings inside
  # libstdc++'s <regex> (used by Catch2); the Release build keeps the check.
  $<$<CONFIG:Asan>:-Wno-maybe-uninitialized>
  # The fuzz build uses clang, whose warning set differs; it fuzzes, not lints.
  $<$<BOOL:${KIOSK_FUZZ}>:-Wno-error>
)
