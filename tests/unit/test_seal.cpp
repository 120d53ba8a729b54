// ODK encrypted-form sealing: decrypted with the office's private key the
// way ODK Central does it, byte for byte.
#include <catch2/catch.hpp>

#include <set>

#include "odk_decrypt.hpp"
#include "outbox_fixtures.hpp"
#include "seal/seal.hpp"

using namespace kiosk::seal;

TEST_CASE("a sealed submission opens with the private key and keeps every byte", "[seal]") {
  const std::string id = new_instance_id();
  const std::string xml = odk_test::petition_xml(id, "Ахмад Карими / احمد کریمی", "Бежал 12.10.2026 & <угрозы>");
  auto sealed = seal_submission(odk_test::demo_key(), xml, id, odk_test::test_form());
  REQUIRE(sealed.ok());
  auto opened = odk_test::open_submission(sealed->manifest_xml, sealed->encrypted_xml);
  INFO(opened.why);
  REQUIRE(opened.ok);
  CHECK(opened.xml == xml);
  CHECK(opened.signature_ok);
  CHECK(opened.info.instance_id == id);
  CHECK(opened.info.form_id == "asylum_petition");
  CHECK(opened.info.form_version == "2026112101");
  CHECK(opened.info.encrypted_xml_file == "submission.xml.enc");
  // PKCS#7 always adds 1..16 bytes: the ciphertext is the next multiple of 16.
  CHECK(sealed->encrypted_xml.size() == (xml.size() / 16 + 1) * 16);
  // The manifest carries no answer.
  CHECK(sealed->manifest_xml.find("Ахмад") == std::string::npos);
  CHECK(sealed->manifest_xml.find("encrypted=\"yes\"") != std::string::npos);
  CHECK(sealed->manifest_xml.find("xmlns=\"http://www.opendatakit.org/xforms/encrypted\"") != std::string::npos);
}

TEST_CASE("a 16-byte-aligned plaintext gets a whole block of padding", "[seal]") {
  const std::string id = new_instance_id();
  const size_t base = odk_test::petition_xml(id, "", "").size();
  const std::string xml = odk_test::petition_xml(id, std::string((16 - base % 16) % 16 + 16, 'A'), "");
  REQUIRE(xml.size() % 16 == 0);
  auto sealed = seal_submission(odk_test::demo_key(), xml, id, odk_test::test_form());
  REQUIRE(sealed.ok());
  CHECK(sealed->encrypted_xml.size() == xml.size() + 16);
  CHECK(odk_test::open_submission(sealed->manifest_xml, sealed->encrypted_xml).xml == xml);
}

TEST_CASE("the record key is wrapped with OAEP SHA-256 and MGF1 SHA-256, not MGF1 SHA-1", "[seal]") {
  const std::string id = new_instance_id();
  auto sealed = seal_submission(odk_test::demo_key(), odk_test::petition_xml(id, "x", "y"), id, odk_test::test_form());
  REQUIRE(sealed.ok());
  auto info = parse_manifest(sealed->manifest_xml);
  REQUIRE(info.ok());
  const std::string wrapped = base64_decode(info->base64_encrypted_key).value();
  CHECK(wrapped.size() == 256);  // 2048-bit RSA
  odk_test::PrivateKey pk;
  std::string key;
  CHECK(odk_test::rsa_oaep_decrypt(pk.key, wrapped, key, EVP_sha256()));
  CHECK(key.size() == 32);
  std::string wrong;
  CHECK_FALSE(odk_test::rsa_oaep_decrypt(pk.key, wrapped, wrong, EVP_sha1()));
}

TEST_CASE("every seal uses a fresh key, instanceIDs are uuid v4", "[seal]") {
  std::set<std::string> ids, keys, ciphertexts;
  for (int i = 0; i < 20; ++i) {
    const std::string id = new_instance_id();
    CHECK(valid_instance_id(id));
    CHECK(id[19] == '4');
    ids.insert(id);
    auto s = seal_submission(odk_test::demo_key(), odk_test::petition_xml(id, "same", "same"), id, odk_test::test_form());
    REQUIRE(s.ok());
    keys.insert(parse_manifest(s->manifest_xml)->base64_encrypted_key);
    ciphertexts.insert(s->encrypted_xml);
  }
  CHECK(ids.size() == 20);
  CHECK(keys.size() == 20);
  CHECK(ciphertexts.size() == 20);
}

TEST_CASE("sealing refuses bad instanceIDs and XML without its instanceID", "[seal]") {
  const auto& key = odk_test::demo_key();
  const std::string id = new_instance_id();
  CHECK(seal_submission(key, odk_test::petition_xml("uuid:nope", "a", "b"), "uuid:nope", odk_test::test_form())
            .error().code == kiosk::Errc::invalid_input);
  CHECK_FALSE(valid_instance_id("1234"));
  CHECK_FALSE(valid_instance_id("uuid:" + std::string(36, 'z')));
  auto other = seal_submission(key, odk_test::petition_xml(new_instance_id(), "a", "b"), id, odk_test::test_form());
  CHECK_FALSE(other.ok());
  CHECK(seal_submission(key, odk_test::petition_xml(id, "a", "b"), id, {"", ""}).error().code ==
        kiosk::Errc::invalid_input);
}

TEST_CASE("the office key serialises as the XForm's base64RsaPublicKey", "[seal]") {
  const std::string pem = odk_test::read_file(std::string(KIOSK_SOURCE_DIR) + "/kiosk-config/demo-office-public.pem");
  std::string body;
  bool in = false;
  std::istringstream lines(pem);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("BEGIN PUBLIC KEY") != std::string::npos) { in = true; continue; }
    if (line.find("END PUBLIC KEY") != std::string::npos) break;
    if (in) body += line;
  }
  CHECK(odk_test::demo_key().base64_der() == body);
  CHECK(odk_test::demo_key().fingerprint().size() == 64);
  CHECK(OfficeKey::from_pem("not a key").error().code == kiosk::Errc::crypto);
  CHECK(OfficeKey::load_pem_file("/nonexistent.pem").error().code == kiosk::Errc::not_found);
}

TEST_CASE("base64 round trip", "[seal]") {
  for (std::string s : {std::string(""), std::string("a"), std::string("ab"), std::string("abc"),
                        std::string("\0\xff\x10", 3)}) {
    CHECK(base64_decode(base64_encode(s)).value() == s);
  }
  CHECK_FALSE(base64_decode("abc").ok());
}
