// saved-papers [list | print CODE | delete CODE | purge]: the "Save for
// staff" papers (print/saved.hpp): private, kept printer.saved_papers_hours.
#include <ctime>
#include <iostream>

#include "command.hpp"
#include "outbox_support.hpp"
#include "print/saved.hpp"

namespace {

std::string local_time(int64_t t) {
  const std::time_t tt = static_cast<std::time_t>(t);
  std::tm tm{};
  localtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &tm);
  return buf;
}

int run(kioskctl::Context& ctx) {
  auto config = kioskctl::load_site_config(ctx);
  if (!config) return 1;
  const auto place = kiosk::saved_papers_place(*config);
  const std::string what = ctx.args.empty() ? "list" : ctx.args.front();
  if (what == "list") {
    auto all = kiosk::list_saved_papers(place);
    if (!all) {
      std::cerr << all.error().describe() << "\n";
      return 1;
    }
    for (const auto& p : *all)
      std::cout << p.reference << " saved " << local_time(p.saved_at) << ", deleted after "
                << local_time(p.expires_at) << " (" << p.files.size() << " files)\n";
    std::cout << all->size() << " saved papers in " << place.dir.string() << "\n";
    return 0;
  }
  if (what == "purge") {
    auto n = kiosk::purge_saved_papers(place, static_cast<int64_t>(std::time(nullptr)));
    if (!n) {
      std::cerr << n.error().describe() << "\n";
      return 1;
    }
    std::cout << *n << " expired saved paper files deleted\n";
    return 0;
  }
  if ((what == "print" || what == "delete") && ctx.args.size() == 2) {
    const std::string& ref = ctx.args[1];
    if (what == "delete") {
      auto s = kiosk::delete_saved_papers(place, ref);
      if (!s) {
        std::cerr << s.error().describe() << "\n";
        return 1;
      }
      std::cout << "deleted the saved papers " << ref << "\n";
      return 0;
    }
    kiosk::PrintOptions options;
    options.printer = config->printer.name;
    auto jobs = kiosk::print_saved_papers(place, ref, options);
    if (!jobs) {
      std::cerr << jobs.error().describe() << "\n";
      return 1;
    }
    std::cout << "printed the saved papers " << ref << " (" << jobs->size()
              << " jobs); delete them when the person has them: saved-papers delete " << ref << "\n";
    return 0;
  }
  std::cerr << "usage: asylum-kioskctl saved-papers [list | print CODE | delete CODE | purge]\n";
  return 2;
}

const kioskctl::Registration reg({"saved-papers", "saved-papers [list | print CODE | delete CODE | purge]",
                                  "the \"Save for staff\" papers: list, print, delete, purge expired ones",
                                  run});

}  // namespace
