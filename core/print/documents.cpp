#include "print/documents.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace kiosk {

namespace fs = std::filesystem;

Result<std::vector<PrintedJob>> print_documents(const SessionDocuments& docs,
                                                const PrintOptions& options) {
  std::vector<PrintedJob> jobs;
  const std::pair<const char*, const Pdf*> order[] = {{"petition-", &docs.petition},
                                                      {"receipt-", &docs.receipt}};
  for (const auto& [prefix, pdf] : order) {
    if (pdf->empty()) continue;
    auto job = print_pdf(*pdf, prefix + docs.reference, options);
    if (!job) return job.error();
    jobs.push_back(*job);
  }
  if (jobs.empty())
    return make_error(Errc::internal, "there are no documents to print", "error.printer.failed");
  return jobs;
}

namespace {

// Writes all of `pdf` to a new file `path` with mode 0600.
Status write_private(const fs::path& path, const Pdf& pdf) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    return make_error(Errc::io, "cannot create " + path.string() + ": " + std::strerror(errno));
  size_t done = 0;
  while (done < pdf.size()) {
    const ssize_t n = ::write(fd, pdf.data() + done, pdf.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string why = std::strerror(errno);
      ::close(fd);
      return make_error(Errc::io, "cannot write " + path.string() + ": " + why);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0)
    return make_error(Errc::io, "cannot finish writing " + path.string() + ": " + std::strerror(errno));
  return Ok{};
}

}  // namespace

Result<std::vector<fs::path>> save_documents(const SessionDocuments& docs, const fs::path& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) {
    fs::create_directories(dir, ec);
    if (ec) return make_error(Errc::io, "cannot create " + dir.string() + ": " + ec.message());
    fs::permissions(dir, fs::perms::owner_all, ec);
  }
  std::vector<fs::path> written;
  const std::pair<const char*, const Pdf*> order[] = {{"petition-", &docs.petition},
                                                      {"receipt-", &docs.receipt}};
  for (const auto& [prefix, pdf] : order) {
    if (pdf->empty()) continue;
    const fs::path file = dir / (prefix + docs.reference + ".pdf");
    if (auto s = write_private(file, *pdf); !s) return s.error();
    written.push_back(file);
  }
  if (written.empty()) return make_error(Errc::internal, "there are no documents to save");
  return written;
}

}  // namespace kiosk
