// What the staff screens say, made in core from the services' states, in
// the staff's language (staff.language; never the person's). Technical
// causes (a CUPS reason, a file, the server's own sentence) are quoted as
// they came; the sentence around them is translated.
#pragma once

#include <filesystem>
#include <string>

#include "base/result.hpp"
#include "config/config.hpp"
#include "content/content.hpp"
#include "flow/session.hpp"
#include "locale/catalog.hpp"
#include "print/printer.hpp"
#include "print/service.hpp"
#include "sync/service.hpp"

namespace kiosk {

// The language a screen is shown in: staff screens in staff.language,
// every other screen in the person's language (the site's start language
// before a choice).
const std::string& shown_language(const Session& s, const Config& config);

// The language of a paper staff print from staff mode (a test page, a
// blank petition for its second language): the person's, when staff help
// someone who chose one; else the staff's own.
const std::string& staff_paper_language(const Session& s, const Config& config);

// Fixed staff sentences.
enum class StaffNote {
  busy,             // a paper job runs
  sync_started,     // "Send records now" started a pass
  sync_off,         // sync is off at this site
  no_usb,           // no USB drive
  nothing_to_reprint,
};

// Which paper a staff job printed.
enum class StaffPaper { test_page, blank_petition };

class StaffView {
 public:
  StaffView(const Translations& tr, std::string lang) : tr_(&tr), lang_(std::move(lang)) {}

  [[nodiscard]] const std::string& language() const { return lang_; }
  [[nodiscard]] std::string note(StaffNote n) const;
  // Records by state, held and damaged records, the last sync, and the
  // server's form (form()).
  [[nodiscard]] std::string queue(const sync::RecordService::Status& st) const;
  // With sync.form_source = "server": the version of the server's form new
  // records are sealed with, or why the server's new form was not taken
  // (the reason as the kiosk or Central says it; records keep going with
  // the last good form). "" when the form is the kiosk's own.
  [[nodiscard]] std::string form(const sync::RecordService::Status& st) const;
  [[nodiscard]] std::string printer(const PrinterStatus& st) const;
  [[nodiscard]] std::string content(const ContentAge& age) const;
  // "It did not work: <cause>", or the person's sentence for it when the
  // error has one, with the cause after it.
  [[nodiscard]] std::string problem(const Error& e) const;
  // The outbox cannot be used at all (the kiosk still guides and prints).
  [[nodiscard]] std::string outbox_problem(const Error& e) const;
  // The session's record could not be stored.
  [[nodiscard]] std::string not_stored(const Error& e) const;
  // A staff paper job printed `paper` in `paper_lang` on `printer_name`.
  [[nodiscard]] std::string printed(StaffPaper paper, const std::string& paper_lang,
                                    const std::string& printer_name) const;
  [[nodiscard]] std::string exported(int written, const std::filesystem::path& root) const;
  // The print service's own staff lines, in this view's language.
  [[nodiscard]] StaffWords print_words() const;

 private:
  [[nodiscard]] std::string t(const std::string& key, const MessageArgs& args = {}) const {
    return tr_->tr(lang_, key, args);
  }
  const Translations* tr_;
  std::string lang_;
};

}  // namespace kiosk

// [SECTION] saved papers, held and damaged records (issue 18) ----------------
// The staff screen's page of the "Save for staff" papers and the records
// the outbox could not store (held in memory) or read (damaged), in the
// staff's language `lang` (staff.* keys).
#include <cstdint>
#include <vector>

#include "locale/catalog.hpp"
#include "print/saved.hpp"

namespace kiosk {

struct SavedPaperRow {
  std::string reference;  // what Print and Delete act on
  std::string text;       // "K7Q-2MX: saved 2 h 5 min ago; deleted by itself in 22 h"
};

struct StaffPapersView {
  std::string open;                   // the main page's button: the three counts
  std::string title;
  std::vector<std::string> records;   // held and damaged records; empty when there are none
  std::vector<SavedPaperRow> papers;  // oldest first
  std::string none;                   // "No saved papers." when `papers` is empty
  std::string asking;                 // the delete question, when staff asked to delete
  std::string print, remove, yes, no, back;  // button labels
};

// `held` and `damaged` from the record service's status (-1: unknown, the
// outbox is not open), `papers` from list_saved_papers(), `now` in Unix
// seconds, `asked` the reference whose deletion waits for a yes.
StaffPapersView staff_papers_view(const Translations& tr, const std::string& lang, int held, int damaged,
                                  const std::vector<SavedPaper>& papers, int64_t now, const std::string& asked);

// The staff line after Print or Delete of saved papers: `error` is empty
// when it worked, else the English cause (CUPS, the disk).
std::string staff_saved_printed(const Translations& tr, const std::string& lang, const std::string& reference,
                                const std::string& error);
std::string staff_saved_deleted(const Translations& tr, const std::string& lang, const std::string& reference,
                                const std::string& error);

}  // namespace kiosk
