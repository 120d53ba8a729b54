// queue status | queue list [--limit N] | queue test-submission [--count N] [--form-version V]
// | queue retry-failed: the outbox for staff and tests.
#include <ctime>
#include <iostream>

#include "base/paths.hpp"
#include "command.hpp"
#include "form/form.hpp"
#include "form/xform.hpp"
#include "site_support.hpp"
#include "outbox/transfer.hpp"
#include "outbox_support.hpp"
#include "seal/seal.hpp"
#include "sync/service.hpp"

namespace {

using kiosk::outbox::Outbox;

int status(Outbox& box) {
  auto c = box.counts();
  if (!c) {
    std::cerr << c.error().describe() << "\n";
    return 1;
  }
  std::cout << "outbox " << box.path().string() << "\n"
            << "  queued            " << c->queued << "\n"
            << "  sending           " << c->sending << "\n"
            << "  sent              " << c->sent << " (kept until purged)\n"
            << "  failed_permanent  " << c->failed_permanent << " (need staff)\n"
            << "  damaged           " << c->damaged << " (cannot be read back; set aside, see queue list)\n"
            << "  test records      " << c->test << "\n"
            << "  exported, unsent  " << c->exported_unsent << "\n";
  auto last = box.last_sync_run();
  if (last && last->has_value()) {
    const auto& r = **last;
    std::cout << "last sync: " << kioskctl::format_time(r.finished_at) << ": " << r.outcome << ": "
              << r.message << " (" << r.sent << " sent, " << r.retry << " retry, "
              << r.failed_permanent << " need staff)\n";
  } else {
    std::cout << "last sync: never\n";
  }
  auto due = box.next_due_at();
  if (due && due->has_value())
    std::cout << "next record due: "
              << (**due <= kiosk::outbox::now_ms() ? std::string("now") : kioskctl::format_time(**due)) << "\n";
  return 0;
}

int list(Outbox& box, int limit) {
  auto rows = box.list(limit);
  if (!rows) {
    std::cerr << rows.error().describe() << "\n";
    return 1;
  }
  for (const auto& r : *rows) {
    std::cout << r.instance_id << " " << kiosk::outbox::to_string(r.state) << " attempts " << r.attempts
              << " created " << kioskctl::format_time(r.created_at);
    if (r.test) std::cout << " (test)";
    if (r.exported_at) std::cout << " exported " << kioskctl::format_time(r.exported_at);
    if (!r.last_error.empty()) std::cout << " last error: " << r.last_error;
    std::cout << "\n";
  }
  return 0;
}

std::string iso_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

int test_submission(const kiosk::Site& site, Outbox& box, int count, const std::string& version) {
  const kiosk::Config& config = site.config;
  // The real records' key, form id and version (so the server accepts the
  // test records into the uploaded form); --form-version overrides the
  // version (to try a version the server does not know).
  auto sealing = kiosk::sync::load_sealing_form(config);
  if (!sealing) {
    std::cerr << sealing.error().describe() << "\n";
    return 1;
  }
  // The site's form (load_site has checked sync.form_id names it).
  kiosk::Form form = site.form;
  kiosk::seal::FormRef ref = sealing->ref;
  if (ref.id.empty()) ref = {form.id, form.version};
  if (!version.empty()) ref.version = version;
  form.version = ref.version;
  for (int i = 1; i <= count; ++i) {
    const std::string id = kiosk::seal::new_instance_id();
    std::string xml = kiosk::build_test_instance_xml(form, id, i, config.site.id, iso_now());
    auto rec = box.enqueue(sealing->key, xml, id, ref, /*test=*/true);
    if (!rec) {
      std::cerr << rec.error().describe() << "\n";
      return 1;
    }
    // One line per committed record (the crash test relies on it).
    std::cout << "queued test record " << rec->instance_id << "\n" << std::flush;
  }
  return 0;
}

int run(kioskctl::Context& ctx) {
  auto& args = ctx.args;
  const std::string count_s = kioskctl::take_option(args, "--count", "1");
  const std::string limit_s = kioskctl::take_option(args, "--limit", "100");
  const std::string version = kioskctl::take_option(args, "--form-version", "");
  const std::string what = args.empty() ? "status" : args.front();
  int count = 0;
  int limit = 0;
  try {
    count = std::stoi(count_s);
    limit = std::stoi(limit_s);
  } catch (...) {
    count = -1;
  }
  if (count < 1 || count > 100000 || limit < 1) {
    std::cerr << "--count and --limit need a positive whole number\n";
    return 2;
  }
  auto config = kioskctl::load_site_config(ctx);
  if (!config) return 1;
  auto box = kioskctl::open_outbox(*config);
  if (!box) return 1;
  if (what == "status") return status(*box);
  if (what == "list") return list(*box, limit);
  if (what == "test-submission") {
    const auto site = kioskctl::load_site_or_say(ctx);
    return site ? test_submission(*site, *box, count, version) : 1;
  }
  if (what == "retry-failed") {
    auto n = box->requeue_failed(kiosk::outbox::now_ms());
    if (!n) {
      std::cerr << n.error().describe() << "\n";
      return 1;
    }
    auto due = box->make_waiting_due(kiosk::outbox::now_ms());
    if (!due) {
      std::cerr << due.error().describe() << "\n";
      return 1;
    }
    std::cout << *n << " failed records put back in the queue; " << *due
              << " waiting records due now\n";
    return 0;
  }
  std::cerr << "unknown: queue " << what << "; see asylum-kioskctl queue --help\n";
  return 2;
}

const kioskctl::Registration reg(
    {"queue", "queue [status|list|test-submission [--count N] [--form-version V]|retry-failed]",
     "outbox counts and last sync; list records; enqueue marked test records; requeue failed ones", run});

}  // namespace
