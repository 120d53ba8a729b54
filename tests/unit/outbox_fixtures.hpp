// Test helpers shared by the outbox, sync and crash tests.
#pragma once

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "outbox/outbox.hpp"
#include "seal/seal.hpp"
#include "loopback_settings.hpp"

namespace odk_test {

inline const kiosk::seal::OfficeKey& demo_key() {
  static const kiosk::seal::OfficeKey key =
      kiosk::seal::OfficeKey::load_pem_file(std::string(KIOSK_SOURCE_DIR) + "/kiosk-config/demo-office-public.pem")
          .value();
  return key;
}

inline const kiosk::seal::FormRef& test_form() {
  static const kiosk::seal::FormRef f{"asylum_petition", "2026112101"};
  return f;
}

// A petition-like instance with typed answers (made-up test data).
inline std::string petition_xml(const std::string& instance_id, const std::string& name,
                                const std::string& story) {
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<data id=\"asylum_petition\" version=\"2026112101\">"
         "<applicant><full_name>" + name + "</full_name><story>" + story +
         "</story></applicant><meta><instanceID>" + instance_id + "</instanceID></meta></data>\n";
}

// A fresh empty directory under the temp dir.
inline std::filesystem::path fresh_dir(const std::string& name) {
  const auto d = std::filesystem::temp_directory_path() /
                 ("kiosk-outbox-test-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

// What a test site.toml in `dir` names: the demo office's public key as
// key.pem and an app-user token in `credentials` (mode 0600).
inline void write_key_and_credentials(const std::filesystem::path& dir) {
  std::filesystem::copy_file(std::string(KIOSK_SOURCE_DIR) + "/kiosk-config/demo-office-public.pem", dir / "key.pem",
                             std::filesystem::copy_options::overwrite_existing);
  { std::ofstream(dir / "credentials") << "testtoken\n"; }
  ::chmod((dir / "credentials").c_str(), 0600);
}

// The [site] (an airport of the Almaty office) and [staff] tables a test
// site.toml starts with; the PIN hash is of a made-up PIN.
inline std::string airport_site_toml(const std::string& site_id) {
  return std::string("[site]\nid = \"") + site_id + "\"\nkind = \"airport\"\noffice = \"desp-almaty\"\n"
         "[staff]\npin_hash = \"pbkdf2-sha256$1000$ZmljdGl0aW91cy1zYWx0IQ==$/bOA1KlQLBYixDlR773EOwczibh50Jiou6DypZx6XXw=\"\n";
}

// Enqueues one petition; returns its instanceID.
inline std::string enqueue_one(kiosk::outbox::Outbox& box, const std::string& name = "Test Person",
                               const std::string& story = "test story") {
  const std::string id = kiosk::seal::new_instance_id();
  std::string xml = petition_xml(id, name, story);
  auto r = box.enqueue(demo_key(), xml, id, test_form());
  if (!r) throw std::runtime_error(r.error().message);
  return id;
}

}  // namespace odk_test
