// The kiosk's record service in one long-running process, for the real-Central
// test (central_test.sh): RecordService::start() as the kiosk app starts it,
// its background sync worker, and records sealed the way the kiosk seals a
// session's record (with the form and key taken at the start of the session,
// RecordService::sealing_form()). The test changes the form in Central while
// this process runs and shows that the next record carries the new version.
//
// usage: central_records --config SITE.toml, then one command a line on stdin:
//   record N            seals and stores N test records (each as a new session
//                       would: the form in use at that moment); prints
//                       "sealed <instanceID> version <form version>" for each
//   sync                staff's "Send records now"
//   wait-sent           waits (60 s at most) until no record waits; prints
//                       "sent" or "timeout", then "last sync: <outcome>: <message>"
//   wait-pass           waits (60 s at most) for a pass that ended after the
//                       last "record" or "sync" command began; prints "last sync: <outcome>: <message>"
//   wait-form-not V     waits (60 s at most) until the form in use is not
//                       version V; prints "form <version>" or "timeout"
//   status              prints the staff's status sentence
//   quit
// Every answer ends with a line "done", so the script reads up to it.
#include <chrono>
#include <ctime>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>

#include "base/paths.hpp"
#include "config/config.hpp"
#include "form/xform.hpp"
#include "seal/seal.hpp"
#include "sync/service.hpp"

namespace {

template <class F>
bool wait_for(F&& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!done()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 || std::string(argv[1]) != "--config") {
    std::cerr << "usage: central_records --config SITE.toml\n";
    return 2;
  }
  auto config = kiosk::load_config(argv[2]);
  if (!config) {
    std::cerr << config.error().describe() << "\n";
    return 1;
  }
  auto form = kiosk::load_form(kiosk::data_dir() / "assets/form/petition.toml");
  if (!form) {
    std::cerr << form.error().describe() << "\n";
    return 1;
  }
  auto svc = kiosk::sync::RecordService::start(*config);
  if (!svc) {
    std::cerr << svc.error().describe() << "\n";
    return 1;
  }
  auto& records = **svc;
  std::cout << "started: form " << records.sealing_form()->ref.version << "\ndone\n" << std::flush;
  int number = 0;
  int64_t since = 0;  // when the last "record" or "sync" command began
  for (std::string line; std::getline(std::cin, line);) {
    std::istringstream in(line);
    std::string cmd, arg;
    in >> cmd >> arg;
    if (cmd == "record" || cmd == "sync") since = kiosk::outbox::now_ms();
    if (cmd == "record") {
      const int n = arg.empty() ? 1 : std::stoi(arg);
      for (int i = 0; i < n; ++i) {
        const auto session_form = records.sealing_form();  // a new session takes the form in use
        kiosk::Form f = *form;
        f.version = session_form->ref.version;
        const std::string id = kiosk::seal::new_instance_id();
        std::string xml = kiosk::build_test_instance_xml(f, id, ++number, config->site.id, kiosk::outbox::iso_utc(kiosk::outbox::now_ms()));
        auto rec = records.submit(xml, id, *session_form, /*test=*/true);
        if (!rec) std::cout << "not stored: " << rec.error().describe() << "\n";
        else std::cout << "sealed " << id << " version " << session_form->ref.version << "\n";
      }
    } else if (cmd == "sync") {
      std::cout << (records.sync_now() ? "sync started" : "sync is off") << "\n";
    } else if (cmd == "wait-sent") {
      const bool sent = wait_for([&] {
        auto st = records.status();
        return st && st->counts.queued + st->counts.sending == 0 && !st->syncing;
      });
      std::cout << (sent ? "sent" : "timeout") << "\n";
      if (auto st = records.status(); st && st->last_sync)
        std::cout << "last sync: " << kiosk::sync::to_string(st->last_sync->outcome) << ": "
                  << st->last_sync->message << "\n";
    } else if (cmd == "wait-pass") {
      const bool passed = wait_for([&] {
        auto st = records.status();
        return st && st->last_sync && st->last_sync->finished_at >= since && !st->syncing;
      });
      auto st = records.status();
      if (passed && st && st->last_sync)
        std::cout << "last sync: " << kiosk::sync::to_string(st->last_sync->outcome) << ": "
                  << st->last_sync->message << "\n";
      else
        std::cout << "timeout\n";
    } else if (cmd == "wait-form-not") {
      const bool changed = wait_for([&] { return records.sealing_form()->ref.version != arg; });
      std::cout << (changed ? "form " + records.sealing_form()->ref.version : std::string("timeout")) << "\n";
    } else if (cmd == "status") {
      auto st = records.status();
      std::cout << (st ? st->describe() : st.error().describe()) << "\n";
    } else if (cmd == "quit") {
      std::cout << "done\n" << std::flush;
      break;
    } else {
      std::cout << "unknown command: " << cmd << "\n";
    }
    std::cout << "done\n" << std::flush;
  }
  return 0;
}
