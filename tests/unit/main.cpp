// Catch2 (v2, Debian's catch2 package) provides main() here.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>
