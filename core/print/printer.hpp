// Printing through CUPS (libcups). The PDF goes from memory straight into an
// IPP Create-Job + Send-Document request (cupsCreateJob / cupsStartDocument /
// cupsWriteRequestData), so no temporary file ever holds personal data.
// The job is then followed until CUPS says it is done, or fails, or a
// timeout passes.
//
// Errors: `message` is an English sentence for staff that includes the CUPS
// printer-state-reasons / status text; `user_key` is one of
//   error.printer.missing      no such printer, no default, or CUPS not running
//   error.printer.stopped      the queue is paused or not accepting jobs
//   error.printer.out_of_paper media-empty / media-needed
//   error.printer.failed       the job was aborted or cancelled, or IPP failed
//   error.printer.timeout      the job did not finish in time (it is cancelled)
// Thread-safety: each call opens its own connection to the CUPS server, so
// calls may run on a worker thread while the UI keeps drawing.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "document/pdf.hpp"

namespace kiosk {

enum class PrinterState { idle, processing, stopped };

// What staff see on the staff screen.
struct PrinterStatus {
  std::string name;                  // the queue actually used
  PrinterState state = PrinterState::idle;
  bool accepting = true;             // printer-is-accepting-jobs
  std::vector<std::string> reasons;  // printer-state-reasons, "none" left out
  std::string message;               // printer-state-message, may be empty
  // A locale key when the printer cannot print now (as for print errors),
  // empty when it looks ready.
  std::string user_key;
  // One English line for staff, e.g. "PDF: stopped (paused); not accepting jobs".
  [[nodiscard]] std::string describe() const;
};

struct PrintOptions {
  std::string printer;  // CUPS queue; empty = the CUPS default printer (printer.name)
  std::chrono::milliseconds timeout{std::chrono::seconds(120)};
  std::chrono::milliseconds poll{std::chrono::milliseconds(250)};
};

// The printer `name` (empty: the default) as CUPS reports it. Fails with
// error.printer.missing when CUPS has no such queue or is not running.
Result<PrinterStatus> printer_status(const std::string& name);

// Whether CUPS has any printer to print on: the named one, or a default one
// when `name` is empty. When false the kiosk offers saving PDFs for staff.
bool printer_available(const std::string& name);

struct PrintedJob {
  std::string printer;
  int job_id = 0;
};

// Prints `pdf` as job `title` (no personal data in the title: CUPS logs it)
// and waits until CUPS reports the job completed. On failure or timeout the
// job is cancelled, so a retry does not print twice.
Result<PrintedJob> print_pdf(const Pdf& pdf, const std::string& title, const PrintOptions& options);

}  // namespace kiosk
