// The in-process half of `./packaging/dev.sh bench` (the driver is
// tests/bench/kiosk_bench.sh, which measures the kiosk processes from
// outside). Prints rows "ROW\tmeasure\tvalue\ttarget\tmet?" for:
//   - petition + receipt PDFs of the sample person, per language: CPU time
//     of the first build in this process (cold: Pango/fontconfig caches
//     empty) and the worst of 5 warm builds;
//   - outbox enqueue latency (seal + one SQLite transaction with fsync,
//     synchronous=FULL) p50/p99 over 200 records, wall time, on the disk of
//     the temp directory;
//   - database bytes per record (file size / records, after 10,000);
//   - sync throughput: 10,000 sealed records sent by run_pass to the
//     loopback test server (tests/unit/fake_openrosa.hpp) on the same 2
//     cores. Timed: the kiosk's pass (claims, POSTs on one keep-alive
//     connection, sent marks, fsyncs) and the server's HTTP and multipart
//     parsing, manifest reading and storing (like Central, which stores
//     encrypted submissions without opening them). Not timed: the server's
//     decryption and signature check of every record (2 RSA private-key
//     operations each), done after the timer stops; the bench then checks
//     that every record arrived exactly once, opens and verifies, and is
//     byte-identical to the outbox's. The records are made in /dev/shm
//     (fsync is free there) and the file is copied to the temp directory's
//     disk before the timed sync.
// --check: a few records, no timing claims; exits 1 if anything fails
// (CTest runs this; it takes seconds).
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "base/paths.hpp"
#include "base/today.hpp"
#include "config/config.hpp"
#include "document/documents.hpp"
#include "document/samples.hpp"
#include "finish/finish.hpp"
#include "fake_openrosa.hpp"
#include "form/form.hpp"
#include "form/xform.hpp"
#include "locale/catalog.hpp"
#include "locale/language.hpp"
#include "outbox/outbox.hpp"
#include "outbox_fixtures.hpp"
#include "seal/seal.hpp"
#include "sync/sync.hpp"

namespace fs = std::filesystem;

namespace {

double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double wall_ms() {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

void row(const std::string& measure, const std::string& value, const std::string& target, bool met) {
  std::printf("ROW\t%s\t%s\t%s\t%s\n", measure.c_str(), value.c_str(), target.c_str(),
              met ? "yes" : "NO");
  std::fflush(stdout);
}

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
std::string fmt(const char* f, double v) {  // f: a literal with one double conversion
  char b[96];
  std::snprintf(b, sizeof b, f, v);
  return b;
}
#pragma GCC diagnostic pop

int failures = 0;
void fail(const std::string& what) {
  std::fprintf(stderr, "kiosk_bench: %s\n", what.c_str());
  ++failures;
}

// A petition record as the kiosk makes it, from the sample person's answers.
std::string sample_xml(const kiosk::Form& form, const kiosk::Answers& answers, const std::string& id) {
  kiosk::Situation situation{kiosk::Where::land_border, kiosk::Entry::checkpoint, "2026-11-18"};
  kiosk::InstanceMeta meta{id, "bench-site", "ru", "KZ-BENCH-0001", "2026-11-21T10:04:00+05:00", false};
  return kiosk::build_instance_xml(form, situation, answers, meta);
}

fs::path shm_or_tmp() {
  std::error_code ec;
  return fs::is_directory("/dev/shm", ec) ? fs::path("/dev/shm") : fs::temp_directory_path();
}

fs::path fresh(const fs::path& base, const std::string& name) {
  const auto d = base / ("kiosk-bench-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

}  // namespace

int main(int argc, char** argv) {
  const bool check = argc > 1 && std::strcmp(argv[1], "--check") == 0;
  const int enqueues = check ? 5 : 200;
  // KIOSK_BENCH_SYNC_RECORDS / KIOSK_BENCH_SYNC_IN_SHM=1: to find where sync time goes.
  const char* n_env = std::getenv("KIOSK_BENCH_SYNC_RECORDS");
  const int sync_records = check ? 20 : n_env ? std::max(1, std::atoi(n_env)) : 10000;
  const bool sync_in_shm = std::getenv("KIOSK_BENCH_SYNC_IN_SHM") != nullptr;
  // KIOSK_BENCH_SYNC_VERIFY_ON_RECEIPT=1: the server decrypts each record as
  // it arrives, inside the timed window (the row says so).
  const bool verify_on_receipt = std::getenv("KIOSK_BENCH_SYNC_VERIFY_ON_RECEIPT") != nullptr;
  const int warm = check ? 1 : 5;
  // KIOSK_BENCH_PAPERS_ONLY=LANG: only that language's papers, then stop (for a profiler).
  const char* papers_only = std::getenv("KIOSK_BENCH_PAPERS_ONLY");

  auto config = kiosk::load_config(kiosk::data_dir() / "kiosk-config" / "demo.toml");
  auto form = kiosk::load_form(kiosk::data_dir() / "assets/form/petition.toml");
  auto tr = kiosk::Translations::load(kiosk::data_dir() / "locales");
  if (!config || !form || !tr) {
    std::fprintf(stderr, "kiosk_bench: cannot load the demo config, the form or the locales\n");
    return 1;
  }

  // 1. PDFs -----------------------------------------------------------------
  // Russian first: its first papers are the process's first (the cold row).
  std::vector<std::string> langs{"ru"};
  for (const auto& code : kiosk::language_codes())
    if (code != "ru") langs.push_back(code);
  for (const std::string& code : langs) {
    const char* lang = code.c_str();
    if (papers_only && std::strcmp(papers_only, lang) != 0) continue;
    double cold = 0, worst = 0;
    for (int i = 0; i <= warm; ++i) {
      // Each on a new thread, as the kiosk's print service makes a session's papers.
      const double t = cpu_ms();
      kiosk::Result<kiosk::SessionDocuments> docs = kiosk::make_error(kiosk::Errc::io, "not made");
      std::thread([&] { docs = kiosk::prepare_sample_documents(*config, *form, *tr, lang, kiosk::local_today()); })
          .join();
      const double ms = cpu_ms() - t;
      if (!docs || docs->petition.size() < 1000 || docs->receipt.size() < 1000) {
        fail(std::string("no PDFs for ") + lang);
        break;
      }
      if (i == 0) cold = ms;
      else worst = std::max(worst, ms);
    }
    if (!check) {
      if (std::strcmp(lang, "ru") == 0)
        row("petition+receipt PDFs, first in process (ru), CPU", fmt("%.0f ms", cold), "< 200 ms", cold < 200);
      row(std::string("petition+receipt PDFs, warm (") + lang + "), worst CPU", fmt("%.0f ms", worst),
          "< 200 ms", worst < 200);
    }
  }

  if (papers_only) return failures == 0 ? 0 : 1;

  auto sample = kiosk::load_sample(kiosk::samples_file(), *form, "ru", kiosk::local_today());
  if (!sample) {
    std::fprintf(stderr, "kiosk_bench: %s\n", sample.error().describe().c_str());
    return 1;
  }
  const kiosk::seal::FormRef form_ref{form->id, form->version};
  const auto& key = odk_test::demo_key();

  // 2. enqueue latency on disk, with fsync ---------------------------------
  {
    const auto dir = fresh(fs::temp_directory_path(), "enqueue");
    auto box = kiosk::outbox::Outbox::open(dir);
    if (!box) return fail(box.error().describe()), 1;
    std::vector<double> lat;
    for (int i = 0; i < enqueues; ++i) {
      const std::string id = kiosk::seal::new_instance_id();
      std::string xml = sample_xml(*form, sample->answers, id);
      const double t = wall_ms();
      auto r = (*box)->enqueue(key, xml, id, form_ref);
      lat.push_back(wall_ms() - t);
      if (!r) {
        fail(r.error().describe());
        break;
      }
    }
    std::sort(lat.begin(), lat.end());
    if (!check && !lat.empty()) {
      const double p50 = lat[lat.size() / 2];
      const double p99 = lat[std::min(lat.size() - 1, lat.size() * 99 / 100)];
      row("outbox enqueue p50 (seal + commit, fsync), wall", fmt("%.1f ms", p50), "-", true);
      row("outbox enqueue p99 (seal + commit, fsync), wall", fmt("%.1f ms", p99), "< 50 ms", p99 < 50);
    }
    box->reset();
    fs::remove_all(dir);
  }

  // 3. 10,000 records: size per record, then sync to the loopback server ---
  {
    const auto made = fresh(shm_or_tmp(), "make");
    {
      auto box = kiosk::outbox::Outbox::open(made);
      if (!box) return fail(box.error().describe()), 1;
      for (int i = 0; i < sync_records; ++i) {
        const std::string id = kiosk::seal::new_instance_id();
        std::string xml = sample_xml(*form, sample->answers, id);
        if (auto r = (*box)->enqueue(key, xml, id, form_ref); !r) {
          fail(r.error().describe());
          break;
        }
      }
    }  // closed: the WAL is checkpointed into the main file
    uintmax_t bytes = 0;
    for (const auto& e : fs::directory_iterator(made)) bytes += fs::file_size(e.path());
    if (!check)
      row("database bytes per record (10,000 records)", fmt("%.0f B", static_cast<double>(bytes) / sync_records),
          "-", true);

    const auto disk = fresh(sync_in_shm ? shm_or_tmp() : fs::temp_directory_path(), "sync");
    for (const auto& e : fs::directory_iterator(made)) fs::copy_file(e.path(), disk / e.path().filename());
    fs::remove_all(made);
    auto box = kiosk::outbox::Outbox::open(disk);
    if (!box) return fail(box.error().describe()), 1;
    odk_test::FakeCentral server;
    server.verify_on_receipt = verify_on_receipt;  // by default decrypted and checked after the timer (below)
    auto settings = odk_test::loopback_settings(server.url());
    settings.read_timeout = std::chrono::milliseconds(5000);
    const double t = wall_ms(), c = cpu_ms();
    int passes = 0;
    for (; passes < 20; ++passes) {  // one pass should do; bounded anyway
      auto rep = kiosk::sync::run_pass(**box, settings);
      if (!rep) {
        fail(rep.error().describe());
        break;
      }
      if (rep->run.outcome == kiosk::sync::Outcome::nothing_to_do) break;
      if (rep->run.outcome != kiosk::sync::Outcome::ok) {
        fail(std::string("sync pass: ") + kiosk::sync::to_string(rep->run.outcome) + ": " + rep->run.message);
        break;
      }
    }
    const double secs = (wall_ms() - t) / 1000, cpu = (cpu_ms() - c) / 1000;
    // After the timer: every record arrived once, opens and verifies with the
    // office's private key, and is the outbox's record byte for byte.
    const double vt = wall_ms();
    const int bad = server.verify_stored();
    const double verify_secs = (wall_ms() - vt) / 1000;
    auto counts = (*box)->counts();
    if (!counts || counts->sent != sync_records) fail("not every record was sent");
    const auto stored = server.stored();
    if (stored.size() != static_cast<size_t>(sync_records) || bad != 0 || !server.problems().empty())
      fail("the server did not receive every record intact");
    if (server.posts_count() != sync_records || server.duplicate_count() != 0)
      fail("a record was sent more than once (" + std::to_string(server.posts_count()) + " POSTs)");
    int differ = 0;
    for (const auto& [id, got] : stored) {
      auto rec = (*box)->load(id);
      if (got.acks != 1 || !rec || !rec->has_value() || (*rec)->sealed.manifest_xml != got.manifest ||
          (*rec)->sealed.encrypted_xml != got.enc)
        ++differ;
    }
    if (differ != 0) fail(std::to_string(differ) + " records on the server differ from the outbox's");
    if (!check) {
      row(fmt(verify_on_receipt ? "sync %.0f records to loopback (wall; CPU incl. server, which decrypts each on receipt)"
                                : "sync %.0f records to loopback (wall; CPU incl. server, its decryption after the timer)",
              sync_records) +
              (sync_in_shm ? " in /dev/shm" : ""),
          fmt("%.1f s", secs) + fmt(" (%.1f s CPU)", cpu), "< 20 s", secs < 20);
      if (!verify_on_receipt)
        row("  server's decryption + signature check of them afterwards (not in the row above), wall",
            fmt("%.1f s", verify_secs), "-", true);
    }
    box->reset();
    fs::remove_all(disk);
  }

  if (check) std::printf("kiosk_bench --check: %s\n", failures == 0 ? "ok" : "FAILED");
  return failures == 0 ? 0 : 1;
}
