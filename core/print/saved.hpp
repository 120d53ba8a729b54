// "Save for staff": the session's papers (name, story: personal data) kept
// as PDFs when there is no printer, so that staff can print them later even
// after the person has gone. They are kept only
//   - in <data_dir>/saved-papers, a directory of the kiosk user only
//     (mode 0700, files 0600; a symlink there is refused), and
//   - for printer.saved_papers_hours (default 24 h; 1 to 168): older ones
//     are deleted (overwritten with zeros, then removed) at kiosk start, on
//     every save and list, and by `asylum-kioskctl saved-papers purge`.
// Staff list, print and delete them (kiosk staff screen, or
// `asylum-kioskctl saved-papers list | print CODE | delete CODE | purge`).
// The old plaintext folder <data_dir>/to-print is purged the same way.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "config/config.hpp"
#include "document/documents.hpp"
#include "print/printer.hpp"

namespace kiosk {

struct SavedPapersPlace {
  std::filesystem::path dir;          // <data_dir>/saved-papers
  std::chrono::seconds life{24 * 3600};
};
SavedPapersPlace saved_papers_place(const Config& config);

struct SavedPaper {
  std::string reference;                     // the session's reference code
  std::vector<std::filesystem::path> files;  // petition-CODE.pdf, receipt-CODE.pdf
  int64_t saved_at = 0;                      // Unix seconds (file time)
  int64_t expires_at = 0;                    // Unix seconds
};

// Saves the session's papers (see save_documents) into the place, after
// making sure the directory is private. Purges expired ones first.
Result<std::vector<std::filesystem::path>> save_papers(const SessionDocuments& docs,
                                                       const SavedPapersPlace& place);

// The saved papers still within their life, oldest first (purges the rest).
Result<std::vector<SavedPaper>> list_saved_papers(const SavedPapersPlace& place);

// Deletes papers older than their life (also those of the legacy to-print
// folder next to the place). Returns how many files were deleted.
Result<int> purge_saved_papers(const SavedPapersPlace& place, int64_t now_unix_seconds);

// Deletes the papers of `reference` (overwritten, then removed). Fails with
// Errc::not_found if there are none.
Status delete_saved_papers(const SavedPapersPlace& place, const std::string& reference);

// Prints the papers of `reference` through CUPS (petition, then receipt).
// They stay saved (delete them when the person has them).
Result<std::vector<PrintedJob>> print_saved_papers(const SavedPapersPlace& place, const std::string& reference,
                                                   const PrintOptions& options);

}  // namespace kiosk
