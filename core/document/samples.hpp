// Fictitious sample sessions (assets/documents/samples.toml, or one answers
// file given to asylum-kioskctl) for the sample papers and the staff's
// printer test page. No real person's data. A sample is a session's input
// only (situation and answers); its papers are made by the same code as a
// real session's (finish/session_documents), never from texts of its own.
#pragma once

#include "base/today.hpp"

#include <chrono>
#include <filesystem>
#include <string>

#include "base/result.hpp"
#include "flow/session.hpp"
#include "form/form.hpp"

namespace kiosk {

struct Sample {
  std::string lang;     // the person's language
  Situation situation;  // where, entry, arrival (as on the situation screens)
  Answers answers;      // typed in the language's own script, with Cyrillic forms
};

// The sample person of `language` from `file` ([<lang>.situation],
// [<lang>.values], [<lang>.cyrillic], [[<lang>.family]]). Every answer is
// checked like a person's input (known field id, validate() on `today`);
// a problem fails with FILE and the field named.
Result<Sample> load_sample(const std::filesystem::path& file, const Form& form,
                           const std::string& language, std::chrono::year_month_day today);

// One session from an answers file: lang = "..", [situation], [values],
// [cyrillic], [[family]] (the same tables as a sample, without the prefix).
Result<Sample> load_answers_file(const std::filesystem::path& file, const Form& form,
                                 std::chrono::year_month_day today);

// data_dir()/"assets/documents/samples.toml".
std::filesystem::path samples_file();

}  // namespace kiosk
