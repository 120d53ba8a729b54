// What the review screen says: one row per visible question, its label in
// the person's language and their answer as they will recognise it (a date
// in words and their calendar, options by name, the Cyrillic spelling of a
// name beside what they typed, a family as a count).
#pragma once

#include <string>
#include <vector>

#include "content/guidance.hpp"
#include "flow/session.hpp"
#include "form/form.hpp"
#include "locale/catalog.hpp"

namespace kiosk {

struct ReviewRow {
  std::string field;  // the question's id (tapping the row edits it)
  std::string label;
  std::string value;  // "not answered" in the language when empty
  // What read-aloud says for the row: the question, and the answer only
  // when `say_answers` (headphones: speech/reading.hpp answers_aloud()).
  std::string spoken;
};

std::vector<ReviewRow> review_view(const Session& session, const Form& form, const Translations& tr,
                                   const std::string& lang, bool say_answers = false);

// The review as read aloud: its title, the hint, then each row's spoken
// form, as one section that reading_parts() cuts into parts.
TextSection review_reading(const std::vector<ReviewRow>& rows, const Translations& tr, const std::string& lang);

// A date answer as the person reads it: a whole date in words in their
// calendar(s); a year or year-month with "(day unknown)" and the like.
std::string date_answer_text(const Translations& tr, const std::string& lang, const std::string& value);

}  // namespace kiosk
