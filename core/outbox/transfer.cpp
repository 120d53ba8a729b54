// USB export / import of sealed records, and test records. See transfer.hpp.
#include "outbox/transfer.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace kiosk::outbox {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kIndexName = "asylum-kiosk-export.json";

std::string iso_time(int64_t ms) {
  const std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

Status fsync_path(const fs::path& p, bool directory) {
  const int fd = ::open(p.c_str(), directory ? (O_RDONLY | O_DIRECTORY) : O_RDONLY);
  if (fd < 0) return make_error(Errc::io, "cannot open a file to flush it", {}, p.string());
  const int rc = ::fsync(fd);
  ::close(fd);
  // Some USB file systems refuse fsync on directories; the files themselves were flushed.
  if (rc != 0 && !directory) return make_error(Errc::io, "cannot flush a file to the drive", {}, p.string());
  return Ok{};
}

// Writes `bytes` to `p` atomically: temp file, fsync, rename, fsync dir.
Status write_atomic(const fs::path& p, const std::string& bytes) {
  const fs::path tmp = p.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return make_error(Errc::io, "cannot write to the export drive", {}, tmp.string());
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) return make_error(Errc::io, "the export drive is full or was removed", {}, tmp.string());
  }
  if (auto s = fsync_path(tmp, false); !s) return s;
  std::error_code ec;
  fs::rename(tmp, p, ec);
  if (ec) return make_error(Errc::io, "cannot rename a file on the export drive", {}, p.string());
  return fsync_path(p.parent_path(), true);
}

Result<std::string> read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return make_error(Errc::io, "cannot read a file of the export", {}, p.string());
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string folder_name(const RecordInfo& r) {
  std::string form;
  for (char c : r.form.id) form.push_back((std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-') ? c : '_');
  return form + "_" + r.instance_id.substr(5);  // without "uuid:" (':' is not allowed on FAT)
}

const char* kReadme =
    "Sealed asylum-kiosk records (ODK encrypted submissions).\n"
    "\n"
    "Each folder in instances/ is one record: submission.xml is the plaintext\n"
    "manifest (no answers), submission.xml.enc the answers, encrypted with the\n"
    "office's public key. Only the office's private key can open them.\n"
    "\n"
    "To send them to the office's server from a connected machine:\n"
    "    asylum-kioskctl --config SITE.toml import /media/USB\n"
    "forms/ holds the kiosk's XForm (the form to upload to ODK Central).\n"
    "To decrypt them with ODK Briefcase: \"Pull\" from this Collect\n"
    "directory and export with the private key.\n"
    "The kiosk keeps every record until the server has acknowledged it.\n";

}  // namespace

Result<ExportReport> export_records(Outbox& box, const fs::path& dir, const std::string& site_id,
                                    bool include_sent, const std::string& xform_xml,
                                    const std::string& xform_name) {
  ExportReport rep;
  rep.root = dir / "odk";
  std::error_code ec;
  fs::create_directories(rep.root / "instances", ec);
  if (!ec) fs::create_directories(rep.root / "forms", ec);
  if (ec) return make_error(Errc::io, "cannot create folders on the export drive", {}, rep.root.string());
  if (!xform_xml.empty() && !xform_name.empty() && xform_name.find('/') == std::string::npos)
    if (auto s = write_atomic(rep.root / "forms" / xform_name, xform_xml); !s) return s.error();

  auto records = box.records_for_export(include_sent);
  if (!records) return records.error();

  json index = json::object();
  if (fs::exists(rep.root / kIndexName)) {
    auto text = read_all(rep.root / kIndexName);
    if (text) index = json::parse(*text, nullptr, false);
    if (index.is_discarded() || !index.is_object()) index = json::object();
  }
  index["format"] = "asylum-kiosk-export";
  index["format_version"] = 1;
  if (!index.contains("instances") || !index["instances"].is_object()) index["instances"] = json::object();
  if (!index.contains("exports") || !index["exports"].is_array()) index["exports"] = json::array();

  const int64_t now = now_ms();
  std::vector<int64_t> ids;
  for (const auto& r : *records) {
    const std::string folder = folder_name(r.info);
    const fs::path d = rep.root / "instances" / folder;
    fs::create_directories(d, ec);
    if (ec) return make_error(Errc::io, "cannot create a folder on the export drive", {}, d.string());
    if (auto s = write_atomic(d / seal::kEncryptedXmlName, r.sealed.encrypted_xml); !s) return s.error();
    if (auto s = write_atomic(d / seal::kManifestName, r.sealed.manifest_xml); !s) return s.error();
    index["instances"][r.info.instance_id] = {
        {"folder", "instances/" + folder},
        {"form_id", r.info.form.id},
        {"form_version", r.info.form.version},
        {"manifest_sha256", seal::sha256_hex(r.sealed.manifest_xml)},
        {"encrypted_sha256", seal::sha256_hex(r.sealed.encrypted_xml)},
        {"created_at", iso_time(r.info.created_at)},
        {"test", r.info.test},
    };
    ids.push_back(r.info.id);
    rep.instance_ids.push_back(r.info.instance_id);
  }
  index["exports"].push_back({{"site", site_id}, {"at", iso_time(now)}, {"count", ids.size()}});
  if (auto s = write_atomic(rep.root / "README.txt", kReadme); !s) return s.error();
  if (auto s = write_atomic(rep.root / kIndexName, index.dump(2) + "\n"); !s) return s.error();
  if (auto s = box.mark_exported(ids, now); !s) return s.error();
  rep.written = static_cast<int>(ids.size());
  return rep;
}

Result<ImportReport> import_records(Outbox& box, const fs::path& dir) {
  const fs::path root = fs::is_directory(dir / "odk" / "instances") ? dir / "odk" : dir;
  if (!fs::is_directory(root / "instances"))
    return make_error(Errc::not_found, "no odk/instances folder in the export", {}, dir.string());
  json index = json::object();
  if (fs::exists(root / kIndexName)) {
    auto text = read_all(root / kIndexName);
    if (!text) return text.error();
    index = json::parse(*text, nullptr, false);
    if (index.is_discarded() || !index.is_object())
      return make_error(Errc::parse, "the export index is not valid JSON", {}, (root / kIndexName).string());
  }
  ImportReport rep;
  std::vector<fs::path> folders;
  for (const auto& e : fs::directory_iterator(root / "instances"))
    if (e.is_directory()) folders.push_back(e.path());
  std::sort(folders.begin(), folders.end());
  for (const auto& d : folders) {
    const std::string name = d.filename().string();
    auto manifest = read_all(d / seal::kManifestName);
    if (!manifest) {
      rep.problems.push_back(name + ": no submission.xml");
      continue;
    }
    auto info = seal::parse_manifest(*manifest);
    if (!info) {
      rep.problems.push_back(name + ": " + info.error().message);
      continue;
    }
    if (info->encrypted_xml_file != seal::kEncryptedXmlName) {
      rep.problems.push_back(name + ": the manifest names an unexpected encrypted file");
      continue;
    }
    auto enc = read_all(d / seal::kEncryptedXmlName);
    if (!enc) {
      rep.problems.push_back(name + ": no submission.xml.enc");
      continue;
    }
    if (index.contains("instances") && index["instances"].contains(info->instance_id)) {
      const auto& entry = index["instances"][info->instance_id];
      if (entry.value("manifest_sha256", "") != seal::sha256_hex(*manifest) ||
          entry.value("encrypted_sha256", "") != seal::sha256_hex(*enc)) {
        rep.problems.push_back(name + ": the files do not match the export index (damaged copy)");
        continue;
      }
    }
    seal::SealedSubmission sub;
    sub.instance_id = info->instance_id;
    sub.form = {info->form_id, info->form_version};
    sub.manifest_xml = std::move(*manifest);
    sub.encrypted_xml = std::move(*enc);
    bool test = false;
    if (index.contains("instances") && index["instances"].contains(sub.instance_id))
      test = index["instances"][sub.instance_id].value("test", false);
    auto before = box.find(sub.instance_id);
    if (!before) return before.error();
    auto added = box.add_sealed(sub, test);
    if (!added) {
      if (added.error().code == Errc::storage) return added.error();
      rep.problems.push_back(name + ": " + added.error().message);
      continue;
    }
    if (before->has_value()) ++rep.already; else ++rep.added;
  }
  return rep;
}

std::string test_submission_xml(const seal::FormRef& form, const std::string& instance_id, int number,
                                const std::string& site_id) {
  std::string x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  x += "<data id=\"" + seal::xml_escape(form.id) + "\"";
  if (!form.version.empty()) x += " version=\"" + seal::xml_escape(form.version) + "\"";
  x += " xmlns:orx=\"http://openrosa.org/xforms\">";
  x += "<test_record>TEST RECORD - not a real petition - number " + std::to_string(number) +
       " from kiosk " + seal::xml_escape(site_id) + "</test_record>";
  x += "<created>" + iso_time(now_ms()) + "</created>";
  x += "<meta><instanceID>" + instance_id + "</instanceID></meta></data>\n";
  return x;
}

}  // namespace kiosk::outbox
