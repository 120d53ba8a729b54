// Staff PIN and demo secrets (issue 18): the lockout survives a restart,
// check-config refuses malformed or weak PIN hashes and the demo's key and
// PIN outside a demo, and key files are read only if they are regular files.
#include <catch2/catch.hpp>
#include <sys/stat.h>

#include <fstream>
#include <future>

#include "config/config.hpp"
#include "odk_decrypt.hpp"
#include "outbox_fixtures.hpp"
#include "seal/seal.hpp"
#include "staff/pin.hpp"
#include "staff/secrets.hpp"

using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// What a lockout test starts with: the lockout file in a fresh directory, the
// hash of the right PIN (246813) and the time the test starts.
struct LockoutRig {
  fs::path file;
  std::string hash;
  kiosk::PinGate::Clock::time_point t0;
};

LockoutRig lockout_rig(const std::string& dir_name) {
  const fs::path file = odk_test::fresh_dir(dir_name) / "pin-lockout";
  const std::string hash = *kiosk::hash_pin("246813", 1000);
  return {file, hash, kiosk::PinGate::Clock::now()};
}

}  // namespace

TEST_CASE("the PIN lockout is kept in data_dir and survives a restart", "[staff][faults]") {
  const auto [file, hash, t0] = lockout_rig("pin-lock");
  {
    kiosk::PinGate gate(5, 300s, file, t0);
    for (int i = 0; i < 5; ++i) CHECK_FALSE(gate.attempt("000000", hash, t0));
    CHECK(gate.locked(t0));
  }
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  CHECK((st.st_mode & 077) == 0);
  // "Restart": a new gate from the same file is still locked; the right PIN is refused.
  const auto t1 = kiosk::PinGate::Clock::now();
  kiosk::PinGate again(5, 300s, file, t1);
  CHECK(again.locked(t1));
  CHECK(again.remaining(t1) > 290s);
  CHECK_FALSE(again.attempt("246813", hash, t1));
  // After the lockout it opens.
  CHECK(again.attempt("246813", hash, t1 + 301s));
}

TEST_CASE("wrong PINs before a restart still count after it", "[staff][faults]") {
  const auto [file, hash, t0] = lockout_rig("pin-count");
  {
    kiosk::PinGate gate(3, 60s, file, t0);
    CHECK_FALSE(gate.attempt("1", hash, t0));
    CHECK_FALSE(gate.attempt("2", hash, t0));
  }
  kiosk::PinGate gate(3, 60s, file, t0);
  CHECK_FALSE(gate.attempt("3", hash, t0));
  CHECK(gate.locked(t0));
  // A damaged state file keeps the door locked (for one lockout), never open.
  { std::ofstream(file) << "garbage"; }
  kiosk::PinGate damaged(3, 60s, file, t0);
  CHECK(damaged.locked(t0));
}

TEST_CASE("check-config's PIN hash check: malformed and weak hashes are refused", "[staff][faults]") {
  CHECK(kiosk::pin_hash_problem(*kiosk::hash_pin("246813")).empty());
  CHECK(kiosk::pin_hash_problem("pbkdf2-sha256$1000$AAAA$BBBB").find("not a valid") != std::string::npos);
  CHECK(kiosk::pin_hash_problem("pbkdf2-sha256$abc$x$y").find("not a valid") != std::string::npos);
  CHECK(kiosk::pin_hash_problem("pbkdf2-sha256$$$").find("not a valid") != std::string::npos);
  CHECK(kiosk::pin_hash_problem("pbkdf2-sha256$200000$AAAA$BBBB$CCCC").find("not a valid") != std::string::npos);
  const auto weak = *kiosk::hash_pin("246813", 1000);
  CHECK(kiosk::pin_hash_problem(weak).find("too weak") != std::string::npos);
  CHECK(kiosk::verify_pin("246813", weak));  // still verifies: only check-config refuses it
}

namespace {

kiosk::Config demo_copy(const fs::path& dir, const std::string& site_id) {
  fs::copy_file(std::string(KIOSK_SOURCE_DIR) + "/kiosk-config/demo-office-public.pem",
                dir / "demo-office-public.pem", fs::copy_options::overwrite_existing);
  std::string text = odk_test::read_file(std::string(KIOSK_SOURCE_DIR) + "/kiosk-config/demo.toml");
  const auto at = text.find("id = \"demo-almaty-desp\"");
  REQUIRE(at != std::string::npos);
  text.replace(at, std::string("id = \"demo-almaty-desp\"").size(), "id = \"" + site_id + "\"");
  std::ofstream(dir / "site.toml") << text;
  return kiosk::load_config(dir / "site.toml").value();
}

}  // namespace

TEST_CASE("the demo key and demo PIN are refused outside a demo", "[staff][faults]") {
  const auto dir = odk_test::fresh_dir("demo-secrets");
  const auto demo = demo_copy(dir, "demo-almaty-desp");
  CHECK(kiosk::is_demo_site(demo));
  CHECK(kiosk::demo_secret_problems(demo).empty());
  const auto real = demo_copy(dir, "almaty-airport-1");
  CHECK_FALSE(kiosk::is_demo_site(real));
  const auto problems = kiosk::demo_secret_problems(real);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0].find("demo office key") != std::string::npos);
  CHECK(problems[1].find("1357") != std::string::npos);
  // The demo key's fingerprint is the one written in the code.
  CHECK(odk_test::demo_key().fingerprint() == kiosk::kDemoOfficeKeyFingerprint);
}

TEST_CASE("a FIFO as the key path is refused at once, not read forever", "[seal][faults]") {
  const auto dir = odk_test::fresh_dir("key-fifo");
  const auto fifo = dir / "key.pem";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  auto done = std::async(std::launch::async, [&] { return kiosk::seal::OfficeKey::load_pem_file(fifo); });
  REQUIRE(done.wait_for(5s) == std::future_status::ready);
  auto r = done.get();
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().message.find("not a regular file") != std::string::npos);
  // The config check of the key path too.
  auto cfg = demo_copy(dir, "almaty-airport-1");
  fs::remove(dir / "demo-office-public.pem");
  REQUIRE(::mkfifo((dir / "demo-office-public.pem").c_str(), 0600) == 0);
  kiosk::Config out;
  auto check = std::async(std::launch::async, [&] { return kiosk::check_config(dir / "site.toml", out); });
  REQUIRE(check.wait_for(5s) == std::future_status::ready);
  bool named = false;
  for (const auto& p : check.get()) named = named || p.describe().find("not a regular file") != std::string::npos;
  CHECK(named);
}
