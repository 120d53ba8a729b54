// Printing through a REAL cupsd: a private instance on 127.0.0.1 with its own
// config, spool, log and cache directories in a temporary directory, and a
// virtual printer on Debian's cups-pdf backend (printer-driver-cups-pdf).
//
// cups-pdf reads its settings only from /etc/cups: for a device URI
// "cups-pdf:/QUEUE" it reads /etc/cups/cups-pdf-QUEUE.conf. The test writes
// one such file with a queue name unique to this process (output, spool and
// log in the private directory) and removes it afterwards.
//
// Needs root (cupsd and the cups-pdf backend run as root). Without root, or
// without cupsd / cups-pdf installed, the test exits with code 77, which
// CTest reports as "Skipped" with the reason printed: never a silent pass.
#include <arpa/inet.h>
#include <cups/cups.h>
#include <grp.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <regex>
#include <thread>

#include "base/paths.hpp"
#include "config/config.hpp"
#include "doc_test_support.hpp"
#include "document/documents.hpp"
#include "finish/finish.hpp"
#include "print/documents.hpp"
#include "print/printer.hpp"

namespace fs = std::filesystem;
using namespace kiosk;
using doctest_support::run;

namespace {

constexpr int kSkip = 77;  // CTest SKIP_RETURN_CODE (tests/CMakeLists.txt)

[[noreturn]] void skip(const std::string& why) {
  std::cout << "SKIPPED: " << why << std::endl;
  std::cerr << "SKIPPED: " << why << std::endl;
  std::exit(kSkip);
}

int free_port() {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = 0;
  bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a);
  socklen_t len = sizeof a;
  getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  const int port = ntohs(a.sin_port);
  close(s);
  return port;
}

bool port_open(int port) {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  close(s);
  return ok;
}

// A private cupsd with one cups-pdf queue; everything is undone on destruction.
class PrivateCups {
 public:
  PrivateCups() {
    if (geteuid() != 0) skip("the real-CUPS test needs root (cupsd and the cups-pdf backend run as root)");
    for (const char* f : {"/usr/sbin/cupsd", "/usr/sbin/lpadmin", "/usr/sbin/cupsdisable",
                          "/usr/lib/cups/backend/cups-pdf", "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"})
      if (!fs::exists(f)) skip(std::string(f) + " is missing (packages cups, printer-driver-cups-pdf)");
    const group* lp = getgrnam("lp");
    if (!lp) skip("there is no lp group (package cups)");

    char tmpl[] = "/tmp/kiosk-cups-XXXXXX";
    if (!mkdtemp(tmpl)) skip("cannot make a temporary directory");
    dir_ = tmpl;
    chmod(dir_.c_str(), 0755);
    for (const char* d : {"spool", "tmp", "cache", "state", "log", "out", "pdfspool"})
      fs::create_directories(dir_ / d);
    // cupsd runs filters as lp: they need the spool and temp directories.
    for (const char* d : {"spool", "tmp", "cache"}) {
      if (chown((dir_ / d).c_str(), 0, lp->gr_gid) != 0) skip("cannot chown test directories");
    }
    chmod((dir_ / "spool").c_str(), 0710);
    chmod((dir_ / "tmp").c_str(), 01770);
    chmod((dir_ / "cache").c_str(), 0770);

    port_ = free_port();
    queue_ = "kiosktest" + std::to_string(getpid());
    std::ofstream(dir_ / "cupsd.conf") << "Listen 127.0.0.1:" << port_ << "\n"
                                       << "LogLevel debug\nWebInterface No\nBrowsing No\n"
                                          "DefaultAuthType None\n"
                                          "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
                                          "<Policy default>\n  <Limit All>\n    Order deny,allow\n"
                                          "  </Limit>\n</Policy>\n";
    std::ofstream(dir_ / "cups-files.conf")
        << "ServerRoot " << dir_.string() << "\nRequestRoot " << (dir_ / "spool").string()
        << "\nTempDir " << (dir_ / "tmp").string() << "\nCacheDir " << (dir_ / "cache").string()
        << "\nStateDir " << (dir_ / "state").string() << "\nErrorLog " << (dir_ / "log/error_log").string()
        << "\nAccessLog " << (dir_ / "log/access_log").string() << "\nPageLog "
        << (dir_ / "log/page_log").string() << "\nPrintcap " << (dir_ / "printcap").string()
        << "\nFileDevice No\n";
    pdf_conf_ = fs::path("/etc/cups") / ("cups-pdf-" + queue_ + ".conf");
    std::ofstream(pdf_conf_) << "Out " << (dir_ / "out").string() << "\nAnonDirName "
                             << (dir_ / "out").string() << "\nSpool " << (dir_ / "pdfspool").string()
                             << "\nLog " << (dir_ / "log").string() << "\nLogType 3\n";

    pid_ = fork();
    if (pid_ == 0) {
      execl("/usr/sbin/cupsd", "cupsd", "-f", "-c", (dir_ / "cupsd.conf").c_str(), "-s",
            (dir_ / "cups-files.conf").c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int i = 0; i < 100 && !port_open(port_); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (!port_open(port_)) FAIL("the private cupsd did not start; see " << (dir_ / "log/error_log").string());

    server_ = "127.0.0.1:" + std::to_string(port_);
    setenv("CUPS_SERVER", server_.c_str(), 1);
    cupsSetServer(nullptr);  // libcups reads CUPS_SERVER again
    int rc = 0;
    const std::string out = run("/usr/sbin/lpadmin -h " + server_ + " -p " + queue_ + " -E -v cups-pdf:/" +
                                    queue_ + " -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd 2>&1",
                                &rc);
    if (rc != 0) FAIL("lpadmin failed: " << out);
    // CUPS' default PDF-to-PostScript step would rasterise the pages; with
    // poppler's pdftops the fonts survive into cups-pdf's output.
    const std::string opt = run("/usr/sbin/lpadmin -h " + server_ + " -p " + queue_ +
                                    " -o pdftops-renderer-default=pdftops 2>&1",
                                &rc);
    if (rc != 0) FAIL("lpadmin -o failed: " << opt);
  }

  ~PrivateCups() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      int status = 0;
      waitpid(pid_, &status, 0);
    }
    unsetenv("CUPS_SERVER");
    cupsSetServer(nullptr);
    std::error_code ec;
    fs::remove(pdf_conf_, ec);
    fs::remove_all(dir_, ec);
  }

  [[nodiscard]] const std::string& queue() const { return queue_; }
  [[nodiscard]] const std::string& server() const { return server_; }
  [[nodiscard]] fs::path out_dir() const { return dir_ / "out"; }
  [[nodiscard]] fs::path error_log() const { return dir_ / "log/error_log"; }
  // Job files CUPS keeps in its spool (RequestRoot): d<job>-<n> documents
  // and c<job> control files.
  [[nodiscard]] std::vector<std::string> spool_files() const {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir_ / "spool", ec)) {
      const std::string n = e.path().filename().string();
      if (n.size() > 1 && (n[0] == 'd' || n[0] == 'c') && std::isdigit(static_cast<unsigned char>(n[1])))
        out.push_back(n);
    }
    return out;
  }

  // PDFs cups-pdf has written so far.
  [[nodiscard]] std::vector<fs::path> printed() const {
    std::vector<fs::path> v;
    for (const auto& e : fs::recursive_directory_iterator(out_dir()))
      if (e.path().extension() == ".pdf") v.push_back(e.path());
    std::sort(v.begin(), v.end());
    return v;
  }

  int admin(const std::string& command) const {
    int rc = 0;
    run(command + " -h " + server_ + " " + queue_ + " 2>&1", &rc);
    return rc;
  }

 private:
  fs::path dir_;
  fs::path pdf_conf_;
  std::string queue_;
  std::string server_;
  int port_ = 0;
  pid_t pid_ = -1;
};

SessionDocuments sample_docs(const std::string& lang) {
  auto config = load_config(data_dir() / "kiosk-config/demo.toml");
  auto form = load_form(data_dir() / "assets/form/petition.toml");
  auto tr = Translations::load(data_dir() / "locales");
  REQUIRE(config.ok());
  REQUIRE(form.ok());
  REQUIRE(tr.ok());
  auto docs = prepare_sample_documents(*config, *form, *tr, lang,
                                       std::chrono::year_month_day{std::chrono::year{2026},
                                                                   std::chrono::month{11},
                                                                   std::chrono::day{21}});
  REQUIRE(docs.ok());
  return std::move(docs).value();
}

}  // namespace

TEST_CASE("the petition and receipt print through a real cupsd to a cups-pdf printer", "[slow][cups]") {
  PrivateCups cups;
  const SessionDocuments docs = sample_docs("fa-AF");

  auto status = printer_status(cups.queue());
  REQUIRE(status.ok());
  CHECK(status->state == PrinterState::idle);
  CHECK(status->user_key.empty());
  CHECK(printer_available(cups.queue()));

  PrintOptions options;
  options.printer = cups.queue();
  options.timeout = std::chrono::seconds(60);
  const auto start = std::chrono::steady_clock::now();
  auto jobs = print_documents(docs, options);
  INFO("CUPS log: " << cups.error_log().string());
  REQUIRE(jobs.ok());
  WARN("printed 2 jobs through cupsd + cups-pdf in "
       << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count()
       << " ms");
  REQUIRE(jobs->size() == 2);
  CHECK(jobs->at(0).printer == cups.queue());
  CHECK(jobs->at(1).job_id > jobs->at(0).job_id);

  // cups-pdf names its output after the job title: petition-<CODE>, receipt-<CODE>.
  std::vector<fs::path> files;
  for (int i = 0; i < 50 && (files = cups.printed()).size() < 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  REQUIRE(files.size() == 2);
  // cups-pdf's Ghostscript may still be writing a file that already exists:
  // wait until both sizes stop changing (and end in %%EOF) before reading.
  auto complete = [](const fs::path& f) {  // the file ends with %%EOF
    std::FILE* in = std::fopen(f.c_str(), "rb");
    if (!in) return false;
    char tail[32] = {};
    std::fseek(in, -static_cast<long>(sizeof tail - 1), SEEK_END);
    const size_t n = std::fread(tail, 1, sizeof tail - 1, in);
    std::fclose(in);
    return std::string(tail, n).find("%%EOF") != std::string::npos;
  };
  for (int i = 0; i < 100; ++i) {
    bool done = true;
    for (const auto& f : files) {
      const auto before = fs::file_size(f);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      done = done && complete(f) && fs::file_size(f) == before;
    }
    if (done) break;
  }
  // After CUPS' filters (pdftopdf, pdftops) and cups-pdf's Ghostscript only
  // the ASCII text stays extractable: the session's reference code proves the
  // pages are ours, and the page counts must match.
  for (const auto& f : files) {
    INFO(f.string());
    const bool is_petition = f.filename().string().find("petition-" + docs.reference) != std::string::npos;
    const bool is_receipt = f.filename().string().find("receipt-" + docs.reference) != std::string::npos;
    CHECK((is_petition || is_receipt));
    CHECK(doctest_support::pdftotext(f).find(docs.reference) != std::string::npos);
    const std::string info = run("pdfinfo '" + f.string() + "' 2>&1");
    const int expected = is_petition ? docs.petition.pages() : docs.receipt.pages();
    std::smatch m;
    REQUIRE(std::regex_search(info, m, std::regex(R"(Pages:\s+([0-9]+))")));
    CHECK(std::stoi(m[1]) == expected);
  }

  // Reprint: the same documents again, from memory.
  auto again = print_documents(docs, options);
  REQUIRE(again.ok());
  for (int i = 0; i < 50 && cups.printed().size() < 4; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(cups.printed().size() == 4);

  // Nothing of the printed petitions stays in the CUPS spool (issue 18).
  std::vector<std::string> left;
  for (int i = 0; i < 50 && !(left = cups.spool_files()).empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  INFO("left in the spool: " << left.size() << (left.empty() ? std::string{} : " e.g. " + left.front()));
  CHECK(left.empty());
}

TEST_CASE("a stopped or missing printer gives the person's key and the CUPS reason for staff",
          "[slow][cups]") {
  PrivateCups cups;
  const SessionDocuments docs = sample_docs("ru");
  PrintOptions options;
  options.printer = cups.queue();
  options.timeout = std::chrono::seconds(60);

  REQUIRE(cups.admin("/usr/sbin/cupsdisable -r 'paused-by-kiosk-test'") == 0);
  auto status = printer_status(cups.queue());
  REQUIRE(status.ok());
  CHECK(status->state == PrinterState::stopped);
  CHECK(status->user_key == "error.printer.stopped");
  CHECK(status->describe().find("stopped") != std::string::npos);

  auto r = print_pdf(docs.receipt, "receipt-" + docs.reference, options);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().code == Errc::printer);
  CHECK(r.error().user_key == "error.printer.stopped");
  CHECK(r.error().message.find("stopped") != std::string::npos);
  CHECK(r.error().message.find("paused-by-kiosk-test") != std::string::npos);
  CHECK(r.error().message.find(cups.queue()) != std::string::npos);
  CHECK(cups.printed().empty());

  // Not accepting jobs (cupsreject) is also "stopped" for the person.
  REQUIRE(cups.admin("/usr/sbin/cupsenable") == 0);
  REQUIRE(cups.admin("/usr/sbin/cupsreject -r 'rejecting-for-test'") == 0);
  auto rejected = print_pdf(docs.receipt, "receipt-" + docs.reference, options);
  REQUIRE_FALSE(rejected.ok());
  CHECK(rejected.error().user_key == "error.printer.stopped");
  CHECK(rejected.error().message.find("not accepting jobs") != std::string::npos);

  // Retry after staff fixed it: prints.
  REQUIRE(cups.admin("/usr/sbin/cupsaccept") == 0);
  auto retry = print_pdf(docs.receipt, "receipt-" + docs.reference, options);
  REQUIRE(retry.ok());

  // A printer that does not exist.
  PrintOptions missing = options;
  missing.printer = "no-such-printer";
  auto m = print_pdf(docs.receipt, "receipt-x", missing);
  REQUIRE_FALSE(m.ok());
  CHECK(m.error().user_key == "error.printer.missing");
  CHECK(m.error().message.find("no-such-printer") != std::string::npos);
  CHECK_FALSE(printer_available("no-such-printer"));

  // No printer named and no CUPS default: nothing to print on, save instead.
  CHECK_FALSE(printer_available(""));
  PrintOptions none = options;
  none.printer.clear();
  auto n = print_pdf(docs.receipt, "receipt-x", none);
  REQUIRE_FALSE(n.ok());
  CHECK(n.error().user_key == "error.printer.missing");
}

TEST_CASE("a held job is reported and cancelled, not left in the queue", "[slow][cups]") {
  PrivateCups cups;
  const SessionDocuments docs = sample_docs("en");
  // Hold new jobs on the queue: the job waits and never completes.
  int rc = 0;
  run("/usr/sbin/lpadmin -h " + cups.server() + " -p " + cups.queue() +
          " -o job-hold-until-default=indefinite 2>&1",
      &rc);
  REQUIRE(rc == 0);
  PrintOptions options;
  options.printer = cups.queue();
  options.timeout = std::chrono::seconds(3);
  auto r = print_pdf(docs.receipt, "receipt-" + docs.reference, options);
  REQUIRE_FALSE(r.ok());
  // A held job is reported at once (as stopped), not after the timeout.
  CHECK((r.error().user_key == "error.printer.stopped" || r.error().user_key == "error.printer.timeout"));
  const std::string jobs = run("lpstat -h " + cups.server() + " -o " + cups.queue() + " 2>&1");
  CHECK(jobs.find(cups.queue() + "-") == std::string::npos);  // cancelled, not left in the queue
}

TEST_CASE("a job that does not finish in time is cancelled and reported as a timeout",
          "[slow][cups]") {
  PrivateCups cups;
  const SessionDocuments docs = sample_docs("uk");
  // A queue whose device never answers: the socket backend keeps retrying a
  // closed port, so the job stays "processing".
  const std::string queue = cups.queue() + "dead";
  int rc = 0;
  const std::string out = run("/usr/sbin/lpadmin -h " + cups.server() + " -p " + queue +
                                  " -E -v socket://127.0.0.1:1 -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd 2>&1",
                              &rc);
  REQUIRE(rc == 0);
  PrintOptions options;
  options.printer = queue;
  options.timeout = std::chrono::seconds(4);
  const auto start = std::chrono::steady_clock::now();
  auto r = print_pdf(docs.receipt, "receipt-" + docs.reference, options);
  const auto took = std::chrono::steady_clock::now() - start;
  REQUIRE_FALSE(r.ok());
  INFO(r.error().message);
  CHECK((r.error().user_key == "error.printer.timeout" || r.error().user_key == "error.printer.offline"));
  CHECK(took < std::chrono::seconds(30));
  for (int i = 0; i < 30; ++i) {
    if (run("lpstat -h " + cups.server() + " -o " + queue + " 2>&1").find(queue + "-") == std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  CHECK(run("lpstat -h " + cups.server() + " -o " + queue + " 2>&1").find(queue + "-") == std::string::npos);
}

TEST_CASE("with CUPS not running, printing says the printer is missing", "[cups]") {
  // Points libcups at a closed port on loopback: no daemon answers there.
  const int port = free_port();
  const std::string server = "127.0.0.1:" + std::to_string(port);
  setenv("CUPS_SERVER", server.c_str(), 1);
  cupsSetServer(nullptr);
  Pdf pdf;
  const unsigned char bytes[] = "%PDF-1.4\n";
  pdf.append(bytes, sizeof bytes - 1);
  PrintOptions options;
  options.printer = "anything";
  auto r = print_pdf(pdf, "test", options);
  unsetenv("CUPS_SERVER");
  cupsSetServer(nullptr);
  REQUIRE_FALSE(r.ok());
  CHECK(r.error().user_key == "error.printer.missing");
  CHECK(r.error().message.find(server) != std::string::npos);
}
