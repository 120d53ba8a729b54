// Proportional set size read from /proc/self/smaps (kB): the whole process and
// the part of it in Mesa's driver code (libLLVM, *_dri.so; with software
// rendering, llvmpipe under Xvfb, that is tens of MB). Header-only, so that
// tests/bench/gl_floor reads it the same way without linking the kiosk.
#pragma once

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <string>

namespace kiosk {

struct SmapsPss {
  long total_kb = 0;
  long driver_kb = 0;
};

inline SmapsPss smaps_pss(const char* path = "/proc/self/smaps") {
  std::ifstream in(path);
  std::string line;
  SmapsPss pss;
  bool in_driver = false;
  while (std::getline(in, line)) {
    if (line.rfind("Pss:", 0) == 0) {
      const long kb = std::atol(line.c_str() + 4);
      pss.total_kb += kb;
      if (in_driver) pss.driver_kb += kb;
    } else if (!line.empty() && std::isxdigit(static_cast<unsigned char>(line[0])) &&
               line.find('-') != std::string::npos && line.find('-') < line.find(' ')) {  // a mapping's first line
      in_driver = line.find("libLLVM") != std::string::npos || line.find("_dri.so") != std::string::npos;
    }
  }
  return pss;
}

}  // namespace kiosk
