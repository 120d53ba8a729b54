// Crash test: asylum-kioskctl processes that enqueue (queue test-submission)
// and sync are SIGKILLed at random moments, sometimes two at once, against
// the loopback server with random faults. After every kill the outbox must
// pass integrity_check and its checksums, hold every record a process had
// reported as committed, claim "sent" only for records the server has, and
// the server must never see two different submissions for one instanceID.
// Finally everything is sent and each record is on the server exactly once.
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <random>
#include <set>

#include "fake_openrosa.hpp"
#include "outbox_fixtures.hpp"
#include "sync/sync.hpp"

namespace fs = std::filesystem;
using odk_test::Fault;

namespace {

struct Child {
  pid_t pid = -1;
  int out = -1;  // read end of its stdout
};

Child spawn(const std::vector<std::string>& args) {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    ::dup2(fds[1], 1);
    const int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, 2);
    ::close(fds[0]);
    ::close(fds[1]);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  return {pid, fds[0]};
}

// Waits for the child, returns everything it printed.
std::string reap(Child c, int* status = nullptr) {
  std::string out;
  char buf[4096];
  ssize_t n;
  while ((n = ::read(c.out, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
  ::close(c.out);
  int st = 0;
  ::waitpid(c.pid, &st, 0);
  if (status) *status = st;
  return out;
}

std::set<std::string> committed_ids(const std::string& out) {
  std::set<std::string> ids;
  const std::string tag = "queued test record ";
  for (size_t p = out.find(tag); p != std::string::npos; p = out.find(tag, p + 1)) {
    const size_t start = p + tag.size();
    const size_t end = out.find('\n', start);
    if (end == std::string::npos) break;  // a line cut by the kill: not reported
    ids.insert(out.substr(start, end - start));
  }
  return ids;
}

// A site config in `dir` (data in dir/data) whose sync goes to `server_url`.
std::filesystem::path write_site(const std::filesystem::path& dir, const std::string& server_url) {
  fs::copy_file(std::string(KIOSK_SOURCE_DIR) + "/kiosk-config/demo-office-public.pem", dir / "key.pem");
  { std::ofstream(dir / "credentials") << "testtoken\n"; }
  ::chmod((dir / "credentials").c_str(), 0600);
  const fs::path config = dir / "site.toml";
  std::ofstream f(config);
  f << "[site]\nid = \"crash-test\"\nkind = \"airport\"\noffice = \"desp-almaty\"\n"
       "[staff]\npin_hash = \"pbkdf2-sha256$1000$ZmljdGl0aW91cy1zYWx0IQ==$/bOA1KlQLBYixDlR773EOwczibh50Jiou6DypZx6XXw=\"\n"
       "[outbox]\ndata_dir = \"data\"\n"
       "[sync]\nenabled = true\nkind = \"central\"\nserver_url = \"" << server_url << "\"\n"
       "project_id = 1\nform_id = \"asylum_petition\"\nauth = \"token\"\n"
       "credentials_file = \"credentials\"\npublic_key_file = \"key.pem\"\n"
       "connect_timeout_seconds = 1\nrequest_timeout_seconds = 1\nretry_base_seconds = 0\n";
  return config;
}

}  // namespace

TEST_CASE("SIGKILL between batched sent marks: nothing marked sent that the server lacks, nothing lost",
          "[crash]") {
  const std::string ctl = std::string(KIOSK_BINARY_DIR) + "/ctl/asylum-kioskctl";
  REQUIRE(fs::exists(ctl));
  odk_test::FakeCentral server;
  const fs::path dir = odk_test::fresh_dir("crash-batch");
  const fs::path config = write_site(dir, server.url());
  const int n = 2 * kiosk::sync::kClaimBatch + 10;
  {
    auto box = kiosk::outbox::Outbox::open(dir / "data").value();
    for (int i = 0; i < n; ++i) odk_test::enqueue_one(*box, "Person " + std::to_string(i));
  }
  // The sync process is killed when the server has read its POST number
  // kill_at (in the second batch) and before the server answers it: the
  // first batch's acknowledgements are marked, the second's are not.
  const int kill_at = kiosk::sync::kClaimBatch + 13;
  std::atomic<int> posts{0};
  std::atomic<pid_t> victim{-1};
  server.set_on_post([&] {
    if (++posts == kill_at) ::kill(victim.load(), SIGKILL);
  });
  Child child = spawn({ctl, "--config", config.string(), "sync"});
  victim = child.pid;
  int status = 0;
  reap(child, &status);
  REQUIRE(WIFSIGNALED(status));
  REQUIRE(WTERMSIG(status) == SIGKILL);
  // The server still stores POST kill_at after the kill (its handler goes
  // on); wait for that, so that the counts below do not race it.
  for (int i = 0; i < 200 && server.stored().size() < static_cast<size_t>(kill_at); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  server.set_on_post({});

  {
    auto box = kiosk::outbox::Outbox::open(dir / "data").value();  // recovers the dead process's claims
    const auto stored = server.stored();
    CHECK(stored.size() == static_cast<size_t>(kill_at));  // the last one stored, its answer unread
    const auto c = box->counts().value();
    CHECK(c.sent == kiosk::sync::kClaimBatch);  // marked with the first batch
    CHECK(c.sending == 0);
    CHECK(c.queued == n - kiosk::sync::kClaimBatch);
    int interrupted = 0;
    const auto records = box->list(1000).value();
    for (const auto& r : records) {
      INFO(r.instance_id);
      if (r.state == kiosk::outbox::State::sent) CHECK(stored.count(r.instance_id) == 1);
      if (r.last_error.find("interrupted") != std::string::npos) ++interrupted;
    }
    CHECK(interrupted == kiosk::sync::kClaimBatch);  // the killed batch, back in the queue
  }
  // A new pass resends the killed batch's acknowledged records byte-identical
  // (acknowledged again, no conflict) and sends the rest: each record on the
  // server exactly once.
  auto box = kiosk::outbox::Outbox::open(dir / "data").value();
  auto rep = kiosk::sync::run_pass(*box, odk_test::loopback_settings(server.url())).value();
  CHECK(rep.run.outcome == kiosk::sync::Outcome::ok);
  CHECK(box->counts().value().sent == n);
  const auto stored = server.stored();
  CHECK(stored.size() == static_cast<size_t>(n));
  const auto records = box->list(1000).value();
  for (const auto& r : records) CHECK(stored.count(r.instance_id) == 1);
  CHECK(server.duplicate_count() == kill_at - kiosk::sync::kClaimBatch);
  CHECK(server.conflict_count() == 0);
  CHECK(server.problems().empty());
}

TEST_CASE("SIGKILL at random points while enqueueing and syncing loses and duplicates nothing",
          "[slow][crash]") {
  const std::string ctl = std::string(KIOSK_BINARY_DIR) + "/ctl/asylum-kioskctl";
  REQUIRE(fs::exists(ctl));
  int iterations = 120;
  if (const char* e = std::getenv("KIOSK_CRASH_ITERATIONS")) iterations = std::atoi(e);

  odk_test::FakeCentral server;
  server.slow_ms = 40;
  server.hang_ms = 1300;  // past the 1 s request timeout below
  server.set_random_faults(0.3, 99,
                           {Fault::error500, Fault::captive200, Fault::store_then_hang, Fault::slow,
                            Fault::slow, Fault::accept202});

  const fs::path dir = odk_test::fresh_dir("crash");
  const fs::path config = write_site(dir, server.url());
  const std::vector<std::string> enqueue = {ctl, "--config", config.string(), "queue", "test-submission",
                                            "--count", "15"};
  const std::vector<std::string> sync = {ctl, "--config", config.string(), "sync"};

  std::mt19937 rng(20261121);
  std::set<std::string> committed;  // reported by a child after its COMMIT
  std::set<std::string> verified;   // decrypted and checked once
  int kills = 0;
  int sending_recovered = 0;
  for (int it = 0; it < iterations; ++it) {
    const int mode = static_cast<int>(rng() % 3);  // 0 enqueue, 1 sync, 2 both at once
    std::vector<Child> kids;
    if (mode != 1) kids.push_back(spawn(enqueue));
    if (mode != 0) kids.push_back(spawn(sync));
    ::usleep(static_cast<useconds_t>(5000 + rng() % 250000));
    for (auto& k : kids) kills += ::kill(k.pid, SIGKILL) == 0 ? 1 : 0;
    for (auto& k : kids) {
      const auto ids = committed_ids(reap(k));
      committed.insert(ids.begin(), ids.end());
    }

    // A raw look first: were records left "sending" by the killed process?
    // Then reopen as the kiosk would after a restart.
    auto box = kiosk::outbox::Outbox::open(dir / "data");
    REQUIRE(box.ok());
    INFO("iteration " << it);
    REQUIRE((*box)->check_integrity().value() == "ok");
    const auto records = (*box)->list(100000).value();
    std::set<std::string> present;
    const auto stored = server.stored();
    for (const auto& r : records) {
      present.insert(r.instance_id);
      CHECK(r.state != kiosk::outbox::State::sending);  // recovered on open
      if (r.state == kiosk::outbox::State::sent) CHECK(stored.count(r.instance_id) == 1);
      if (r.last_error.find("interrupted") != std::string::npos) ++sending_recovered;
      if (!verified.count(r.instance_id)) {
        auto rec = (*box)->load(r.instance_id).value().value();
        auto opened = odk_test::open_submission(rec.sealed.manifest_xml, rec.sealed.encrypted_xml);
        CHECK(opened.ok);
        CHECK(opened.signature_ok);
        CHECK(opened.xml.find("TEST RECORD") != std::string::npos);
        verified.insert(r.instance_id);
      }
    }
    for (const auto& id : committed) CHECK(present.count(id) == 1);
    CHECK(server.problems().empty());
    CHECK(server.conflict_count() == 0);
  }

  // Calm network: sync until done; every record on the server exactly once.
  server.set_random_faults(0, 1, {Fault::none});
  int status = 0;
  for (int i = 0; i < 20; ++i) {
    reap(spawn(sync), &status);
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) break;
  }
  CHECK((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  auto box = kiosk::outbox::Outbox::open(dir / "data").value();
  const auto records = box->list(100000).value();
  const auto stored = server.stored();
  CHECK(records.size() == stored.size());
  for (const auto& r : records) {
    CHECK(r.state == kiosk::outbox::State::sent);
    CHECK(stored.count(r.instance_id) == 1);
  }
  for (const auto& id : committed) CHECK(stored.count(id) == 1);
  CHECK(server.conflict_count() == 0);
  WARN("crash test: " << iterations << " iterations, " << kills << " processes killed, "
                      << committed.size() << " records reported committed, " << records.size()
                      << " in the outbox, " << server.posts_count() << " POSTs, "
                      << server.duplicate_count() << " duplicate acknowledgements, "
                      << sending_recovered << " record-checks saw an interrupted send recovered");
  CHECK(kills >= iterations);
  CHECK(records.size() >= committed.size());
}
