#include "view/review_view.hpp"

#include "base/date.hpp"
#include "locale/calendar.hpp"
#include "locale/language.hpp"

namespace kiosk {

std::string date_answer_text(const Translations& tr, const std::string& lang, const std::string& value) {
  if (const auto d = parse_iso_ymd(value)) return format_date(lang, *d);
  // "I know only the year" (or year and month): the year in the person's
  // calendar, and that the rest is not known (as the petition says it).
  if (const std::string words = partial_date_words(value, lang); !words.empty())
    return words + " " + tr.tr(lang, precision_of(value) == DatePrecision::year ? "petition.date_year_only"
                                                                                : "petition.date_month_only");
  return value;
}

namespace {

std::string shown(const Translations& tr, const std::string& lang, const std::string& key, const Field& f,
                  const std::string& value) {
  if (value.empty()) return tr.tr(lang, "review.empty");
  if (f.kind == FieldKind::date) {
    return date_answer_text(tr, lang, value);
  }
  // A phone number stays left to right inside right-to-left text.
  if (f.kind == FieldKind::phone) return "\u2066" + value + "\u2069";
  if (f.kind == FieldKind::choice || f.kind == FieldKind::multi_choice) {
    std::string out;
    for (const auto& o : f.options)
      if (has_option(value, o)) out += (out.empty() ? "" : list_separator(lang)) + tr.tr(lang, key + ".option." + o);
    return out;
  }
  return value;
}

}  // namespace

TextSection review_reading(const std::vector<ReviewRow>& rows, const Translations& tr, const std::string& lang) {
  TextSection s{"review", tr.tr(lang, "review.title"), {tr.tr(lang, "review.hint")}, {}, {}};
  for (const auto& r : rows) s.lines.push_back(r.spoken);
  return s;
}

std::vector<ReviewRow> review_view(const Session& session, const Form& form, const Translations& tr,
                                   const std::string& lang, bool say_answers) {
  std::vector<ReviewRow> rows;
  const auto& a = session.answers;
  for (const auto& f : form.fields) {
    if (!is_visible(f, a)) continue;
    const std::string key = "form." + f.id;
    std::string value;
    if (f.kind == FieldKind::group) {
      const auto it = a.groups.find(f.id);
      const size_t n = it == a.groups.end() ? 0 : it->second.size();
      value = n == 0 ? tr.tr(lang, "review.empty") : tr.tr(lang, "review.people", {{"count", static_cast<int64_t>(n)}});
    } else {
      value = shown(tr, lang, key, f, a.get(f.id));
      const auto c = a.cyrillic.find(f.id);
      if (c != a.cyrillic.end() && c->second != a.get(f.id)) value += " — " + c->second;
    }
    // On screen the person is asked in the second person (".question"),
    // where the paper's label speaks of "the applicant".
    const std::string label = tr.catalog(lang).has(key + ".question") ? key + ".question" : key + ".label";
    std::string question = tr.tr(lang, label);
    // Through the loudspeaker only the question: the answer is the person's.
    std::string spoken = say_answers ? question + (question.empty() || question.back() == '?' ? " " : ": ") + value
                                     : question;
    rows.push_back({f.id, std::move(question), std::move(value), std::move(spoken)});
  }
  return rows;
}

}  // namespace kiosk
