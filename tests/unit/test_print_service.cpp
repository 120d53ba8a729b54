// The print service: papers made and printed on a worker, a snapshot for the
// screen, and a wipe that a running job cannot undo.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "print/service.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {

// A gate a worker waits at until the test opens it.
struct Gate {
  std::mutex m;
  std::condition_variable cv;
  bool open = false;
  std::atomic<int> waiting{0};
  void wait() {
    std::unique_lock<std::mutex> l(m);
    ++waiting;
    cv.wait(l, [&] { return open; });
  }
  void release() {
    {
      std::lock_guard<std::mutex> l(m);
      open = true;
    }
    cv.notify_all();
  }
  void until_waiting() const {
    while (waiting.load() == 0) std::this_thread::sleep_for(1ms);
  }
};

SessionDocuments papers(const std::string& marker) {
  SessionDocuments d;
  d.reference = "TEST-0001";
  const auto* bytes = reinterpret_cast<const unsigned char*>(marker.data());
  d.petition.append(bytes, marker.size());
  d.receipt.append(bytes, marker.size());
  return d;
}

struct Printed {
  std::mutex m;
  std::vector<std::string> petitions;
  void add(const SessionDocuments& d) {
    std::lock_guard<std::mutex> l(m);
    petitions.emplace_back(reinterpret_cast<const char*>(d.petition.data()), d.petition.size());
  }
};

// A printer that is there and prints and saves every paper.
PrintBackend working_backend() {
  PrintBackend b;
  b.available = [] { return true; };
  b.print = [](const SessionDocuments&) -> Status { return Ok{}; };
  b.save = b.print;
  return b;
}

}  // namespace

TEST_CASE("print service: the papers are made and printed on a worker, once per session") {
  Printed printed;
  std::atomic<int> made{0};
  PrintBackend b;
  b.available = [] { return true; };
  b.print = [&](const SessionDocuments& d) -> Status { printed.add(d); return Ok{}; };
  b.save = [](const SessionDocuments&) -> Status { return Ok{}; };
  std::atomic<int> wakes{0};
  PrintService svc(b, [&] { ++wakes; });
  Gate gate;
  svc.print([&]() -> Result<SessionDocuments> { gate.wait(); ++made; return papers("first person"); });
  gate.until_waiting();
  // The screen's thread is not held while the papers are being made.
  auto st = svc.snapshot();
  CHECK(st.phase == PrintPhase::working);
  CHECK(st.busy);
  gate.release();
  svc.wait_idle();
  st = svc.snapshot();
  CHECK(st.phase == PrintPhase::printed);
  CHECK(st.has_papers);
  CHECK_FALSE(st.busy);
  CHECK(wakes.load() >= 1);
  // Reprint uses the papers kept; they are not made again.
  CHECK(svc.reprint());
  svc.wait_idle();
  CHECK(made.load() == 1);
  CHECK(printed.petitions.size() == 2);
  CHECK(svc.take_staff_status() == "Reprinted the current session's papers.");
  CHECK(svc.take_staff_status().empty());
}

TEST_CASE("print service: a job of a wiped session changes nothing of the next") {
  PrintBackend b;
  Gate gate;
  b.available = [] { return true; };
  b.print = [&](const SessionDocuments&) -> Status {
    gate.wait();  // CUPS taking its time
    return make_error(Errc::printer, "printer went away", "error.printer.offline");
  };
  b.save = [](const SessionDocuments&) -> Status { return Ok{}; };
  PrintService svc(b, {});
  svc.print([] { return Result<SessionDocuments>(papers("first person")); });
  gate.until_waiting();
  svc.new_session();  // the wipe does not wait for the job
  auto st = svc.snapshot();
  CHECK(st.phase == PrintPhase::idle);
  CHECK_FALSE(st.has_papers);
  CHECK_FALSE(st.busy);  // the next person may print at once
  gate.release();
  svc.wait_idle();
  st = svc.snapshot();
  CHECK(st.phase == PrintPhase::idle);  // not "failed": that was someone else
  CHECK(st.user_key.empty());
  CHECK_FALSE(st.has_papers);
  CHECK(svc.take_staff_status().empty());
  CHECK_FALSE(svc.reprint());  // nothing of the first person to reprint
}

TEST_CASE("print service: no printer, a failed printer, and save for staff") {
  std::atomic<bool> there{false};
  std::atomic<int> saved{0};
  PrintBackend b;
  b.available = [&] { return there.load(); };
  b.print = [](const SessionDocuments&) -> Status {
    return make_error(Errc::printer, "the printer is out of paper", "error.printer.paper");
  };
  b.save = [&](const SessionDocuments&) -> Status { ++saved; return Ok{}; };
  PrintService svc(b, {});
  auto make = [] { return Result<SessionDocuments>(papers("someone")); };
  svc.print(make);
  svc.wait_idle();
  CHECK(svc.snapshot().phase == PrintPhase::no_printer);
  there = true;
  svc.print(make);
  svc.wait_idle();
  auto st = svc.snapshot();
  CHECK(st.phase == PrintPhase::failed);
  CHECK(st.user_key == "error.printer.paper");
  CHECK(svc.take_staff_status() == "the printer is out of paper");
  svc.save(make);
  svc.wait_idle();
  CHECK(svc.snapshot().phase == PrintPhase::saved);
  CHECK(saved.load() == 1);
}

TEST_CASE("print service: papers that cannot be made are a plain failure") {
  PrintService svc(working_backend(), {});
  svc.print([] { return Result<SessionDocuments>(make_error(Errc::internal, "no fonts", "print.render_failed")); });
  svc.wait_idle();
  CHECK(svc.snapshot().phase == PrintPhase::failed);
  CHECK(svc.snapshot().user_key == "print.render_failed");
  CHECK_FALSE(svc.snapshot().has_papers);
}

TEST_CASE("print service: staff jobs report their line, one at a time") {
  PrintService svc(working_backend(), {});
  Gate gate;
  CHECK(svc.run_staff([&] { gate.wait(); return std::string("Test page printed."); }));
  gate.until_waiting();
  CHECK_FALSE(svc.run_staff([] { return std::string("second"); }));  // busy
  gate.release();
  svc.wait_idle();
  CHECK(svc.take_staff_status() == "Test page printed.");
}
