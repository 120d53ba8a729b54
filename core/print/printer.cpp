// CUPS printing. Sections:
//   [1] connection and IPP helpers   [2] printer status   [3] print_pdf
#include "print/printer.hpp"

#include <cups/cups.h>

#include <algorithm>
#include <memory>
#include <thread>

namespace kiosk {

namespace {

// [SECTION] 1. connection and IPP helpers -------------------------------------

struct HttpCloser {
  void operator()(http_t* h) const { httpClose(h); }
};
using Http = std::unique_ptr<http_t, HttpCloser>;

struct IppDeleter {
  void operator()(ipp_t* r) const { ippDelete(r); }
};
using Ipp = std::unique_ptr<ipp_t, IppDeleter>;

// A fresh connection to the CUPS server (CUPS_SERVER, client.conf, or the
// local socket). Null when CUPS is not running.
Http connect() {
  return Http(httpConnect2(cupsServer(), ippPort(), nullptr, AF_UNSPEC, cupsEncryption(), 1,
                           10000, nullptr));
}

// "host:port" or the socket path, for staff messages.
std::string server_name() {
  const std::string host = cupsServer();
  return host.empty() || host[0] == '/' ? host : host + ":" + std::to_string(ippPort());
}

std::string printer_uri(const std::string& name) {
  char uri[HTTP_MAX_URI];
  httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", ippPort(),
                   "/printers/%s", name.c_str());
  return uri;
}

std::string last_cups_error() {
  const char* s = cupsLastErrorString();
  return s && *s ? s : ippErrorString(cupsLastError());
}

// The queue to use: `name`, or the CUPS default. Empty when there is none.
std::string resolve(http_t* http, const std::string& name) {
  if (!name.empty()) return name;
  const char* d = cupsGetDefault2(http);
  return d ? d : "";
}

Error printer_error(const std::string& key, const std::string& message) {
  return make_error(Errc::printer, message, key);
}

bool has_reason(const std::vector<std::string>& reasons, const char* prefix) {
  return std::any_of(reasons.begin(), reasons.end(),
                     [&](const std::string& r) { return r.rfind(prefix, 0) == 0; });
}

// The user key for a printer in this state, empty when it can print.
std::string key_for(const PrinterStatus& s) {
  if (has_reason(s.reasons, "media-empty") || has_reason(s.reasons, "media-needed"))
    return "error.printer.out_of_paper";
  if (s.state == PrinterState::stopped || !s.accepting) return "error.printer.stopped";
  if (has_reason(s.reasons, "offline")) return "error.printer.offline";
  return {};
}

// [SECTION] 2. printer status ---------------------------------------------------

Result<PrinterStatus> query_status(http_t* http, const std::string& name) {
  static const char* const wanted[] = {"printer-state", "printer-state-reasons",
                                       "printer-state-message", "printer-is-accepting-jobs"};
  ipp_t* request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
  const std::string uri = printer_uri(name);
  ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
  ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                static_cast<int>(sizeof wanted / sizeof *wanted), nullptr, wanted);
  Ipp response(cupsDoRequest(http, request, "/"));
  const ipp_status_t st = cupsLastError();
  if (!response || st > IPP_STATUS_OK_CONFLICTING) {
    if (st == IPP_STATUS_ERROR_NOT_FOUND)
      return printer_error("error.printer.missing", "CUPS has no printer named \"" + name + "\"");
    return printer_error("error.printer.missing",
                         "CUPS did not report printer \"" + name + "\": " + last_cups_error());
  }
  PrinterStatus s;
  s.name = name;
  if (ipp_attribute_t* a = ippFindAttribute(response.get(), "printer-state", IPP_TAG_ENUM)) {
    const int v = ippGetInteger(a, 0);
    s.state = v == IPP_PSTATE_STOPPED      ? PrinterState::stopped
              : v == IPP_PSTATE_PROCESSING ? PrinterState::processing
                                           : PrinterState::idle;
  }
  if (ipp_attribute_t* a = ippFindAttribute(response.get(), "printer-is-accepting-jobs", IPP_TAG_BOOLEAN))
    s.accepting = ippGetBoolean(a, 0) != 0;
  if (ipp_attribute_t* a = ippFindAttribute(response.get(), "printer-state-reasons", IPP_TAG_KEYWORD))
    for (int i = 0; i < ippGetCount(a); ++i) {
      const char* r = ippGetString(a, i, nullptr);
      if (r && std::string(r) != "none") s.reasons.emplace_back(r);
    }
  if (ipp_attribute_t* a = ippFindAttribute(response.get(), "printer-state-message", IPP_TAG_TEXT))
    if (const char* m = ippGetString(a, 0, nullptr)) s.message = m;
  s.user_key = key_for(s);
  return s;
}

// Cancels (if still active) and PURGES a job: a printed petition must not
// stay in the CUPS spool (CUPS keeps job files for PreserveJobFiles, a day
// by default). cupsCancelJob2's purge sends Cancel-Job with CUPS' "purge-job",
// which removes the job's document and control files, also of a completed
// job. Best effort: a site should also set "PreserveJobFiles No" (README).
void cancel(http_t* http, const std::string& name, int job_id) {
  cupsCancelJob2(http, name.c_str(), job_id, 1);
}

void purge_job_files(http_t* http, const std::string& name, int job_id) { cancel(http, name, job_id); }

}  // namespace

std::string PrinterStatus::describe() const {
  std::string s = name + ": ";
  s += state == PrinterState::idle ? "idle" : state == PrinterState::processing ? "printing" : "stopped";
  if (!reasons.empty()) {
    s += " (";
    for (size_t i = 0; i < reasons.size(); ++i) s += (i ? ", " : "") + reasons[i];
    s += ")";
  }
  if (!message.empty()) s += "; \"" + message + "\"";
  if (!accepting) s += "; not accepting jobs";
  return s;
}

Result<PrinterStatus> printer_status(const std::string& name) {
  Http http = connect();
  if (!http)
    return printer_error("error.printer.missing",
                         "cannot connect to the CUPS server at " + server_name());
  const std::string queue = resolve(http.get(), name);
  if (queue.empty())
    return printer_error("error.printer.missing",
                         "no printer is configured (printer.name is empty and CUPS has no default)");
  return query_status(http.get(), queue);
}

bool printer_available(const std::string& name) { return printer_status(name).ok(); }

// [SECTION] 3. print_pdf ----------------------------------------------------------

Result<PrintedJob> print_pdf(const Pdf& pdf, const std::string& title, const PrintOptions& options) {
  using Clock = std::chrono::steady_clock;
  if (pdf.empty()) return make_error(Errc::internal, "print_pdf was given an empty document", "error.printer.failed");
  Http http = connect();
  if (!http)
    return printer_error("error.printer.missing",
                         "cannot connect to the CUPS server at " + server_name());
  const std::string queue = resolve(http.get(), options.printer);
  if (queue.empty())
    return printer_error("error.printer.missing",
                         "no printer is configured (printer.name is empty and CUPS has no default)");
  auto status = query_status(http.get(), queue);
  if (!status) return status.error();
  if (!status->user_key.empty())
    return printer_error(status->user_key, "printer cannot print now: " + status->describe());

  const int job_id = cupsCreateJob(http.get(), queue.c_str(), title.c_str(), 0, nullptr);
  if (job_id <= 0)
    return printer_error("error.printer.failed",
                         "CUPS refused the job on \"" + queue + "\": " + last_cups_error());
  if (cupsStartDocument(http.get(), queue.c_str(), job_id, title.c_str(), CUPS_FORMAT_PDF, 1) !=
      HTTP_STATUS_CONTINUE) {
    const std::string why = last_cups_error();
    cancel(http.get(), queue, job_id);
    return printer_error("error.printer.failed", "CUPS would not take the document: " + why);
  }
  size_t sent = 0;
  while (sent < pdf.size()) {
    const size_t n = std::min<size_t>(64 * 1024, pdf.size() - sent);
    if (cupsWriteRequestData(http.get(), reinterpret_cast<const char*>(pdf.data() + sent), n) !=
        HTTP_STATUS_CONTINUE) {
      const std::string why = last_cups_error();
      cupsFinishDocument(http.get(), queue.c_str());
      cancel(http.get(), queue, job_id);
      return printer_error("error.printer.failed", "sending the document to CUPS failed: " + why);
    }
    sent += n;
  }
  if (cupsFinishDocument(http.get(), queue.c_str()) > IPP_STATUS_OK_CONFLICTING) {
    const std::string why = last_cups_error();
    cancel(http.get(), queue, job_id);
    return printer_error("error.printer.failed", "CUPS did not accept the document: " + why);
  }

  // Follow the job. While it waits, a printer that stops or runs out of paper
  // is reported at once rather than after the timeout.
  const auto deadline = Clock::now() + options.timeout;
  static const char* const wanted[] = {"job-state", "job-state-reasons", "job-printer-state-message"};
  for (;;) {
    ipp_t* request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
    const std::string uri = printer_uri(queue);
    ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, uri.c_str());
    ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
    ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
                  static_cast<int>(sizeof wanted / sizeof *wanted), nullptr, wanted);
    Ipp response(cupsDoRequest(http.get(), request, "/"));
    if (!response || cupsLastError() > IPP_STATUS_OK_CONFLICTING)
      return printer_error("error.printer.failed", "CUPS lost track of job " + std::to_string(job_id) +
                                                       ": " + last_cups_error());
    int state = IPP_JSTATE_PENDING;
    if (ipp_attribute_t* a = ippFindAttribute(response.get(), "job-state", IPP_TAG_ENUM))
      state = ippGetInteger(a, 0);
    std::string reasons;
    if (ipp_attribute_t* a = ippFindAttribute(response.get(), "job-state-reasons", IPP_TAG_KEYWORD))
      for (int i = 0; i < ippGetCount(a); ++i)
        if (const char* r = ippGetString(a, i, nullptr)) reasons += (reasons.empty() ? "" : ", ") + std::string(r);
    if (state == IPP_JSTATE_COMPLETED) {
      purge_job_files(http.get(), queue, job_id);
      return PrintedJob{queue, job_id};
    }
    if (state == IPP_JSTATE_CANCELED || state == IPP_JSTATE_ABORTED)
      return printer_error("error.printer.failed",
                           "job " + std::to_string(job_id) + " on \"" + queue + "\" was " +
                               (state == IPP_JSTATE_CANCELED ? "cancelled" : "aborted") +
                               " (" + reasons + ")");
    auto now_status = query_status(http.get(), queue);
    if (!now_status) {
      cancel(http.get(), queue, job_id);
      return now_status.error();
    }
    if (state == IPP_JSTATE_STOPPED || state == IPP_JSTATE_HELD || !now_status->user_key.empty()) {
      cancel(http.get(), queue, job_id);
      const std::string key = now_status->user_key.empty() ? "error.printer.stopped" : now_status->user_key;
      return printer_error(key, "job " + std::to_string(job_id) + " cannot print (" + reasons +
                                    "); printer " + now_status->describe());
    }
    if (Clock::now() >= deadline) {
      cancel(http.get(), queue, job_id);
      return printer_error("error.printer.timeout",
                           "job " + std::to_string(job_id) + " did not finish within " +
                               std::to_string(options.timeout.count() / 1000) + " s (" + reasons +
                               "); printer " + now_status->describe());
    }
    std::this_thread::sleep_for(options.poll);
  }
}

}  // namespace kiosk
