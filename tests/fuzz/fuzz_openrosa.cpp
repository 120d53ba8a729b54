// OpenRosa answers: classify_submission / classify_preflight of an arbitrary
// status, body, transport error and X-OpenRosa-Accept-Content-Length, and
// parse_server_reply (Central JSON problems, OpenRosa XML messages) of the body.
// Bytes 0-1: status; then body, transport and header separated by 0x00.
#include "fuzz_common.hpp"
#include "sync/sync.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  kiosk::sync::Answer a;
  a.status = (data[0] << 8 | data[1]) % 700;
  std::string_view rest = fuzz::as_view(data + 2, size - 2);
  std::string* fields[] = {&a.body, &a.transport, &a.accept_content_length};
  for (std::string* f : fields) {
    const size_t cut = rest.find('\0');
    *f = std::string(rest.substr(0, cut));
    rest = cut == std::string_view::npos ? std::string_view{} : rest.substr(cut + 1);
  }
  (void)kiosk::sync::classify_submission(a);
  (void)kiosk::sync::classify_preflight(a);
  (void)kiosk::sync::parse_accept_limit(a.accept_content_length);
  (void)kiosk::sync::parse_server_reply(a.body);
  return 0;
}
