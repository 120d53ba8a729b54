#include "print/service.hpp"

#include "print/documents.hpp"

#include <algorithm>
#include <atomic>

namespace kiosk {

const char* to_string(PrintPhase phase) {
  switch (phase) {
    case PrintPhase::idle: return "idle";
    case PrintPhase::working: return "working";
    case PrintPhase::printed: return "printed";
    case PrintPhase::failed: return "failed";
    case PrintPhase::no_printer: return "no_printer";
    case PrintPhase::saved: return "saved";
  }
  return "idle";
}

PrintBackend cups_backend(const std::string& printer, const SavedPapersPlace& place) {
  PrintBackend b;
  b.available = [printer] { return printer_available(printer); };
  b.print = [printer](const SessionDocuments& docs) -> Status {
    PrintOptions options;
    options.printer = printer;
    auto r = print_documents(docs, options);
    if (!r) return r.error();
    return Ok{};
  };
  b.save = [place](const SessionDocuments& docs) -> Status {
    auto r = save_papers(docs, place);  // private, and it expires
    if (!r) return r.error();
    return Ok{};
  };
  return b;
}

// Everything a worker may touch, behind one lock; workers hold it by
// shared_ptr so a job outliving nothing is ever a dangling reference.
struct PrintService::Shared {
  mutable std::mutex mutex;
  mutable std::condition_variable idle;
  unsigned generation = 0;
  std::vector<unsigned> running;  // the generation of each running job
  // Whether a job of the current session (or a staff job) runs.
  [[nodiscard]] bool busy() const {
    return std::find(running.begin(), running.end(), generation) != running.end();
  }
  PrintPhase phase = PrintPhase::idle;
  std::string user_key;
  std::shared_ptr<SessionDocuments> papers;  // this generation's, or null
  std::string staff_status;
};

PrintService::PrintService(PrintBackend backend, std::function<void()> wake, StaffWords words)
    : shared_(std::make_shared<Shared>()),
      backend_(std::move(backend)),
      wake_(std::move(wake)),
      words_(std::move(words)) {}

PrintService::~PrintService() {
  for (auto& w : threads_) w.thread.join();
}

void PrintService::new_session() {
  std::shared_ptr<SessionDocuments> old;
  {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    ++shared_->generation;
    old = std::move(shared_->papers);  // a running job may still hold them
    shared_->phase = PrintPhase::idle;
    shared_->user_key.clear();
  }
  // `old` goes here, outside the lock; the Pdfs wipe their bytes when the
  // last holder lets go.
}

void PrintService::launch(std::function<void()> body) {
  // Threads that have ended are joined here (instantly); running ones stay.
  std::erase_if(threads_, [](Worker& w) {
    if (!w.done->load()) return false;
    w.thread.join();
    return true;
  });
  unsigned gen;
  {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    gen = shared_->generation;
    shared_->running.push_back(gen);
  }
  auto done = std::make_shared<std::atomic<bool>>(false);
  threads_.push_back(Worker{std::thread([shared = shared_, body = std::move(body), wake = wake_, gen, done] {
                              body();
                              if (wake) wake();  // before "idle": a waiter sees the wake-up done
                              {
                                std::lock_guard<std::mutex> lock(shared->mutex);
                                auto& r = shared->running;
                                r.erase(std::find(r.begin(), r.end(), gen));
                              }
                              shared->idle.notify_all();
                              done->store(true);
                            }),
                            done});
}

void PrintService::run_papers(unsigned gen, MakePapers make, bool save) {
  auto shared = shared_;
  const PrintBackend backend = backend_;
  const auto wake = wake_;
  launch([shared, backend, gen, make = std::move(make), save, wake, problem = words_.problem] {
    auto set = [&](PrintPhase phase, std::string key = {}) {
      std::lock_guard<std::mutex> lock(shared->mutex);
      if (shared->generation != gen) return false;  // the person has gone
      shared->phase = phase;
      shared->user_key = std::move(key);
      return true;
    };
    if (!save && backend.available && !backend.available()) {
      set(PrintPhase::no_printer);
      return;
    }
    std::shared_ptr<SessionDocuments> docs;
    {
      std::lock_guard<std::mutex> lock(shared->mutex);
      if (shared->generation != gen) return;
      docs = shared->papers;
    }
    if (!docs) {
      auto made = make();
      if (!made) {
        if (set(PrintPhase::failed, made.error().user_key.empty() ? "error.generic" : made.error().user_key)) {
          std::lock_guard<std::mutex> lock(shared->mutex);
          shared->staff_status = problem(made.error());  // why the papers could not be made
        }
        return;
      }
      docs = std::make_shared<SessionDocuments>(std::move(made).value());
      std::lock_guard<std::mutex> lock(shared->mutex);
      if (shared->generation != gen) return;  // wiped meanwhile: `docs` wipes itself
      shared->papers = docs;
    }
    const Status done = save ? backend.save(*docs) : backend.print(*docs);
    docs.reset();
    if (done) {
      set(save ? PrintPhase::saved : PrintPhase::printed);
      return;
    }
    const std::string key = done.error().user_key.empty()
                                ? (save ? "error.disk.full" : "error.generic")
                                : done.error().user_key;
    if (set(PrintPhase::failed, key)) {
      std::lock_guard<std::mutex> lock(shared->mutex);
      shared->staff_status = problem(done.error());  // the CUPS or disk reason, for staff
    }
  });
}

void PrintService::start_papers(MakePapers make, bool save) {
  unsigned gen;
  {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    if (shared_->busy()) return;
    gen = shared_->generation;
    shared_->phase = PrintPhase::working;
    shared_->user_key.clear();
  }
  run_papers(gen, std::move(make), save);
}

void PrintService::print(MakePapers make) { start_papers(std::move(make), false); }

void PrintService::save(MakePapers make) { start_papers(std::move(make), true); }

bool PrintService::reprint() {
  std::shared_ptr<SessionDocuments> docs;
  {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    if (shared_->busy() || !shared_->papers) return false;
    docs = shared_->papers;
  }
  auto shared = shared_;
  const auto print = backend_.print;
  launch([shared, print, docs, words = words_]() mutable {
    const Status r = print(*docs);
    docs.reset();
    std::lock_guard<std::mutex> lock(shared->mutex);
    shared->staff_status = r ? words.reprinted : words.problem(r.error());
  });
  return true;
}

bool PrintService::run_staff(StaffJob job) {
  {
    std::lock_guard<std::mutex> lock(shared_->mutex);
    if (shared_->busy()) return false;
  }
  auto shared = shared_;
  launch([shared, job = std::move(job)] {
    std::string line = job();
    std::lock_guard<std::mutex> lock(shared->mutex);
    shared->staff_status = std::move(line);
  });
  return true;
}

PrintSnapshot PrintService::snapshot() const {
  std::lock_guard<std::mutex> lock(shared_->mutex);
  PrintSnapshot s;
  s.phase = shared_->phase;
  s.user_key = shared_->user_key;
  s.busy = shared_->busy();
  s.has_papers = shared_->papers != nullptr;
  s.generation = shared_->generation;
  return s;
}

std::string PrintService::take_staff_status() {
  std::lock_guard<std::mutex> lock(shared_->mutex);
  return std::exchange(shared_->staff_status, {});
}

void PrintService::wait_idle() const {
  std::unique_lock<std::mutex> lock(shared_->mutex);
  shared_->idle.wait(lock, [&] { return shared_->running.empty(); });
}

}  // namespace kiosk
