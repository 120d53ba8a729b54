// The petition PDF. Sections:
//   [1] texts: labels, options and answers in the two languages
//   [2] blocks: header, section headings, field rows, the family table,
//       signatures, footer
//   [3] render_petition: two passes (count pages, then draw "page N of M")
#include "document/petition.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <vector>

#include "base/date.hpp"
#include "document/canvas.hpp"
#include "locale/calendar.hpp"
#include "locale/language.hpp"

namespace kiosk {

using doc::Align;
using doc::Canvas;
using doc::Layout;
using doc::Style;

std::string format_date_dmy(std::chrono::year_month_day d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u.%02u.%04d", static_cast<unsigned>(d.day()),
                static_cast<unsigned>(d.month()), static_cast<int>(d.year()));
  return buf;
}

std::string format_date_dmy(const std::string& iso) {
  const auto d = parse_iso_date(iso);
  return d ? format_date_dmy(*d) : iso;
}

namespace {

constexpr double kPt = doc::kPointsPerMm;

// Sizes and greys used throughout, in one place.
const Style kLabel{9.5, true, 0, Align::start};
const Style kLabelPerson{8.5, false, 0.33, Align::start};
const Style kAnswer{10.5, false, 0, Align::start};
const Style kAnswerNote{9, false, 0.25, Align::start};
const Style kBody{10.5, false, 0, Align::start};
const Style kBodyPerson{9, false, 0.33, Align::start};

// [SECTION] 1. texts ----------------------------------------------------------

struct Texts {
  const PetitionInput& in;
  [[nodiscard]] bool dual() const { return in.person_language != in.petition_language; }
  [[nodiscard]] std::string pet(const std::string& key, const MessageArgs& args = {}) const {
    return in.tr->tr(in.petition_language, key, args);
  }
  // The person's line: law numbers inside a right-to-left sentence keep
  // their written order (216-IV, not IV-216).
  [[nodiscard]] std::string person(const std::string& key, const MessageArgs& args = {}) const {
    const std::string s = in.tr->tr(in.person_language, key, args);
    const Language* l = find_language(in.person_language);
    return l && l->rtl ? doc::ltr_codes(s) : s;
  }
  // The option key agreeing with the applicant's sex ("...married.female":
  // «Замужем», «Тұрмыста»), when the locale has one; else the plain key.
  [[nodiscard]] std::string option_key(const std::string& key, const std::string& lang) const {
    if (in.blank || !in.answers) return key;
    const std::string sex = in.answers->get("sex");
    if (sex.empty()) return key;
    const std::string gendered = key + "." + sex;
    return in.tr->catalog(lang).has(gendered) ? gendered : key;
  }
  // Inside a right-to-left sentence, codes and dates keep their own order.
  [[nodiscard]] std::string arg_for_person(const std::string& s) const {
    const Language* l = find_language(in.person_language);
    return l && l->rtl ? doc::ltr(s) : s;
  }
};

// Locale key stem of a field: "form.<id>" or "form.<group>.<id>".
std::string stem(const Field& f, const Field* group) {
  return group ? "form." + group->id + "." + f.id : "form." + f.id;
}

std::vector<std::string> split_options(const std::string& value) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : value) {
    if (c == ' ') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// The applicant's name for the header: Cyrillic forms where confirmed.
std::string applicant_name(const Answers& a) {
  std::string name;
  for (const char* id : {"surname", "given_name", "patronymic"}) {
    const auto c = a.cyrillic.find(id);
    std::string part = c != a.cyrillic.end() && !c->second.empty() ? c->second : a.get(id);
    if (part.empty()) continue;
    if (!name.empty()) name += ' ';
    name += part;
  }
  return name;
}

// [SECTION] 2. blocks ---------------------------------------------------------

struct Writer {
  Canvas& c;
  const Texts& t;
  const PetitionInput& in;
  int section_number = 0;

  double left_width() const { return c.content_width() * 0.36; }
  double gap() const { return 4 * kPt; }
  double right_x() const { return c.left() + left_width() + gap(); }
  double right_width() const { return c.content_width() - left_width() - gap(); }

  // A label in the petition language with the person's language below it.
  std::vector<Layout> label_pair(const std::string& key, double width, const Style& main = kLabel) {
    std::vector<Layout> v;
    v.push_back(c.text(t.pet(key), main, width));
    if (t.dual()) v.push_back(c.text(t.person(key), kLabelPerson, width));
    return v;
  }

  static double stack_height(const std::vector<Layout>& v, double spacing = 1) {
    double h = 0;
    for (const auto& l : v) h += Canvas::height_of(l) + spacing;
    return h;
  }

  void draw_stack(const std::vector<Layout>& v, double x, double top, double spacing = 1) {
    for (const auto& l : v) {
      c.draw(l, x, top);
      top += Canvas::height_of(l) + spacing;
    }
  }

  void sample_band() {
    if (!in.sample) return;
    std::string s = t.pet("print.sample_mark");
    if (t.dual()) s += "   " + doc::isolate(t.person("print.sample_mark"));
    auto l = c.text(s, Style{9, true, 0.2, Align::center}, c.content_width());
    const double h = Canvas::height_of(l);
    c.fill(c.left(), c.y - 1, c.content_width(), h + 2, 0.9);
    c.draw(l, c.left(), c.y);
    c.y += h + 3 * kPt;
  }

  void header() {
    sample_band();
    const double x = c.left() + c.content_width() * 0.45;
    const double w = c.content_width() * 0.55;
    std::vector<Layout> block;
    block.push_back(c.text(in.addressee, Style{10.5, false, 0, Align::start}, w));
    const std::string name = in.blank ? std::string(40, '_') : applicant_name(*in.answers);
    block.push_back(c.text(t.pet("petition.applicant_line", {{"name", name}}), kBody, w));
    if (t.dual()) {
      block.push_back(c.text(t.person(in.border ? "petition.addressee_note_border"
                                                : "petition.addressee_note"),
                             kBodyPerson, w));
      const std::string person_name = in.blank ? std::string(30, '_') : doc::isolate(name);
      block.push_back(c.text(t.person("petition.applicant_line", {{"name", person_name}}),
                             kBodyPerson, w));
    }
    draw_stack(block, x, c.y, 2);
    // A box for the applicant's photo (35 x 45 mm), left of the addressee.
    const double pw = 35 * kPt, ph = 45 * kPt;
    c.box(c.left(), c.y, pw, ph, 0.6, 0.3);
    auto photo = c.text(t.pet("petition.photo"), Style{8, false, 0.3, Align::center}, pw - 4 * kPt);
    c.draw(photo, c.left() + 2 * kPt, c.y + ph / 2 - Canvas::height_of(photo) / 2);
    c.y += std::max(stack_height(block, 2), ph) + 7 * kPt;

    auto title = c.text(t.pet("petition.title"), Style{15, true, 0, Align::center}, c.content_width());
    auto sub = c.text(t.pet("petition.subtitle"), Style{12, true, 0, Align::center}, c.content_width());
    c.draw(title, c.left(), c.y);
    c.y += Canvas::height_of(title);
    c.draw(sub, c.left(), c.y);
    c.y += Canvas::height_of(sub) + 1;
    if (t.dual()) {
      auto p = c.text(t.person("petition.title") + " " + t.person("petition.subtitle"),
                      Style{9.5, false, 0.33, Align::center}, c.content_width());
      c.draw(p, c.left(), c.y);
      c.y += Canvas::height_of(p);
    }
    c.y += 5 * kPt;
    paragraph_pair(in.blank ? "petition.blank_note" : "petition.intro");
    if (in.blank) paragraph_pair("petition.intro");
  }

  // A sentence in the petition language, then the person's language.
  void paragraph_pair(const std::string& key, const MessageArgs& pet_args = {},
                      const MessageArgs& person_args = {}) {
    auto a = c.text(t.pet(key, pet_args), kBody, c.content_width());
    c.ensure(Canvas::height_of(a) + 20);
    c.flow(a, c.left());
    if (t.dual()) {
      c.y += 1;
      auto b = c.text(t.person(key, person_args), kBodyPerson, c.content_width());
      c.flow(b, c.left());
    }
    c.y += 4 * kPt;
  }

  // `keep_with`: the height of the section's first row, kept on the same page.
  void section_heading(const std::string& key, double keep_with = 60) {
    ++section_number;
    const std::string n = std::to_string(section_number) + ". ";
    auto a = c.text(n + t.pet(key), Style{11.5, true, 0, Align::start}, c.content_width());
    Layout b;
    if (t.dual()) b = c.text(t.person(key), Style{9, true, 0.33, Align::start}, c.content_width());
    const double h = Canvas::height_of(a) + (b ? Canvas::height_of(b) : 0);
    c.ensure(h + 2 * kPt + 1.5 * kPt + keep_with);  // never alone at the bottom of a page
    c.y += 2 * kPt;
    c.draw(a, c.left(), c.y);
    c.y += Canvas::height_of(a);
    if (b) {
      c.draw(b, c.left(), c.y);
      c.y += Canvas::height_of(b);
    }
    c.y += 1.5 * kPt;
    c.line(c.left(), c.y, c.right(), c.y, 0.8);
  }

  // A row: labels on the left; answer layouts (or blank space) on the right,
  // flowing onto the next page when long.
  void row(const std::vector<Layout>& labels, const std::vector<Layout>& answers,
           double blank_height = 0) {
    const double pad = 1.6 * kPt;
    const double lh = stack_height(labels);
    double first = blank_height;
    if (!answers.empty()) first = std::min(Canvas::height_of(answers.front()), 80.0);
    c.ensure(std::max(lh, first) + 2 * pad);
    const double top = c.y + pad;
    const int page = c.page();
    draw_stack(labels, c.left(), top);
    c.y = top;
    for (const auto& a : answers) {
      c.flow(a, right_x());
      c.y += 1;
    }
    if (blank_height > 0) {
      c.y += blank_height;
      c.line(right_x(), c.y, c.right(), c.y, 0.5, 0.2);
    }
    double end = c.y;
    if (c.page() == page) end = std::max(end, top + lh);
    c.y = end + pad;
    c.line(c.left(), c.y, c.right(), c.y, 0.3, 0.7);
  }

  // Option label(s) for a choice answer: petition language, then the person's.
  std::vector<Layout> option_answer(const std::string& key_stem, const std::string& value) {
    std::vector<Layout> v;
    const Language* person_lang = find_language(in.person_language);
    const char* person_sep = person_lang && person_lang->rtl ? "، " : "; ";
    std::string pet;
    std::string person;
    for (const auto& o : split_options(value)) {
      const std::string key = key_stem + ".option." + o;
      if (!pet.empty()) {
        pet += "; ";
        person += person_sep;
      }
      pet += t.pet(t.option_key(key, in.petition_language));
      person += t.person(t.option_key(key, in.person_language));
    }
    v.push_back(c.text(pet, kAnswer, right_width()));
    if (t.dual()) v.push_back(c.text(person, kAnswerNote, right_width()));
    return v;
  }

  // Blank form: a box to tick per option.
  void option_boxes(const std::vector<Layout>& labels, const std::string& key_stem,
                    const std::vector<std::string>& options) {
    const double box = 3.2 * kPt;
    std::vector<Layout> items;
    for (const auto& o : options) {
      std::string s = t.pet(key_stem + ".option." + o);
      if (t.dual()) s += "  /  " + doc::isolate(t.person(key_stem + ".option." + o));
      items.push_back(c.text(s, Style{9.5, false, 0, Align::start}, right_width() - box - 2 * kPt));
    }
    const double pad = 1.6 * kPt;
    const double h = std::max(stack_height(labels), stack_height(items, 2));
    c.ensure(h + 2 * pad);
    const double top = c.y + pad;
    draw_stack(labels, c.left(), top);
    double y = top;
    for (const auto& l : items) {
      c.box(right_x(), y + 1.5, box, box);
      c.draw(l, right_x() + box + 2 * kPt, y);
      y += Canvas::height_of(l) + 2;
    }
    c.y = top + h + pad;
    c.line(c.left(), c.y, c.right(), c.y, 0.3, 0.7);
  }

  std::vector<Layout> text_answer(const Field& f, const Field* group, const std::string& value,
                                  const std::map<std::string, std::string>& cyrillic) {
    std::vector<Layout> v;
    if (value.empty()) {
      v.push_back(c.text("—", kAnswer, right_width()));
      return v;
    }
    if (f.kind == FieldKind::date) {
      v.push_back(c.text(date_text(value), kAnswer, right_width()));
      if (auto own = own_calendar_date(value); !own.empty())
        v.push_back(c.text(own, kAnswerNote, right_width()));
      return v;
    }
    if (f.kind == FieldKind::choice || f.kind == FieldKind::multi_choice)
      return option_answer(stem(f, group), value);
    v.push_back(c.text(value, kAnswer, right_width()));
    if (f.transliterate) {
      const auto it = cyrillic.find(f.id);
      if (it != cyrillic.end() && !it->second.empty() && it->second != value)
        v.push_back(c.text(t.pet("petition.cyrillic") + ": " + it->second, kAnswerNote, right_width()));
    }
    return v;
  }

  // A date as DD.MM.YYYY; a birth date known only as a year ("1990") or a
  // year and month ("1990-05") with the note that the rest is unknown.
  std::string date_text(const std::string& value) const {
    if (value.size() == 4) return value + " " + t.pet("petition.date_year_only");
    if (value.size() == 7) return value.substr(5, 2) + "." + value.substr(0, 4) + " " + t.pet("petition.date_month_only");
    return format_date_dmy(value);
  }
  // The same day in the person's own calendar (Dari: Solar Hijri with the
  // Afghan month name), when it differs from the Gregorian one.
  std::string own_calendar_date(const std::string& value) const {
    if (calendar_for(in.person_language) == "gregorian") return {};
    const auto d = parse_iso_date(value);
    if (d) return doc::isolate(format_date(in.person_language, *d));
    // A year or a year and month only: that year (month) in their calendar.
    const std::string partial = partial_date_words(value, in.person_language);
    return partial.empty() ? partial : doc::isolate(partial);
  }

  double blank_height_for(const Field& f) const {
    if (f.kind == FieldKind::long_text) return (f.max_length >= 1000 ? 70 : 28) * kPt;
    return 7 * kPt;
  }

  void field(const Field& f) {
    const std::string key = stem(f, nullptr);
    auto labels = label_pair(key + ".label", left_width());
    if (f.kind == FieldKind::group) return group(f, std::move(labels));
    if (in.blank) {
      if (f.kind == FieldKind::choice || f.kind == FieldKind::multi_choice)
        return option_boxes(labels, key, f.options);
      return row(labels, {}, blank_height_for(f));
    }
    // Citizenship is one row: «Гражданство: <country>» or «Лицо без гражданства».
    if (f.id == "citizenship") return;
    if (f.id == "citizenship_status" && in.answers->get(f.id) == "citizen" &&
        !in.answers->get("citizenship").empty()) {
      std::vector<Layout> v;
      v.push_back(c.text(in.answers->get("citizenship"), kAnswer, right_width()));
      return row(labels, v);
    }
    row(labels, text_answer(f, nullptr, in.answers->get(f.id), in.answers->cyrillic));
  }

  // A group (family members) as a table: No. | name | birth date | relation.
  void group(const Field& g, std::vector<Layout> labels) {
    const double pad = 1.6 * kPt;
    c.ensure(stack_height(labels) + 60);
    c.y += pad;
    draw_stack(labels, c.left(), c.y);
    c.y += stack_height(labels) + pad;

    const double num_w = 9 * kPt;
    const double rest = c.content_width() - num_w;
    std::vector<double> widths{num_w};
    std::vector<double> shares;
    for (const auto& sub : g.fields)
      shares.push_back(sub.kind == FieldKind::date ? 0.2 : sub.kind == FieldKind::choice ? 0.3 : 0.5);
    double total = 0;
    for (double s : shares) total += s;
    for (double s : shares) widths.push_back(rest * s / total);

    auto cell_x = [&](size_t col) {
      double x = c.left();
      for (size_t i = 0; i < col; ++i) x += widths[i];
      return x;
    };
    const double cell_pad = 1.2 * kPt;
    // Header row.
    std::vector<std::vector<Layout>> head;
    head.push_back({});
    head.back().push_back(c.text(t.pet("petition.number"), Style{8.5, true, 0, Align::start},
                                 widths[0] - 2 * cell_pad));
    for (size_t i = 0; i < g.fields.size(); ++i)
      head.push_back(label_pair(stem(g.fields[i], &g) + ".label", widths[i + 1] - 2 * cell_pad,
                                Style{8.5, true, 0, Align::start}));
    auto table_row = [&](const std::vector<std::vector<Layout>>& cells, double min_h, bool shade) {
      double h = min_h;
      for (const auto& cell : cells) h = std::max(h, stack_height(cell));
      h += 2 * cell_pad;
      c.ensure(h);
      if (shade) c.fill(c.left(), c.y, c.content_width(), h, 0.93);
      for (size_t i = 0; i < cells.size(); ++i) {
        draw_stack(cells[i], cell_x(i) + cell_pad, c.y + cell_pad);
        c.box(cell_x(i), c.y, widths[i], h, 0.4, 0.4);
      }
      c.y += h;
    };
    table_row(head, 0, true);
    if (in.blank) {
      const int rows = std::min(g.max_items > 0 ? g.max_items : 5, 5);
      for (int r = 0; r < rows; ++r) {
        std::vector<std::vector<Layout>> cells(g.fields.size() + 1);
        cells[0].push_back(c.text(std::to_string(r + 1), Style{9, false, 0, Align::start}, widths[0]));
        table_row(cells, 9 * kPt, false);
      }
    } else {
      const auto it = in.answers->groups.find(g.id);
      const std::vector<GroupItem> none;
      const auto& items = it == in.answers->groups.end() ? none : it->second;
      if (items.empty()) {
        std::vector<std::vector<Layout>> cells(g.fields.size() + 1);
        cells[1].push_back(c.text("—", kAnswer, widths[1]));
        table_row(cells, 0, false);
      }
      for (size_t r = 0; r < items.size(); ++r) {
        std::vector<std::vector<Layout>> cells;
        cells.push_back({});
        cells.back().push_back(c.text(std::to_string(r + 1), Style{9.5, false, 0, Align::start},
                                      widths[0]));
        for (size_t i = 0; i < g.fields.size(); ++i) {
          const Field& sub = g.fields[i];
          const double w = widths[i + 1] - 2 * cell_pad;
          std::vector<Layout> cell;
          const auto v = items[r].values.find(sub.id);
          const std::string value = v == items[r].values.end() ? std::string() : v->second;
          if (value.empty()) {
            cell.push_back(c.text("—", kAnswer, w));
          } else if (sub.kind == FieldKind::date) {
            cell.push_back(c.text(date_text(value), Style{9.5, false, 0, Align::start}, w));
            if (auto own = own_calendar_date(value); !own.empty())
              cell.push_back(c.text(own, Style{8.5, false, 0.25, Align::start}, w));
          } else if (sub.kind == FieldKind::choice || sub.kind == FieldKind::multi_choice) {
            const std::string key = stem(sub, &g) + ".option." + value;
            cell.push_back(c.text(t.pet(key), Style{9.5, false, 0, Align::start}, w));
            if (t.dual()) cell.push_back(c.text(t.person(key), Style{8.5, false, 0.2, Align::start}, w));
          } else {
            cell.push_back(c.text(value, Style{9.5, false, 0, Align::start}, w));
            const auto cy = items[r].cyrillic.find(sub.id);
            if (sub.transliterate && cy != items[r].cyrillic.end() && !cy->second.empty() &&
                cy->second != value)
              cell.push_back(c.text(t.pet("petition.cyrillic") + ": " + cy->second,
                                    Style{8.5, false, 0.25, Align::start}, w));
          }
          cells.push_back(std::move(cell));
        }
        table_row(cells, 0, false);
      }
    }
    c.y += 2 * pad;
  }

  // A line to sign or write on, with its label on the left.
  // A label and its line to sign, or the value written there (`note`, if
  // any, under it: the same date in the person's calendar).
  void signature_line(const std::string& key, const std::string& filled = {}, const std::string& note = {}) {
    auto labels = label_pair(key, left_width());
    std::vector<Layout> value;
    if (!filled.empty()) value.push_back(c.text(filled, kAnswer, right_width()));
    if (!note.empty()) value.push_back(c.text(note, kAnswerNote, right_width()));
    const double h = std::max({stack_height(labels), stack_height(value), 11 * kPt});
    c.ensure(h + 4 * kPt);
    const double top = c.y + 2 * kPt;
    draw_stack(labels, c.left(), top);
    if (!value.empty()) {
      draw_stack(value, right_x(), top);
    } else {
      c.line(right_x(), top + h, c.right(), top + h, 0.6, 0);
    }
    c.y = top + h + 2 * kPt;
  }

  void signatures() {
    section_heading("petition.section.request");
    c.y += 2 * kPt;
    paragraph_pair("petition.request_law");
    // Consent to the processing of personal data (Law No. 94-V), before the signature.
    paragraph_pair("petition.consent_personal_data");
    // The date as on every other row: DD.MM.YYYY, the person's calendar under it.
    if (in.blank) signature_line("petition.date");
    else signature_line("petition.date", format_date_dmy(in.date), own_calendar_date(to_iso(in.date)));
    signature_line("petition.signature_applicant");
    if (!t.dual()) return;
    c.y += 3 * kPt;
    paragraph_pair("petition.confirmation",
                   {{"language", t.pet("petition.language." + in.person_language)}},
                   {{"language", t.person("petition.language." + in.person_language)}});
    signature_line("petition.signature_applicant");
    signature_line("petition.interpreter_name");
    signature_line("petition.signature_interpreter");
  }

  // How tall a field's first row will be (its labels, or a group's labels
  // and table head), so that its heading stays with it.
  double first_row_height(const Field& f) {
    auto labels = label_pair(stem(f, nullptr) + ".label", left_width());
    const double pad = 1.6 * kPt;
    double h = stack_height(labels) + 2 * pad;
    if (f.kind == FieldKind::group) h += 60;
    else if (f.kind == FieldKind::long_text) h = std::max(h, 40.0);
    return std::max(h, 24.0);
  }

  void body() {
    header();
    std::string section;
    for (const auto& f : in.form->fields) {
      if (!in.blank && !is_visible(f, *in.answers)) continue;
      if (f.section != section) {
        section = f.section;
        section_heading("form.section." + section, first_row_height(f));
      }
      field(f);
    }
    signatures();
  }
};

void footer(Canvas& c, const Texts& t, const PetitionInput& in, int page, int pages) {
  const double y = c.bottom() + 6 * kPt;
  c.line(c.left(), y - 2 * kPt, c.right(), y - 2 * kPt, 0.3, 0.6);
  const std::string note = in.blank ? t.pet("petition.blank_note")
                                    : t.pet("petition.prepared_note", {{"code", in.reference}});
  auto l = c.text(note, Style{7.5, false, 0.3, Align::start}, c.content_width() * 0.75);
  c.draw(l, c.left(), y);
  auto p = c.text(t.pet("petition.page", {{"page", int64_t{page}}, {"pages", int64_t{pages}}}),
                  Style{7.5, false, 0.3, Align::end}, c.content_width() * 0.25);
  c.draw(p, c.left() + c.content_width() * 0.75, y);
}

}  // namespace

// [SECTION] 3. render ----------------------------------------------------------

Result<Pdf> render_petition(const PetitionInput& in) {
  if (!in.form || !in.tr || (!in.blank && !in.answers))
    return make_error(Errc::internal, "render_petition needs a form, translations and answers",
                      "print.render_failed");
  if (const Language* l = find_language(in.petition_language); !l || !l->petition)
    return make_error(Errc::invalid_input,
                      "\"" + in.petition_language + "\" is not a language a petition may be written in",
                      "print.render_failed");
  if (!find_language(in.person_language))
    return make_error(Errc::invalid_input, "unknown language \"" + in.person_language + "\"",
                      "print.render_failed");
  const Texts texts{in};
  constexpr double a4_w = 210 * kPt;
  constexpr double a4_h = 297 * kPt;
  int pages = 0;
  {
    Canvas measure(nullptr, a4_w, a4_h);
    Writer w{measure, texts, in};
    w.body();
    pages = measure.finish();
    if (const auto e = measure.error(); !e.empty())
      return make_error(Errc::internal, "cairo could not lay out the petition: " + e,
                        "print.render_failed");
  }
  Pdf pdf;
  {
    Canvas c(&pdf, a4_w, a4_h);
    c.footer = [&](Canvas& cv, int page) { footer(cv, texts, in, page, pages); };
    Writer w{c, texts, in};
    w.body();
    const int drawn = c.finish();
    if (const auto e = c.error(); !e.empty())
      return make_error(Errc::internal, "cairo could not write the petition: " + e,
                        "print.render_failed");
    pdf.set_pages(drawn);
  }
  return pdf;
}

}  // namespace kiosk
