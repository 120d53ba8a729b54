// Subcommands of asylum-kioskctl. A command file defines a function and a
// static Registration; main.cpp finds it by name. Commands print plain
// sentences and return the process exit code (0 ok, 1 problem, 2 usage).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace kioskctl {

struct Context {
  std::filesystem::path config_path;   // --config, or the default config
  std::vector<std::string> args;       // what follows the subcommand name
};

using CommandFn = std::function<int(Context&)>;

struct Command {
  std::string name;
  std::string usage;    // e.g. "check-config [FILE]"
  std::string summary;  // one line for --help
  CommandFn run;
};

std::vector<Command>& registry();

struct Registration {
  explicit Registration(Command c) { registry().push_back(std::move(c)); }
};

// Small argument helpers shared by commands.
// Removes "--name VALUE" from args; returns VALUE or `fallback`.
std::string take_option(std::vector<std::string>& args, const std::string& name,
                        const std::string& fallback = {});
// Removes "--name" from args; returns whether it was there.
bool take_flag(std::vector<std::string>& args, const std::string& name);

}  // namespace kioskctl
