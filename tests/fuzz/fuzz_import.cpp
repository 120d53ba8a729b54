// USB import: kiosk::outbox::import_records on an export whose index,
// submission.xml and submission.xml.enc are arbitrary. The input is the
// three files separated by a line "====" (missing parts are left out).
#include "fuzz_common.hpp"
#include "outbox/outbox.hpp"
#include "outbox/transfer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static auto box = kiosk::outbox::Outbox::open(fuzz::scratch() / "outbox");
  if (!box) return 0;
  std::string_view rest = fuzz::as_view(data, size);
  std::string parts[3];
  for (auto& p : parts) {
    const size_t cut = rest.find("\n====\n");
    p = std::string(rest.substr(0, cut));
    rest = cut == std::string_view::npos ? std::string_view{} : rest.substr(cut + 6);
  }
  const auto root = fuzz::scratch() / "usb" / "odk";
  std::error_code ec;
  std::filesystem::remove_all(fuzz::scratch() / "usb", ec);
  const auto inst = root / "instances" / "asylum_petition_fuzz";
  std::filesystem::create_directories(inst, ec);
  if (!parts[0].empty()) fuzz::write_file(root / "asylum-kiosk-export.json", parts[0]);
  if (!parts[1].empty()) fuzz::write_file(inst / "submission.xml", parts[1]);
  if (!parts[2].empty()) fuzz::write_file(inst / "submission.xml.enc", parts[2]);
  (void)kiosk::outbox::import_records(**box, fuzz::scratch() / "usb");
  return 0;
}
