// USB export / import of sealed records, and test records. See transfer.hpp.
#include "outbox/transfer.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <optional>

#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace kiosk::outbox {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kIndexName = "asylum-kiosk-export.json";

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
        {"created_at", iso_utc(r.info.created_at)},
        {"test", r.info.test},
    };
    ids.push_back(r.info.id);
    rep.instance_ids.push_back(r.info.instance_id);
  }
  index["exports"].push_back({{"site", site_id}, {"at", iso_utc(now)}, {"count", ids.size()}});
  if (auto s = write_atomic(rep.root / "README.txt", kReadme); !s) return s.error();
  if (auto s = write_atomic(rep.root / kIndexName, index.dump(2) + "\n"); !s) return s.error();
  if (auto s = box.mark_exported(ids, now); !s) return s.error();
  rep.written = static_cast<int>(ids.size());
  return rep;
}

namespace {

// Reads a file of an export for import: only a regular file (never a
// symlink, FIFO or device: O_NOFOLLOW and O_NONBLOCK, then fstat), at most
// `limit` bytes. Returns a plain problem sentence in `why` on refusal.
std::optional<std::string> read_export_file(const fs::path& p, size_t limit, std::string& why) {
  const int fd = ::open(p.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    why = errno == ELOOP ? "is a symbolic link (refused)" : errno == ENOENT ? "is missing" : "cannot be read";
    return std::nullopt;
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    why = "is not a regular file (refused)";
    return std::nullopt;
  }
  if (static_cast<uint64_t>(st.st_size) > limit) {
    ::close(fd);
    why = "is too large (" + std::to_string(st.st_size) + " bytes; at most " + std::to_string(limit) + ")";
    return std::nullopt;
  }
  std::string out;
  out.resize(static_cast<size_t>(st.st_size));
  size_t got = 0;
  while (got < out.size()) {
    const ssize_t n = ::read(fd, out.data() + got, out.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  if (got != out.size()) {
    why = "changed or could not be read to the end";
    return std::nullopt;
  }
  return out;
}

// A string field of an index entry, or "" when absent or not a string.
std::string str_field(const json& entry, const char* key) {
  if (!entry.is_object()) return {};
  auto it = entry.find(key);
  return it != entry.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

bool inside(const fs::path& child, const fs::path& root) {
  std::error_code ec;
  const fs::path c = fs::weakly_canonical(child, ec);
  if (ec) return false;
  const fs::path r = fs::weakly_canonical(root, ec);
  if (ec) return false;
  auto ci = c.begin();
  for (auto ri = r.begin(); ri != r.end(); ++ri, ++ci)
    if (ci == c.end() || *ci != *ri) return false;
  return true;
}

}  // namespace

Result<ImportReport> import_records(Outbox& box, const fs::path& dir) {
  std::error_code ec;
  const fs::path root = fs::is_directory(dir / "odk" / "instances", ec) ? dir / "odk" : dir;
  if (root != dir && fs::is_symlink(fs::symlink_status(root, ec)))
    return make_error(Errc::invalid_input, "the export's odk folder is a symbolic link (refused)", {},
                      root.string());
  const auto inst_st = fs::symlink_status(root / "instances", ec);
  if (ec || !fs::is_directory(inst_st)) {
    if (!ec && fs::is_symlink(inst_st))
      return make_error(Errc::invalid_input, "the export's instances folder is a symbolic link (refused)", {},
                        (root / "instances").string());
    return make_error(Errc::not_found, "no odk/instances folder in the export", {}, dir.string());
  }
  json index = json::object();
  const fs::path index_path = root / kIndexName;
  if (fs::exists(fs::symlink_status(index_path, ec))) {
    std::string why;
    auto text = read_export_file(index_path, kMaxImportIndexBytes, why);
    if (!text)
      return make_error(Errc::invalid_input, "the export index " + why, {}, index_path.string());
    index = json::parse(*text, nullptr, false);
    if (index.is_discarded() || !index.is_object())
      return make_error(Errc::parse, "the export index is not valid JSON", {}, index_path.string());
    if (index.contains("instances") && !index["instances"].is_object())
      return make_error(Errc::parse, "the export index is damaged: \"instances\" is not a list of records", {},
                        index_path.string());
  }
  const json no_instances = json::object();
  const json& listed = index.contains("instances") ? index["instances"] : no_instances;
  ImportReport rep;
  std::vector<fs::path> folders;
  fs::directory_iterator it(root / "instances", ec);
  if (ec) return make_error(Errc::io, "cannot list the export's instances (" + ec.message() + ")", {},
                            (root / "instances").string());
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const auto st = it->symlink_status(ec);
    if (ec) continue;
    if (fs::is_symlink(st)) {
      rep.problems.push_back(it->path().filename().string() + ": is a symbolic link (refused)");
      continue;
    }
    if (fs::is_directory(st)) folders.push_back(it->path());
  }
  if (ec) return make_error(Errc::io, "cannot list the export's instances (" + ec.message() + ")", {},
                            (root / "instances").string());
  if (folders.size() > kMaxImportRecords)
    return make_error(Errc::invalid_input,
                      "the export holds " + std::to_string(folders.size()) + " folders; at most " +
                          std::to_string(kMaxImportRecords) + " are imported at once",
                      {}, (root / "instances").string());
  std::sort(folders.begin(), folders.end());
  for (const auto& d : folders) {
    const std::string name = d.filename().string();
    if (!inside(d, root / "instances")) {
      rep.problems.push_back(name + ": lies outside the export folder (refused)");
      continue;
    }
    std::string why;
    auto manifest = read_export_file(d / seal::kManifestName, kMaxImportManifestBytes, why);
    if (!manifest) {
      rep.problems.push_back(name + ": submission.xml " + why);
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
    auto enc = read_export_file(d / seal::kEncryptedXmlName, kMaxImportEncryptedBytes, why);
    if (!enc) {
      rep.problems.push_back(name + ": submission.xml.enc " + why);
      continue;
    }
    bool test = false;
    if (listed.contains(info->instance_id)) {
      const auto& entry = listed[info->instance_id];
      if (!entry.is_object()) {
        rep.problems.push_back(name + ": its entry in the export index is damaged");
        continue;
      }
      if (str_field(entry, "manifest_sha256") != seal::sha256_hex(*manifest) ||
          str_field(entry, "encrypted_sha256") != seal::sha256_hex(*enc)) {
        rep.problems.push_back(name + ": the files do not match the export index (damaged copy)");
        continue;
      }
      if (auto t = entry.find("test"); t != entry.end() && t->is_boolean()) test = t->get<bool>();
    }
    seal::SealedSubmission sub;
    sub.instance_id = info->instance_id;
    sub.form = {info->form_id, info->form_version};
    sub.manifest_xml = std::move(*manifest);
    sub.encrypted_xml = std::move(*enc);
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
  x += "<created>" + iso_utc(now_ms()) + "</created>";
  x += "<meta><instanceID>" + instance_id + "</instanceID></meta></data>\n";
  return x;
}

}  // namespace kiosk::outbox
