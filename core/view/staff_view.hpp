// The staff screen's status lines, made in core from the services' states.
#pragma once

#include <string>

#include "sync/service.hpp"

namespace kiosk {

// "Records: 3 waiting, 10 sent, ... Last sync: ..." for the queue button.
std::string staff_queue_line(const sync::RecordService::Status& st);

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
