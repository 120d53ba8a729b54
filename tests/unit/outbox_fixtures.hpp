// Test helpers shared by the outbox, sync and crash tests.
#pragma once

#include <filesystem>
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
