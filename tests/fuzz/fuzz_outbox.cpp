// A damaged outbox file: the input is outbox.sqlite; open it (migrations,
// recovery) and read every record as sync, export, listing and the
// integrity check do. Nothing may crash; damaged records are set aside.
#include "fuzz_common.hpp"
#include "outbox/outbox.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto dir = fuzz::scratch() / "damaged";
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
  std::filesystem::create_directories(dir, ec);
  fuzz::write_file(dir / "outbox.sqlite", fuzz::as_view(data, size));
  auto box = kiosk::outbox::Outbox::open(dir);
  if (!box) return 0;
  auto& b = **box;
  (void)b.counts();
  (void)b.list(1000);
  (void)b.check_integrity();
  (void)b.records_for_export(true);
  if (auto claimed = b.claim_due(kiosk::outbox::now_ms(), 1000); claimed)
    for (const auto& r : *claimed) (void)b.release(r.info.id);
  (void)b.next_due_at();
  (void)b.last_sync_run();
  return 0;
}
