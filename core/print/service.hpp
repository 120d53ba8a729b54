// The print service: makes and prints the session's papers, saves them for
// staff, and runs staff's paper jobs (reprint, test page, blank petition) on
// worker threads, never on the screen's thread.
//
// Shaped like the sync worker: every job runs on its own thread; what the
// screens need is a snapshot taken under the service's lock. Each session
// has a generation: new_session() (the wipe) starts the next one at once,
// without waiting for a running job (CUPS may take minutes to give up on a
// printer). A job of an older generation still finishes, but changes nothing
// the next person sees, and its copy of the papers is wiped when it lets go.
#pragma once

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/result.hpp"
#include "document/documents.hpp"
#include "print/printer.hpp"
#include "print/saved.hpp"

namespace kiosk {

// Where printing the session's papers stands (the print screen draws it).
enum class PrintPhase { idle, working, printed, failed, no_printer, saved };
const char* to_string(PrintPhase phase);

struct PrintSnapshot {
  PrintPhase phase = PrintPhase::idle;
  std::string user_key;     // what went wrong, for the person (error.printer.*), or empty
  bool busy = false;        // a job is running (the print screen shows "working")
  bool has_papers = false;  // this session's papers are made and kept for reprint
  unsigned generation = 0;
};

// What the service does with paper; the kiosk passes CUPS and a directory,
// tests pass their own.
struct PrintBackend {
  // Whether a printer is there at all (asked on the worker: CUPS may be slow).
  std::function<bool()> available;
  // Prints both papers; an Error with user_key error.printer.* when not.
  std::function<Status(const SessionDocuments&)> print;
  // Keeps both papers for staff.
  std::function<Status(const SessionDocuments&)> save;
};

// The CUPS printer `printer` (empty: the default) and, for "save for staff",
// the private saved-papers place with its short life (print/saved.hpp).
PrintBackend cups_backend(const std::string& printer, const SavedPapersPlace& place);

// How the service's own lines for staff read (the staff screen passes
// core's translated staff view, in staff.language); English by default.
struct StaffWords {
  // A failed print of the person's papers or of a reprint: the CUPS or disk reason.
  std::function<std::string(const Error&)> problem = [](const Error& e) { return e.describe(); };
  std::string reprinted = "Reprinted the current session's papers.";
};

class PrintService {
 public:
  using MakePapers = std::function<Result<SessionDocuments>()>;
  using StaffJob = std::function<std::string()>;  // returns the line staff read

  // `wake` is called (from a worker) whenever the snapshot changed, so an
  // event-driven screen draws again.
  PrintService(PrintBackend backend, std::function<void()> wake, StaffWords words = {});
  ~PrintService();  // waits for running jobs
  PrintService(const PrintService&) = delete;
  PrintService& operator=(const PrintService&) = delete;

  // The wipe: the next generation starts now; the papers kept are dropped
  // (wiped when the last job holding them lets go).
  void new_session();
  // Prints this session's papers, making them first if they are not made
  // yet (`make` runs on the worker). Ignored while a job runs.
  void print(MakePapers make);
  // Saves this session's papers for staff (made first if needed).
  void save(MakePapers make);
  // Staff: prints this session's papers again. Returns false (and does
  // nothing) when there are none or a job runs.
  bool reprint();
  // Staff: any other paper job; its line goes to take_staff_status().
  // Returns false when a job runs.
  bool run_staff(StaffJob job);

  [[nodiscard]] PrintSnapshot snapshot() const;
  // The last staff job's line (and a CUPS reason after a failed print),
  // once; empty when there is none.
  std::string take_staff_status();
  // Blocks until no job runs (tests, and the replay's expect-print).
  void wait_idle() const;

 private:
  struct Shared;
  void launch(std::function<void()> body);
  void start_papers(MakePapers make, bool save);
  void run_papers(unsigned gen, MakePapers make, bool save);
  std::shared_ptr<Shared> shared_;
  PrintBackend backend_;
  std::function<void()> wake_;
  StaffWords words_;
  struct Worker {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> done;
  };
  std::vector<Worker> threads_;  // touched by the calling (UI) thread only
};

}  // namespace kiosk
