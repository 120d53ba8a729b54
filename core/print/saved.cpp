#include "print/saved.hpp"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>

#include "print/documents.hpp"

namespace kiosk {

namespace fs = std::filesystem;

namespace {

int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The directory exists, is a real directory (not a symlink) of this user,
// mode 0700.
Status ensure_private_dir(const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(dir, ec))) {
    fs::create_directories(dir.parent_path(), ec);
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
      return make_error(Errc::io, "cannot create the saved papers folder (" + std::string(std::strerror(errno)) + ")",
                        {}, dir.string());
  }
  struct stat st {};
  if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    return make_error(Errc::io, "the saved papers folder is not a folder (a symbolic link is refused)", {},
                      dir.string());
  if (st.st_uid != ::geteuid())
    return make_error(Errc::io, "the saved papers folder belongs to another user", {}, dir.string());
  if ((st.st_mode & 0777) != 0700 && ::chmod(dir.c_str(), 0700) != 0)
    return make_error(Errc::io, "cannot make the saved papers folder private", {}, dir.string());
  return Ok{};
}

// "petition-CODE.pdf" / "receipt-CODE.pdf" -> CODE, else "".
std::string reference_of(const std::string& name) {
  for (const char* prefix : {"petition-", "receipt-"}) {
    const std::string p = prefix;
    if (name.rfind(p, 0) == 0 && name.size() > p.size() + 4 && name.substr(name.size() - 4) == ".pdf")
      return name.substr(p.size(), name.size() - p.size() - 4);
  }
  return {};
}

// Overwrites a regular file with zeros, then removes it.
bool shred(const fs::path& p) {
  const int fd = ::open(p.c_str(), O_WRONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd >= 0) {
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
      const std::string zeros(64 * 1024, '\0');
      off_t left = st.st_size;
      while (left > 0) {
        const ssize_t n = ::write(fd, zeros.data(), static_cast<size_t>(std::min<off_t>(left, 64 * 1024)));
        if (n <= 0) break;
        left -= n;
      }
      ::fsync(fd);
    }
    ::close(fd);
  }
  std::error_code ec;
  return fs::remove(p, ec);
}

int64_t file_time(const fs::path& p) {
  struct stat st {};
  if (::lstat(p.c_str(), &st) != 0) return 0;
  return static_cast<int64_t>(st.st_mtim.tv_sec);
}

// Every saved paper file of `dir` grouped by reference.
std::map<std::string, SavedPaper> scan(const fs::path& dir, int64_t life) {
  std::map<std::string, SavedPaper> by_ref;
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) return by_ref;
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    if (ec) break;
    const auto st = it->symlink_status(ec);
    if (ec || !fs::is_regular_file(st)) continue;
    const std::string ref = reference_of(it->path().filename().string());
    if (ref.empty()) continue;
    auto& sp = by_ref[ref];
    sp.reference = ref;
    sp.files.push_back(it->path());
    const int64_t t = file_time(it->path());
    if (sp.saved_at == 0 || t < sp.saved_at) sp.saved_at = t;
    sp.expires_at = sp.saved_at + life;
  }
  for (auto& [ref, sp] : by_ref) std::sort(sp.files.begin(), sp.files.end(), std::greater<>());  // petition first
  return by_ref;
}

int purge_dir(const fs::path& dir, int64_t life, int64_t now) {
  int n = 0;
  for (auto& [ref, sp] : scan(dir, life))
    if (sp.expires_at <= now)
      for (const auto& f : sp.files) n += shred(f) ? 1 : 0;
  return n;
}

}  // namespace

SavedPapersPlace saved_papers_place(const Config& config) {
  return {config.outbox.data_dir / "saved-papers", std::chrono::hours(config.printer.saved_papers_hours)};
}

Result<int> purge_saved_papers(const SavedPapersPlace& place, int64_t now) {
  int n = 0;
  std::error_code ec;
  if (fs::exists(fs::symlink_status(place.dir, ec))) {
    if (auto s = ensure_private_dir(place.dir); !s) return s.error();
    n += purge_dir(place.dir, place.life.count(), now);
  }
  // The folder older kiosks wrote papers to, in plaintext and forever.
  const fs::path legacy = place.dir.parent_path() / "to-print";
  if (fs::is_directory(fs::symlink_status(legacy, ec))) n += purge_dir(legacy, place.life.count(), now);
  return n;
}

Result<std::vector<fs::path>> save_papers(const SessionDocuments& docs, const SavedPapersPlace& place) {
  if (auto s = ensure_private_dir(place.dir); !s) return s.error();
  (void)purge_saved_papers(place, unix_now());
  return save_documents(docs, place.dir);
}

Result<std::vector<SavedPaper>> list_saved_papers(const SavedPapersPlace& place) {
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(place.dir, ec))) return std::vector<SavedPaper>{};
  auto purged = purge_saved_papers(place, unix_now());
  if (!purged) return purged.error();
  std::vector<SavedPaper> out;
  for (auto& [ref, sp] : scan(place.dir, place.life.count())) out.push_back(std::move(sp));
  std::sort(out.begin(), out.end(), [](const SavedPaper& a, const SavedPaper& b) { return a.saved_at < b.saved_at; });
  return out;
}

Status delete_saved_papers(const SavedPapersPlace& place, const std::string& reference) {
  auto all = scan(place.dir, place.life.count());
  auto it = all.find(reference);
  if (it == all.end())
    return make_error(Errc::not_found, "there are no saved papers with the reference " + reference, {},
                      place.dir.string());
  for (const auto& f : it->second.files)
    if (!shred(f)) return make_error(Errc::io, "cannot delete a saved paper", {}, f.string());
  return Ok{};
}

Result<std::vector<PrintedJob>> print_saved_papers(const SavedPapersPlace& place, const std::string& reference,
                                                   const PrintOptions& options) {
  auto all = scan(place.dir, place.life.count());
  auto it = all.find(reference);
  if (it == all.end() || it->second.expires_at <= unix_now())
    return make_error(Errc::not_found, "there are no saved papers with the reference " + reference, {},
                      place.dir.string());
  std::vector<PrintedJob> jobs;
  for (const auto& f : it->second.files) {
    const int fd = ::open(f.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return make_error(Errc::io, "cannot read a saved paper", {}, f.string());
    Pdf pdf;
    unsigned char buf[65536];
    ssize_t n;
    while ((n = ::read(fd, buf, sizeof buf)) > 0) pdf.append(buf, static_cast<size_t>(n));
    ::close(fd);
    OPENSSL_cleanse(buf, sizeof buf);
    auto job = print_pdf(pdf, "asylum-kiosk saved papers", options);
    if (!job) return job.error();
    jobs.push_back(*job);
  }
  return jobs;
}

}  // namespace kiosk
