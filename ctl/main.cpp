// asylum-kioskctl: entry point. Parses the global options, then hands the
// rest to the named subcommand.
#include <algorithm>
#include <cstdio>
#include <iostream>

#include "base/paths.hpp"
#include "command.hpp"

namespace kioskctl {

std::vector<Command>& registry() {
  static std::vector<Command> commands;
  return commands;
}

std::string take_option(std::vector<std::string>& args, const std::string& name,
                        const std::string& fallback) {
  for (size_t i = 0; i + 1 < args.size(); ++i) {
    if (args[i] == name) {
      std::string v = args[i + 1];
      args.erase(args.begin() + static_cast<std::ptrdiff_t>(i),
                 args.begin() + static_cast<std::ptrdiff_t>(i + 2));
      return v;
    }
  }
  return fallback;
}

bool take_flag(std::vector<std::string>& args, const std::string& name) {
  const auto it = std::find(args.begin(), args.end(), name);
  if (it == args.end()) return false;
  args.erase(it);
  return true;
}

}  // namespace kioskctl

namespace {

void print_help() {
  auto commands = kioskctl::registry();
  std::sort(commands.begin(), commands.end(),
            [](const auto& a, const auto& b) { return a.name < b.name; });
  std::cout << "asylum-kioskctl " << kiosk::version()
            << ": staff and IT tool for the asylum kiosk.\n\n"
               "Usage: asylum-kioskctl [--config FILE] COMMAND [ARGS]\n\n"
               "Options:\n"
               "  --config FILE  site config (default: " << kiosk::default_config_path().string()
            << ")\n"
               "  --help         show this help\n"
               "  --version      show the version\n\n"
               "Commands:\n";
  for (const auto& c : commands) {
    std::printf("  %-44s %s\n", c.usage.c_str(), c.summary.c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  kioskctl::Context ctx;
  ctx.config_path = kiosk::default_config_path();

  size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "--help" || a == "-h" || a == "help") {
      print_help();
      return 0;
    }
    if (a == "--version") {
      std::cout << "asylum-kioskctl " << kiosk::version() << "\n";
      return 0;
    }
    if (a == "--config") {
      if (i + 1 >= args.size()) {
        std::cerr << "--config needs a file name\n";
        return 2;
      }
      ctx.config_path = args[++i];
      continue;
    }
    break;
  }
  if (i >= args.size()) {
    print_help();
    return 2;
  }
  const std::string name = args[i];
  ctx.args.assign(args.begin() + static_cast<std::ptrdiff_t>(i + 1), args.end());
  for (const auto& c : kioskctl::registry()) {
    if (c.name == name) {
      if (std::find(ctx.args.begin(), ctx.args.end(), "--help") != ctx.args.end()) {
        std::cout << "Usage: asylum-kioskctl " << c.usage << "\n" << c.summary << "\n";
        return 0;
      }
      return c.run(ctx);
    }
  }
  std::cerr << "unknown command \"" << name << "\"; see asylum-kioskctl --help\n";
  return 2;
}
