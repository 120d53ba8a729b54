// Moving sealed records without a network: USB export and import, and the
// clearly marked test records of `queue test-submission`.
//
// Export layout (ODK Collect's sdcard layout, so ODK Briefcase's "pull from
// Collect directory" can read it once the XForm is put in odk/forms/, and
// `asylum-kioskctl import` can push it):
//
//   DIR/odk/README.txt                         what this is, how to use it
//   DIR/odk/asylum-kiosk-export.json           index: every instance exported here,
//                                              its form, and SHA-256 of both files
//   DIR/odk/forms/<form_id>.xml                the XForm (when the caller gives it),
//                                              for ODK Briefcase and for the office
//   DIR/odk/instances/<form_id>_<uuid>/submission.xml      the plaintext manifest
//   DIR/odk/instances/<form_id>_<uuid>/submission.xml.enc  the sealed answers
//
// Every file is written to a temporary name, fsync'ed and renamed, the
// index last; records are marked exported only after that. Export never
// deletes or changes a record: it stays queued until a server acknowledges
// it (from this kiosk or via import elsewhere; both send identical bytes, so
// the server keeps one copy).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "outbox/outbox.hpp"

namespace kiosk::outbox {

struct ExportReport {
  std::filesystem::path root;     // DIR/odk
  int written = 0;                // instances written (new or rewritten)
  std::vector<std::string> instance_ids;
};

// Writes every unacknowledged record (and sent ones not yet purged if
// `include_sent`) under `dir` as described above, then marks them exported.
// `site_id` goes into the index. Fails with Errc::io (USB full, read-only,
// removed) — then no record is marked exported — or Errc::storage.
// `xform_xml` (if not empty) is written to DIR/odk/forms/`xform_name`.
Result<ExportReport> export_records(Outbox& box, const std::filesystem::path& dir,
                                    const std::string& site_id, bool include_sent = false,
                                    const std::string& xform_xml = {}, const std::string& xform_name = {});

struct ImportReport {
  int added = 0;                  // new records queued
  int already = 0;                // already in this outbox with identical bytes
  std::vector<std::string> problems;  // one English sentence per instance not imported
};

// Limits of import: an export is untrusted input (a USB drive).
inline constexpr size_t kMaxImportIndexBytes = 64u << 20;      // the JSON index
inline constexpr size_t kMaxImportManifestBytes = 1u << 20;    // one submission.xml
inline constexpr size_t kMaxImportEncryptedBytes = 64u << 20;  // one submission.xml.enc
inline constexpr size_t kMaxImportRecords = 100000;            // folders in instances/

// Reads an export (DIR, or DIR/odk) and queues each sealed instance in `box`
// exactly as it is (never re-sealed, never changed). Checks each file
// against the index's SHA-256 when the index lists it. Only regular files
// and folders inside the export are read: a symbolic link, a FIFO or device,
// a file over the limits above, or a damaged index entry is refused with a
// sentence in `problems` (the others are still imported). Fails with
// Errc::not_found if DIR holds no odk/instances folder, Errc::parse or
// invalid_input for an index that is not JSON, too large or not an export
// index, Errc::io if the folder cannot be listed.
Result<ImportReport> import_records(Outbox& box, const std::filesystem::path& dir);

// A clearly marked test instance document for `form` (the answers say
// "TEST RECORD", no person's data): what `queue test-submission` seals.
std::string test_submission_xml(const seal::FormRef& form, const std::string& instance_id, int number,
                                const std::string& site_id);

}  // namespace kiosk::outbox
