// Fictitious sample people (assets/documents/samples.toml) for the sample
// documents and the staff's printer test page. No real person's data.
#pragma once

#include "base/today.hpp"

#include <chrono>
#include <filesystem>
#include <string>

#include "base/result.hpp"
#include "document/receipt.hpp"
#include "form/form.hpp"

namespace kiosk {

struct Sample {
  Answers answers;      // typed in the language's own script, with Cyrillic forms
  ReceiptInfo receipt;  // office, help, next steps; deadline from `today`
};

// The sample person of `language` from `file`. The receipt's deadline is
// today + 5 days (the general rule), written as a long date in the
// language (Dari: Solar Hijri with the Gregorian date beside it) and in
// Russian. Fails with FILE-located errors on a bad file or unknown language.
Result<Sample> load_sample(const std::filesystem::path& file, const std::string& language,
                           std::chrono::year_month_day today);

// data_dir()/"assets/documents/samples.toml".
std::filesystem::path samples_file();

// A long date ("26 ноября 2026 г.") in the calendar the language uses; for
// Dari the Solar Hijri date followed by the Gregorian one in parentheses.
std::string long_date(std::chrono::year_month_day d, const std::string& language);

}  // namespace kiosk
