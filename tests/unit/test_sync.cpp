// OpenRosa sync against a loopback test server that decrypts and checks
// every submission: errors, timeouts, resets, captive portals, slow and
// duplicate acknowledgements, 409, auth, offline, worker thread.
#include <catch2/catch.hpp>

#include <random>
#include <set>

#include "fake_openrosa.hpp"
#include "outbox_fixtures.hpp"
#include "sync_rig.hpp"
#include "sync/sync.hpp"

namespace {

// Every record sent, each stored once on the server with its exact plaintext.
void check_all_delivered_once(Outbox& box, const FakeCentral& server, const std::map<std::string, std::string>& sent_xml) {
  const auto stored = server.stored();
  CHECK(stored.size() == sent_xml.size());
  for (const auto& [id, xml] : sent_xml) {
    INFO(id);
    auto it = stored.find(id);
    REQUIRE(it != stored.end());
    CHECK(it->second.xml == xml);
    CHECK(box.find(id).value()->state == State::sent);
  }
  CHECK(server.problems().empty());
  CHECK(server.conflict_count() == 0);
}

std::map<std::string, std::string> enqueue_n(Outbox& box, int n) {
  std::map<std::string, std::string> out;
  for (int i = 0; i < n; ++i) {
    const std::string id = kiosk::seal::new_instance_id();
    const std::string xml = odk_test::petition_xml(id, "Person " + std::to_string(i), "Story " + std::to_string(i));
    std::string copy = xml;
    REQUIRE(box.enqueue(odk_test::demo_key(), copy, id, odk_test::test_form()).ok());
    out[id] = xml;
  }
  return out;
}

}  // namespace

TEST_CASE("answers are classified as OpenRosa requires", "[sync]") {
  const std::string ack = "<OpenRosaResponse xmlns=\"http://openrosa.org/http/response\"/>";
  auto v = [&](int status, std::string body = {}) {
    return ks::classify_submission({status, std::move(body), {}, {}}).verdict;
  };
  CHECK(v(201, ack) == ks::Verdict::sent);
  CHECK(v(202, ack) == ks::Verdict::sent);
  CHECK(v(201, "ok") == ks::Verdict::retry);        // no OpenRosaResponse
  CHECK(v(200, ack) == ks::Verdict::retry);         // 200 is never success
  CHECK(v(302) == ks::Verdict::retry);
  CHECK(v(409) == ks::Verdict::permanent);
  CHECK(v(413) == ks::Verdict::permanent);
  CHECK(v(400) == ks::Verdict::permanent);
  CHECK(v(401) == ks::Verdict::stop_release);
  CHECK(v(403) == ks::Verdict::stop_release);
  CHECK(v(404) == ks::Verdict::retry);  // one form missing: this record waits, the pass goes on
  CHECK(v(500) == ks::Verdict::retry);
  CHECK(v(503) == ks::Verdict::retry);
  CHECK(v(429) == ks::Verdict::retry);
  CHECK(v(0) == ks::Verdict::retry);
  CHECK(ks::classify_submission({0, {}, "Read", {}}).network);
  CHECK(ks::classify_submission({200, "<html>", {}, {}}).outcome == ks::Outcome::captive_portal);
  auto p = [&](int status) { return ks::classify_preflight({status, {}, {}, {}}); };
  CHECK(p(204).verdict == ks::Verdict::sent);
  CHECK(p(200).outcome == ks::Outcome::captive_portal);
  CHECK(p(302).outcome == ks::Outcome::redirect);
  CHECK(p(403).outcome == ks::Outcome::auth);
  CHECK(p(0).outcome == ks::Outcome::offline);
  CHECK(p(500).outcome == ks::Outcome::server);
}

TEST_CASE("sync outcomes have one name each, the words stored and printed since the first build", "[sync]") {
  using O = ks::Outcome;
  const std::pair<O, const char*> names[] = {
      {O::ok, "ok"},           {O::nothing_to_do, "nothing_to_do"}, {O::rejected, "rejected"},
      {O::offline, "offline"}, {O::tls, "tls"},                     {O::captive_portal, "captive_portal"},
      {O::redirect, "redirect"}, {O::auth, "auth"},                 {O::config, "config"},
      {O::form_closed, "form_closed"}, {O::server, "server"},       {O::stopped, "stopped"},
      {O::storage, "storage"}, {O::form_refused, "form_refused"},   {O::unknown, "unknown"}};
  for (const auto& [outcome, name] : names) {
    INFO(name);
    CHECK(std::string(ks::to_string(outcome)) == name);
    CHECK(ks::outcome_from(name) == outcome);
  }
  // A name this build does not know (a newer build, a damaged row) is "unknown".
  CHECK(ks::outcome_from("something_new") == O::unknown);
  CHECK(ks::outcome_from("") == O::unknown);
  CHECK(ks::outcome_from("OK") == O::unknown);
  CHECK(ks::outcome_from("ok ") == O::unknown);
}

TEST_CASE("backoff doubles from 60 s with up to 25 % jitter and a cap", "[sync]") {
  ks::Settings s;
  CHECK(ks::backoff_ms(s, 1, 0.0) == 60000);
  CHECK(ks::backoff_ms(s, 1, 1.0) == 75000);
  CHECK(ks::backoff_ms(s, 2, 0.0) == 120000);
  CHECK(ks::backoff_ms(s, 5, 0.0) == 960000);
  CHECK(ks::backoff_ms(s, 30, 0.0) == 6LL * 3600 * 1000);
  CHECK(ks::backoff_ms(s, 30, 0.5) == static_cast<int64_t>(6LL * 3600 * 1000 * 1.125));
}

TEST_CASE("submission URLs for Central token, Central basic and Kobo, secrets never described", "[sync]") {
  ks::Settings s;
  s.server_url = "https://central.example.org/odk";
  s.project_id = 7;
  s.secret = "s3cr3tToken";
  CHECK(ks::submission_path(s) == "/odk/v1/key/s3cr3tToken/projects/7/submission");
  CHECK(ks::describe_target(s).find("s3cr3t") == std::string::npos);
  s.auth = "basic";
  s.secret = "kiosk:pw";
  CHECK(ks::submission_path(s) == "/odk/v1/projects/7/submission");
  s.kind = "kobo";
  s.server_url = "https://kc.kobotoolbox.org";
  CHECK(ks::submission_path(s) == "/submission");
}

TEST_CASE("sync sends every record with a HEAD preflight and multipart OpenRosa POST", "[sync]") {
  SyncRig rig("sync-happy", RigClock::real);
  auto& [server, clock, box, s] = rig;
  const auto xml = enqueue_n(*box, 5);
  auto rep = ks::run_pass(*box, s);
  REQUIRE(rep.ok());
  CHECK(rep->run.outcome == ks::Outcome::ok);
  CHECK(rep->run.sent == 5);
  CHECK(server.posts_count() == 5);
  check_all_delivered_once(*box, server, xml);
  CHECK(box->last_sync_run().value()->sent == 5);
  // Nothing left: the next pass does not even contact the server.
  const int posts = server.posts_count();
  CHECK(ks::run_pass(*box, s).value().run.outcome == ks::Outcome::nothing_to_do);
  CHECK(server.posts_count() == posts);
}

TEST_CASE("a 500 is retried after the backoff, not before", "[sync]") {
  SyncRig rig("sync-500");
  auto& [server, clock, box, s] = rig;
  const auto xml = enqueue_n(*box, 2);
  server.script({Fault::error500});
  s.jitter = [] { return 0.0; };
  auto rep = ks::run_pass(*box, s).value();
  CHECK(rep.run.outcome == ks::Outcome::server);
  CHECK(rep.run.retry == 1);
  CHECK(rep.run.sent == 0);  // the pass stopped after the server error
  const auto first = rep.records.at(0).instance_id;
  auto info = box->find(first).value().value();
  CHECK(info.state == State::queued);
  CHECK(info.attempts == 1);
  CHECK(info.last_http_status == 500);
  CHECK(info.next_attempt_at == clock.now + 60000);
  // The other record is still due; the failed one is not.
  rep = ks::run_pass(*box, s).value();
  CHECK(rep.run.sent == 1);
  CHECK(box->find(first).value()->state == State::queued);
  clock.advance(60001);
  rep = ks::run_pass(*box, s).value();
  CHECK(rep.run.sent == 1);
  CHECK(box->find(first).value()->attempts == 2);
  check_all_delivered_once(*box, server, xml);
}

TEST_CASE("captive portals: a 200 preflight sends nothing, a 200 or 302 POST is not success", "[sync]") {
  SyncRig rig("sync-captive");
  auto& [server, clock, box, s] = rig;
  const auto xml = enqueue_n(*box, 2);
  server.set_head_status(200);
  auto rep = ks::run_pass(*box, s).value();
  CHECK(rep.run.outcome == ks::Outcome::captive_portal);
  CHECK(server.posts_count() == 0);
  CHECK(box->counts()->queued == 2);
  for (const auto& [id, x] : xml) CHECK(box->find(id).value()->attempts == 0);

  server.set_head_status(204);
  server.script({Fault::captive200, Fault::redirect302, Fault::created_no_body});
  for (int i = 0; i < 3; ++i) {
    rep = ks::run_pass(*box, s).value();
    CHECK(rep.run.outcome == (i == 1 ? ks::Outcome::redirect : ks::Outcome::captive_portal));
    CHECK(rep.run.sent == 0);
    clock.advance(3600 * 1000);
  }
  CHECK(server.stored().empty());
  CHECK(box->counts()->sent == 0);
  rep = ks::run_pass(*box, s).value();
  CHECK(rep.run.sent == 2);
  check_all_delivered_once(*box, server, xml);
}

TEST_CASE("a timeout after the server stored the record: the identical resend is acknowledged once", "[sync]") {
  SyncRig rig("sync-timeout");
  auto& [server, clock, box, s] = rig;
  server.hang_ms = 1200;  // the client's read timeout is 500 ms
  const auto xml = enqueue_n(*box, 1);
  server.script({Fault::store_then_hang});
  auto rep = ks::run_pass(*box, s).value();
  CHECK(rep.run.retry == 1);
  CHECK(rep.run.outcome == ks::Outcome::offline);
  CHECK(server.stored().size() == 1);  // the server has it, the kiosk does not know
  CHECK(box->counts()->queued == 1);
  clock.advance(2 * 3600 * 1000);
  rep = ks::run_pass(*box, s).value();
  CHECK(rep.run.sent == 1);
  CHECK(server.duplicate_count() == 1);  // same instanceID, same bytes: accepted again
  check_all_delivered_once(*box, server, xml);
}

TEST_CASE("a slow answer within the timeout is fine, 202 counts as success", "[sync]") {
  SyncRig rig("sync-slow", RigClock::real);
  auto& [server, clock, box, s] = rig;
  server.slow_ms = 300;
  const auto xml = enqueue_n(*box, 2);
  server.script({Fault::slow, Fault::accept202});
  auto rep = ks::run_pass(*box, s).value();
  CHECK(rep.run.sent == 2);
  check_all_delivered_once(*box, server, xml);
}

TEST_CASE("409 and 413 need staff and are not retried, 401 stops the pass without counting", "[sync]") {
  SyncRig rig("sync-409");
  auto& [server, clock, box, s] = rig;
  const auto xml = enqueue_n(*box, 3);
  auto rep = odk_test::auth_refused_pass(rig, Fault::unauthorized401, 3);
  CHECK(box->counts()->queued == 3);

  server.script({Fault::conflict409, Fault::too_large413});
  rep = ks::run_pass(*box, s).value();
  CHECK(rep.run.failed_permanent == 2);
  CHECK(rep.run.sent == 1);
  CHECK(rep.run.outcome == ks::Outcome::rejected);
  CHECK(box->counts()->failed_permanent == 2);
  clock.advance(10LL * 86400 * 1000);
  const int posts = server.posts_count();
  rep = ks::run_pass(*box, s).value();
  CHECK(server.posts_count() == posts);  // never retried by itself
  // Staff requeue after fixing things on the server: then they go.
  REQUIRE(box->requeue_failed(clock.now).value() == 2);
  rep = ks::run_pass(*box, s).value();
  CHECK(rep.run.sent == 2);
  check_all_delivered_once(*box, server, xml);
}

TEST_CASE("a wrong token is refused with 403 and nothing is marked", "[sync]") {
  SyncRig rig("sync-403", RigClock::real);
  auto& [server, clock, box, s] = rig;
  enqueue_n(*box, 1);
  s.secret = "wrong";
  auto rep = ks::run_pass(*box, s).value();
  CHECK(rep.run.outcome == ks::Outcome::auth);
  CHECK(rep.run.message.find("wrong") == std::string::npos);  // no secret in messages
  CHECK(server.posts_count() == 0);
  CHECK(box->counts()->queued == 1);
}

TEST_CASE("connection resets and an unreachable server: retried, resumed when the network returns", "[sync]") {
  odk_test::FakeClock clock;
  auto box = open_box("sync-reset");
  const auto xml = enqueue_n(*box, 3);
  {
    odk_test::ResetServer reset;
    auto rep = ks::run_pass(*box, odk_test::loopback_settings(reset.url(), &clock)).value();
    CHECK(rep.run.outcome == ks::Outcome::offline);
    CHECK(rep.run.retry == 1);
    CHECK(reset.resets == 1);
  }
  // Now nothing listens at all: the preflight fails, no record is touched.
  const int port = odk_test::unused_port();
  auto down = odk_test::loopback_settings("http://127.0.0.1:" + std::to_string(port), &clock);
  auto before = box->list().value();
  auto rep = ks::run_pass(*box, down).value();
  CHECK(rep.run.outcome == ks::Outcome::offline);
  CHECK(rep.records.empty());
  auto after = box->list().value();
  for (size_t i = 0; i < before.size(); ++i) CHECK(after[i].attempts == before[i].attempts);
  // The network comes back (same address), WITHOUT the clock moving: the
  // record that failed with a reset is woken too (collect#6120).
  FakeCentral server(port);
  rep = ks::run_pass(*box, down).value();
  CHECK(rep.run.outcome == ks::Outcome::ok);
  CHECK(rep.run.sent == 3);
  check_all_delivered_once(*box, server, xml);
}

TEST_CASE("many records through random faults: each delivered exactly once", "[sync]") {
  SyncRig rig("sync-random");
  auto& [server, clock, box, s] = rig;
  server.hang_ms = 700;
  server.slow_ms = 50;
  server.set_random_faults(0.35, 1234,
                           {Fault::error500, Fault::captive200, Fault::store_then_hang, Fault::slow,
                            Fault::accept202, Fault::redirect302, Fault::created_no_body});
  const auto xml = enqueue_n(*box, 40);
  s.read_timeout = std::chrono::milliseconds(400);
  int passes = 0;
  while (box->counts()->sent < 40 && passes < 400) {
    REQUIRE(ks::run_pass(*box, s).ok());
    clock.advance(2 * 3600 * 1000);
    ++passes;
  }
  CHECK(box->counts()->sent == 40);
  check_all_delivered_once(*box, server, xml);
  for (const auto& [id, st] : server.stored()) CHECK(st.acks >= 1);
  CHECK(server.posts_count() > 40);  // faults really happened
}

TEST_CASE("after a restart the queue is sent by a new process-lifetime outbox", "[sync]") {
  FakeCentral server;
  const auto dir = odk_test::fresh_dir("sync-restart");
  std::map<std::string, std::string> xml;
  {
    auto box = Outbox::open(dir).value();
    xml = enqueue_n(*box, 3);
  }
  auto box = Outbox::open(dir).value();
  auto rep = ks::run_pass(*box, odk_test::loopback_settings(server.url())).value();
  CHECK(rep.run.sent == 3);
  check_all_delivered_once(*box, server, xml);
}

TEST_CASE("the background worker never blocks the caller and resumes when the server appears", "[sync]") {
  const int port = odk_test::unused_port();
  auto box = open_box("sync-worker");
  auto xml = enqueue_n(*box, 3);
  auto s = odk_test::loopback_settings("http://127.0.0.1:" + std::to_string(port));
  s.poll_interval = std::chrono::milliseconds(150);
  s.read_timeout = std::chrono::milliseconds(3000);
  s.retry_base = std::chrono::milliseconds(100);
  ks::Worker worker(*box, s);
  worker.start();
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  auto snap = worker.snapshot();
  CHECK(snap.running);
  REQUIRE(snap.last.has_value());
  CHECK(snap.last->outcome == ks::Outcome::offline);
  CHECK(box->counts()->sent == 0);

  FakeCentral server(port);  // the network returns; nobody calls sync_now()
  server.slow_ms = 800;
  server.set_fallback(Fault::slow);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  bool saw_busy = false;
  int64_t worst_ms = 0;
  while (box->counts()->sent < 3 && std::chrono::steady_clock::now() < deadline) {
    // What the UI does while a slow POST is in flight: enqueue and read status.
    const auto t0 = std::chrono::steady_clock::now();
    saw_busy = saw_busy || worker.snapshot().busy;
    if (saw_busy && xml.size() == 3) {
      auto more = enqueue_n(*box, 1);
      xml.insert(more.begin(), more.end());
    }
    worst_ms = std::max<int64_t>(worst_ms, std::chrono::duration_cast<std::chrono::milliseconds>(
                                               std::chrono::steady_clock::now() - t0).count());
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  CHECK(saw_busy);
  CHECK(worst_ms < 300);  // slow POSTs take 800 ms; the caller never waited for one
  server.set_fallback(Fault::none);
  worker.sync_now();
  const auto deadline2 = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (box->counts()->sent < static_cast<int>(xml.size()) && std::chrono::steady_clock::now() < deadline2)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  worker.stop();
  CHECK_FALSE(worker.snapshot().running);
  check_all_delivered_once(*box, server, xml);
}

TEST_CASE("stopping the worker aborts a request in flight promptly", "[sync]") {
  SyncRig rig("sync-stop", RigClock::real);
  auto& [server, clock, box, s] = rig;
  server.hang_ms = 2000;
  server.set_fallback(Fault::store_then_hang);
  enqueue_n(*box, 1);
  s.read_timeout = std::chrono::milliseconds(10000);
  ks::Worker worker(*box, s);
  worker.start();
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (server.stored().empty() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  REQUIRE(server.stored().size() == 1);
  const auto t0 = std::chrono::steady_clock::now();
  worker.stop();
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(1500));
  auto info = box->list().value().at(0);
  CHECK(info.state == State::queued);  // not acknowledged: will be resent (identical)
}

TEST_CASE("acknowledgements are marked sent per batch, and a pass stopped mid-batch still marks what was acknowledged",
          "[sync]") {
  SyncRig rig("sync-batch-cancel", RigClock::real);
  auto& [server, clock, box, s] = rig;
  const int n = ks::kClaimBatch + 20;
  const auto xml = enqueue_n(*box, n);
  // The server sees the records one by one; when it has the 40th (in the
  // second batch), the kiosk is asked to stop. The 40th is still answered
  // (201), the rest of that batch is released unsent.
  std::atomic<bool> cancel{false};
  std::atomic<int> posts{0};
  const int stop_at = ks::kClaimBatch + 8;
  server.on_post = [&] {
    if (++posts == stop_at) cancel = true;
  };
  auto rep = ks::run_pass(*box, s, {}, &cancel);
  REQUIRE(rep.ok());
  CHECK(rep->run.outcome == ks::Outcome::stopped);
  CHECK(rep->run.sent == stop_at);
  const auto counts = box->counts().value();
  CHECK(counts.sent == stop_at);    // all acknowledged ones marked, none more
  CHECK(counts.sending == 0);       // none left claimed
  CHECK(counts.queued == n - stop_at);
  const auto stored = server.stored();
  CHECK(stored.size() == static_cast<size_t>(stop_at));
  const auto records = box->list(1000).value();
  for (const auto& r : records) {
    INFO(r.instance_id);
    CHECK((r.state == State::sent) == (stored.count(r.instance_id) == 1));
    if (r.state == State::queued) CHECK(r.attempts == 0);  // released, no attempt counted
  }
  // The next pass sends the rest, each exactly once.
  server.on_post = nullptr;
  cancel = false;
  CHECK(ks::run_pass(*box, s).value().run.sent == n - stop_at);
  check_all_delivered_once(*box, server, xml);
  CHECK(server.duplicate_count() == 0);
}
