// The session reducer. Sections:
//   [1] names   [2] moving between questions   [3] reduce()   [4] queries
#include "flow/session.hpp"

#include <array>

#include <algorithm>
#include <functional>
#include <sstream>
#include <type_traits>

#include "input/keyboard.hpp"
#include "locale/language.hpp"
#include "locale/transliterate.hpp"
#include "text/layout.hpp"

namespace kiosk {

// [SECTION] 1. names -----------------------------------------------------------

const char* to_string(Step step) {
  switch (step) {
    case Step::attract: return "attract";
    case Step::language: return "language";
    case Step::situation: return "situation";
    case Step::guidance: return "guidance";
    case Step::question: return "question";
    case Step::review: return "review";
    case Step::consent: return "consent";
    case Step::print: return "print";
    case Step::done: return "done";
    case Step::staff_pin: return "staff_pin";
    case Step::staff: return "staff";
  }
  return "attract";
}

const char* to_string(StaffAction action) {
  switch (action) {
    case StaffAction::none: return "none";
    case StaffAction::queue: return "queue";
    case StaffAction::sync: return "sync";
    case StaffAction::export_usb: return "export";
    case StaffAction::printer: return "printer";
    case StaffAction::test_page: return "test-page";
    case StaffAction::reprint: return "reprint";
    case StaffAction::blank: return "blank";
    case StaffAction::content: return "content";
    case StaffAction::saved_papers: return "saved-papers";
    case StaffAction::staff_main: return "staff-main";
    case StaffAction::print_saved: return "print-saved";
    case StaffAction::ask_delete_saved: return "ask-delete-saved";
    case StaffAction::delete_saved: return "delete-saved";
    case StaffAction::keep_saved: return "keep-saved";
  }
  return "none";
}

namespace {
// The names of Where and Entry, in the order of their values (none first).
constexpr std::array<const char*, 5> kWhereNames{"", "land_border", "airport", "airport_transit", "inside"};
constexpr std::array<const char*, 4> kEntryNames{"", "checkpoint", "not_checkpoint", "unsure"};

template <class E, size_t N>
E named(const std::array<const char*, N>& names, std::string_view name) {
  for (size_t i = 1; i < N; ++i)
    if (name == names[i]) return static_cast<E>(i);
  return static_cast<E>(0);
}
}  // namespace

const char* to_string(Where w) { return kWhereNames.at(static_cast<size_t>(w)); }
const char* to_string(Entry e) { return kEntryNames.at(static_cast<size_t>(e)); }
Where where_from(std::string_view name) { return named<Where>(kWhereNames, name); }
Entry entry_from(std::string_view name) { return named<Entry>(kEntryNames, name); }

StaffAction staff_action_from(std::string_view id) {
  for (auto a : {StaffAction::queue, StaffAction::sync, StaffAction::export_usb, StaffAction::printer,
                 StaffAction::test_page, StaffAction::reprint, StaffAction::blank, StaffAction::content,
                 StaffAction::saved_papers, StaffAction::staff_main, StaffAction::print_saved,
                 StaffAction::ask_delete_saved, StaffAction::delete_saved, StaffAction::keep_saved})
    if (id == to_string(a)) return a;
  return StaffAction::none;
}

const char* to_string(Effect effect) {
  switch (effect) {
    case Effect::wipe: return "wipe";
    case Effect::forget_answers: return "forget_answers";
    case Effect::store_record: return "store_record";
    case Effect::forget_papers: return "forget_papers";
    case Effect::print_papers: return "print_papers";
    case Effect::save_papers: return "save_papers";
    case Effect::reset_access: return "reset_access";
    case Effect::reset_keyboard: return "reset_keyboard";
    case Effect::screen_changed: return "screen_changed";
    case Effect::staff_action: return "staff_action";
    case Effect::close_kiosk: return "close_kiosk";
    case Effect::call_staff: return "call_staff";
    case Effect::read_back: return "read_back";
    case Effect::read_part: return "read_part";
    case Effect::say_attract: return "say_attract";
    case Effect::say_language: return "say_language";
    case Effect::hear: return "hear";
  }
  return "?";
}

bool Transition::has(Effect e) const {
  return std::find(effects.begin(), effects.end(), e) != effects.end();
}

Session wiped() { return Session{}; }

// [SECTION] 2. moving between questions -----------------------------------------

namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// The stored answer at a cursor (top-level or group item field).
std::string stored(const Session& s, const Form& form, const Cursor& c) {
  const Field& top = form.fields[c.field];
  if (top.kind == FieldKind::group) {
    if (c.item < 0) return {};
    const auto it = s.answers.groups.find(top.id);
    if (it == s.answers.groups.end() || static_cast<size_t>(c.item) >= it->second.size()) return {};
    const auto& values = it->second[static_cast<size_t>(c.item)].values;
    const auto v = values.find(top.fields[c.sub].id);
    return v == values.end() ? std::string() : v->second;
  }
  return s.answers.get(top.id);
}

// Puts the cursor on `c` and loads what was answered there before.
void enter(Session& s, const Form& form, Cursor c) {
  s.step = Step::question;
  s.cursor = c;
  s.draft = stored(s, form, c);
  s.caret = std::string::npos;
  s.problem.reset();
  s.confirming_cyrillic = false;
  s.cyrillic_draft.clear();
  s.cyrillic_check = false;
  s.date_precision = precision_of(s.draft);
}

std::optional<size_t> next_visible(const Form& form, const Answers& a, size_t from) {
  for (size_t i = from; i < form.fields.size(); ++i)
    if (is_visible(form.fields[i], a)) return i;
  return std::nullopt;
}

std::optional<size_t> previous_visible(const Form& form, const Answers& a, size_t before) {
  for (size_t i = before; i-- > 0;)
    if (is_visible(form.fields[i], a)) return i;
  return std::nullopt;
}

// Answers to questions that are no longer asked are dropped, so the printed
// petition never carries an answer the person could not see.
void prune_hidden(Session& s, const Form& form) {
  for (const auto& f : form.fields) {
    if (is_visible(f, s.answers)) continue;
    s.answers.values.erase(f.id);
    s.answers.cyrillic.erase(f.id);
    s.answers.groups.erase(f.id);
  }
}

void to_review(Session& s, const Form& form) {
  prune_hidden(s, form);
  s.step = Step::review;
  s.from_review = false;
  s.draft.clear();
  s.caret = std::string::npos;
  s.problem.reset();
  s.confirming_cyrillic = false;
}

// After an answer is stored: the next sub-field, the group's list, the next
// question, or the review.
void advance(Session& s, const Form& form) {
  const Field& top = form.fields[s.cursor.field];
  if (top.kind == FieldKind::group && s.cursor.item >= 0) {
    Cursor c = s.cursor;
    if (c.sub + 1 < top.fields.size()) {
      ++c.sub;
    } else {
      c.item = -1;
      c.sub = 0;
    }
    enter(s, form, c);
    return;
  }
  if (s.from_review) {
    to_review(s, form);
    return;
  }
  if (const auto n = next_visible(form, s.answers, s.cursor.field + 1)) {
    enter(s, form, Cursor{*n, -1, 0});
  } else {
    to_review(s, form);
  }
}

void go_back(Session& s, const Form& form) {
  if (s.confirming_cyrillic) {
    s.confirming_cyrillic = false;
    s.problem.reset();
    return;
  }
  const Field& top = form.fields[s.cursor.field];
  if (top.kind == FieldKind::group && s.cursor.item >= 0) {
    Cursor c = s.cursor;
    if (c.sub > 0) {
      --c.sub;
    } else {
      // Leaving a new, still empty item: it is not kept.
      auto& items = s.answers.groups[top.id];
      const auto idx = static_cast<size_t>(c.item);
      if (idx < items.size() && items[idx].values.empty())
        items.erase(items.begin() + static_cast<std::ptrdiff_t>(idx));
      if (items.empty()) s.answers.groups.erase(top.id);
      c.item = -1;
    }
    enter(s, form, c);
    return;
  }
  if (s.from_review) {
    to_review(s, form);
    return;
  }
  if (const auto p = previous_visible(form, s.answers, s.cursor.field)) {
    enter(s, form, Cursor{*p, -1, 0});
  } else {
    s.step = Step::guidance;
    s.problem.reset();
  }
}

// Stores `value` at the cursor (erasing when blank).
void store(Session& s, const Form& form, const std::string& value) {
  const Field& top = form.fields[s.cursor.field];
  if (top.kind == FieldKind::group) {
    auto& item = s.answers.groups[top.id][static_cast<size_t>(s.cursor.item)];
    const std::string& id = top.fields[s.cursor.sub].id;
    if (blank(value)) {
      item.values.erase(id);
      item.cyrillic.erase(id);
    } else {
      item.values[id] = value;
    }
    return;
  }
  if (blank(value)) {
    s.answers.values.erase(top.id);
    s.answers.cyrillic.erase(top.id);
  } else {
    s.answers.values[top.id] = value;
  }
}

void store_cyrillic(Session& s, const Form& form, const std::string& value) {
  const Field& top = form.fields[s.cursor.field];
  if (top.kind == FieldKind::group) {
    auto& item = s.answers.groups[top.id][static_cast<size_t>(s.cursor.item)];
    item.cyrillic[top.fields[s.cursor.sub].id] = value;
  } else {
    s.answers.cyrillic[top.id] = value;
  }
}

std::string toggled(const std::string& draft, const std::string& option) {
  std::vector<std::string> parts;
  std::istringstream in(draft);
  std::string p;
  bool had = false;
  while (in >> p) {
    if (p == option) had = true;
    else parts.push_back(p);
  }
  if (!had) {
    // "none" and a document cannot both be true.
    if (option == "none") parts.clear();
    else parts.erase(std::remove(parts.begin(), parts.end(), "none"), parts.end());
    parts.push_back(option);
  }
  std::string out;
  for (const auto& x : parts) out += (out.empty() ? "" : " ") + x;
  return out;
}

void answer_next(Session& s, const FlowContext& ctx) {
  const Form& form = ctx.form;
  if (s.confirming_cyrillic) {
    const std::string c = trim(s.cyrillic_draft);
    if (c.empty() || !is_cyrillic(c)) {
      s.problem = FieldProblem{"form.error.cyrillic", 0};
      return;
    }
    store_cyrillic(s, form, name_case(c));
    advance(s, form);
    return;
  }
  const Field* f = current_field(s, form);
  if (!f) {  // a group's list screen
    advance(s, form);
    return;
  }
  std::string value = f->kind == FieldKind::long_text ? s.draft : trim(s.draft);
  // Phone numbers are kept in Western digits so anyone can dial them.
  if (f->kind == FieldKind::phone) value = western_digits(value);
  // Names are kept with capital initials (no keyboard has capitals).
  if (f->kind == FieldKind::name) value = name_case(value);
  if (auto problem = validate(*f, value, ctx.today)) {
    s.problem = problem;
    return;
  }
  // Sanity against the other answers: a child born before the applicant, an
  // arrival before birth.
  if (auto problem = cross_check(s.answers, current_top_field(s, form), s.cursor.item, *f, value)) {
    s.problem = problem;
    return;
  }
  store(s, form, value);
  if (f->transliterate && !blank(value)) {
    if (is_cyrillic(value)) {
      store_cyrillic(s, form, value);
    } else {
      // From the document's Latin spelling when given, else the name list.
      const CyrillicProposal p = propose_cyrillic(form, *f, value, s.answers, s.lang);
      s.confirming_cyrillic = true;
      s.cyrillic_draft = p.text;
      s.cyrillic_check = p.check_with_staff;
      s.problem.reset();
      return;
    }
  }
  advance(s, form);
}

void start_interview(Session& s, const FlowContext& ctx) {
  // The situation answers only choose the advice; they are not testimony.
  // The date the person gave fills the matching date question (arrival, or
  // the day they learned they cannot go back); how they entered is never
  // pre-filled: the petition asks it as their own statement.
  auto& v = s.answers.values;
  const char* date_field = s.situation.realised ? "realised_date" : "entry_date";
  if (!s.situation.arrival.empty() && !v.count(date_field) && ctx.form.find(date_field))
    v[date_field] = s.situation.arrival;
  if (const auto first = next_visible(ctx.form, s.answers, 0)) enter(s, ctx.form, Cursor{*first, -1, 0});
  else to_review(s, ctx.form);
}

// Accepts an arrival date (not in the future, not absurdly old) and moves on.
void set_arrival(Session& n, const std::string& iso, const FlowContext& ctx,
                 std::optional<bool> realised = std::nullopt) {
  Field arrival{};
  arrival.id = "arrival";
  arrival.kind = FieldKind::date;
  arrival.required = true;
  if (auto p = validate(arrival, iso, ctx.today)) {
    n.problem = p;
    return;
  }
  n.problem.reset();
  n.draft.clear();
  n.situation.arrival = iso;
  if (realised) n.situation.realised = *realised;
  n.step = Step::guidance;
}

bool idle_applies(Step step) { return step != Step::attract; }

// The field being typed is a long answer (the story): Enter is a line break.
bool long_answer(const Session& s, const Form& form) {
  if (s.step != Step::question || s.confirming_cyrillic) return false;
  const Field* f = current_field(s, form);
  return f && f->kind == FieldKind::long_text;
}

// An edit at the caret of what is being typed: the draft at its caret, or
// the Cyrillic spelling at its end. A line break only in a long answer.
void edit_typed(Session& n, const Form& form, const std::function<Edited(const std::string&, size_t)>& edit) {
  if (n.confirming_cyrillic) {
    n.cyrillic_draft = edit(n.cyrillic_draft, n.cyrillic_draft.size()).text;
  } else {
    Edited e = edit(n.draft, caret_of(n));
    n.draft = std::move(e.text);
    n.caret = e.caret >= n.draft.size() ? std::string::npos : e.caret;
  }
  (void)form;
  n.problem.reset();
}

}  // namespace

// [SECTION] 3. reduce() --------------------------------------------------------------

namespace {

Session next_session(const Session& s, const Intent& i, const FlowContext& ctx) {
  Session n = s;
  const Form& form = ctx.form;
  std::visit(
      [&](const auto& in) {
        using T = std::decay_t<decltype(in)>;
        if constexpr (std::is_same_v<T, intent::Start>) {
          if (s.step == Step::attract) n.step = Step::language;
        } else if constexpr (std::is_same_v<T, intent::TouchLanguage>) {
          // While listening, the first touch only says the language's name;
          // touching the same language again chooses it.
          if (s.step != Step::language) return;
          if (ctx.listening && s.heard_language != in.code) {
            n.heard_language = in.code;
            return;
          }
          n.lang = in.code;
          n.step = Step::situation;
          n.situation_page = 0;
        } else if constexpr (std::is_same_v<T, intent::NextPart>) {
          if (s.reading_part + 1 < ctx.parts) ++n.reading_part;
        } else if constexpr (std::is_same_v<T, intent::PartRead>) {
          if (ctx.listening && !s.idle_warning && s.asking == Ask::none && s.reading_part + 1 < ctx.parts)
            ++n.reading_part;
        } else if constexpr (std::is_same_v<T, intent::ReadAll>) {
          if (s.step == Step::guidance) n.guidance_full = in.full;
        } else if constexpr (std::is_same_v<T, intent::SetHeadphones>) {
          n.headphones = in.on;
        } else if constexpr (std::is_same_v<T, intent::ChooseLanguage>) {
          n.lang = in.code;  // allowed on every screen; answers stay
          if (s.step == Step::language) {
            n.step = Step::situation;
            n.situation_page = 0;
          }
        } else if constexpr (std::is_same_v<T, intent::SetWhere>) {
          if (s.step != Step::situation || in.where == Where::none) return;
          n.situation.where = in.where;
          n.situation_page = 1;
        } else if constexpr (std::is_same_v<T, intent::SetEntry>) {
          if (s.step != Step::situation || in.entry == Entry::none) return;
          n.situation.entry = in.entry;
          n.situation_page = 2;
        } else if constexpr (std::is_same_v<T, intent::SetArrival>) {
          if (s.step != Step::situation) return;
          set_arrival(n, in.iso_date, ctx, in.realised);
        } else if constexpr (std::is_same_v<T, intent::SetRealised>) {
          if (s.step == Step::situation) n.situation.realised = in.realised;
        } else if constexpr (std::is_same_v<T, intent::Next>) {
          switch (s.step) {
            case Step::attract: n.step = Step::language; break;
            case Step::situation:
              if (s.situation_page == 0 && s.situation.where != Where::none) n.situation_page = 1;
              else if (s.situation_page == 1 && s.situation.entry != Entry::none) n.situation_page = 2;
              else if (s.situation_page == 2) {
                // The picker starts on the arrival given before, else today.
                const std::string v = !s.draft.empty()           ? s.draft
                                      : !s.situation.arrival.empty() ? s.situation.arrival
                                                                     : to_iso(ctx.today);
                set_arrival(n, v, ctx);
              }
              break;
            case Step::guidance: start_interview(n, ctx); break;
            case Step::question: answer_next(n, ctx); break;
            case Step::review: n.step = Step::consent; break;
            case Step::done: n = wiped(); break;
            default: break;
          }
        } else if constexpr (std::is_same_v<T, intent::Back>) {
          switch (s.step) {
            case Step::language: n.step = Step::attract; break;
            case Step::situation:
              n.problem.reset();
              if (s.situation_page > 0) --n.situation_page;
              else n.step = Step::language;
              break;
            case Step::guidance: n.step = Step::situation; n.situation_page = 2; break;
            case Step::question: go_back(n, form); break;
            case Step::review:
              if (const auto p = previous_visible(form, s.answers, form.fields.size()))
                enter(n, form, Cursor{*p, -1, 0});
              break;
            case Step::consent: n.step = Step::review; break;
            case Step::staff_pin: n.step = s.staff_return; break;
            default: break;
          }
        } else if constexpr (std::is_same_v<T, intent::Skip>) {
          if (s.step != Step::question || s.confirming_cyrillic) return;
          const Field* f = current_field(s, form);
          if (!f || f->required) return;
          store(n, form, "");
          advance(n, form);
        } else if constexpr (std::is_same_v<T, intent::SetDraft>) {
          if (s.step == Step::situation && s.situation_page == 2) {
            n.draft = in.text;
            n.problem.reset();
            return;
          }
          if (s.step != Step::question) return;
          if (s.confirming_cyrillic) n.cyrillic_draft = in.text;
          else n.draft = in.text, n.caret = std::string::npos;
          n.problem.reset();
        } else if constexpr (std::is_same_v<T, intent::Type>) {
          if (!typing(s)) return;
          // A physical keyboard's text goes in as it is, at the caret.
          edit_typed(n, form, [&](const std::string& b, size_t c) {
            const size_t at = caret_boundary(b, c);
            return Edited{b.substr(0, at) + in.text + b.substr(at), at + in.text.size()};
          });
        } else if constexpr (std::is_same_v<T, intent::Key>) {
          if (!typing(s)) return;
          edit_typed(n, form, [&](const std::string& b, size_t c) { return type_key_at(b, c, in.key); });
        } else if constexpr (std::is_same_v<T, intent::Erase>) {
          if (!typing(s)) return;
          edit_typed(n, form, [](const std::string& b, size_t c) { return edit_key_at(b, c, EditKey::backspace); });
        } else if constexpr (std::is_same_v<T, intent::EditAt>) {
          if (!typing(s)) return;
          if (in.key == EditKey::newline && !long_answer(s, form)) return;
          edit_typed(n, form, [&](const std::string& b, size_t c) { return edit_key_at(b, c, in.key); });
        } else if constexpr (std::is_same_v<T, intent::MoveCaret>) {
          if (!typing(s) || s.confirming_cyrillic) return;
          const size_t c = caret_step(s.draft, caret_of(s), in.by);
          n.caret = c >= s.draft.size() ? std::string::npos : c;
        } else if constexpr (std::is_same_v<T, intent::Arrow>) {
          if (!typing(s) || s.confirming_cyrillic) return;
          const size_t c = caret_step(s.draft, caret_of(s), in.left == draft_rtl(s) ? 1 : -1);
          n.caret = c >= s.draft.size() ? std::string::npos : c;
        } else if constexpr (std::is_same_v<T, intent::SetCaret>) {
          if (!typing(s) || s.confirming_cyrillic) return;
          const size_t c = caret_boundary(s.draft, in.offset);
          n.caret = c >= s.draft.size() ? std::string::npos : c;
        } else if constexpr (std::is_same_v<T, intent::Enter>) {
          // In a long answer Enter is a line break; Next goes on.
          if (typing(s) && long_answer(s, form))
            edit_typed(n, form, [](const std::string& b, size_t c) { return edit_key_at(b, c, EditKey::newline); });
          else if (typing(s)) answer_next(n, ctx);
        } else if constexpr (std::is_same_v<T, intent::SetCyrillic>) {
          if (s.step == Step::question && s.confirming_cyrillic) n.cyrillic_draft = in.text;
        } else if constexpr (std::is_same_v<T, intent::SetDatePrecision>) {
          // Only on a date that may be partial; a whole date always may be.
          const Field* f = s.step == Step::question && !s.confirming_cyrillic ? current_field(s, form) : nullptr;
          if (!f || f->kind != FieldKind::date) return;
          if (!f->partial_date && in.precision != DatePrecision::day) return;
          n.date_precision = in.precision;
          // What the person picked so far stays (only a touch answers: an
          // untouched picker stays empty).
          if (!s.draft.empty()) n.draft = with_precision(s.draft, in.precision, calendar_for(s.lang));
          n.problem.reset();
        } else if constexpr (std::is_same_v<T, intent::ToggleOption>) {
          const Field* f = s.step == Step::question ? current_field(s, form) : nullptr;
          if (!f) return;
          if (f->kind == FieldKind::multi_choice) n.draft = toggled(s.draft, in.option);
          else if (f->kind == FieldKind::choice) n.draft = in.option;
          n.problem.reset();
        } else if constexpr (std::is_same_v<T, intent::AddItem>) {
          if (s.step != Step::question || current_field(s, form)) return;
          const Field& g = current_top_field(s, form);
          auto& items = n.answers.groups[g.id];
          if (static_cast<int>(items.size()) >= g.max_items) return;
          items.emplace_back();
          enter(n, form, Cursor{s.cursor.field, static_cast<int>(items.size()) - 1, 0});
        } else if constexpr (std::is_same_v<T, intent::EditItem>) {
          if (s.step != Step::question || current_field(s, form)) return;
          const Field& g = current_top_field(s, form);
          const auto it = s.answers.groups.find(g.id);
          if (it == s.answers.groups.end() || in.index < 0 ||
              static_cast<size_t>(in.index) >= it->second.size())
            return;
          enter(n, form, Cursor{s.cursor.field, in.index, 0});
        } else if constexpr (std::is_same_v<T, intent::RemoveItem>) {
          if (s.step != Step::question || current_field(s, form)) return;
          const Field& g = current_top_field(s, form);
          auto it = n.answers.groups.find(g.id);
          if (it == n.answers.groups.end() || in.index < 0 ||
              static_cast<size_t>(in.index) >= it->second.size())
            return;
          it->second.erase(it->second.begin() + in.index);
          if (it->second.empty()) n.answers.groups.erase(it);
        } else if constexpr (std::is_same_v<T, intent::EditAnswer>) {
          if (s.step != Step::review) return;
          for (size_t k = 0; k < form.fields.size(); ++k) {
            if (form.fields[k].id == in.field && is_visible(form.fields[k], s.answers)) {
              enter(n, form, Cursor{k, -1, 0});
              n.from_review = true;
            }
          }
        } else if constexpr (std::is_same_v<T, intent::Agree>) {
          if (s.step != Step::consent) return;
          n.consented = true;
          n.step = Step::print;
        } else if constexpr (std::is_same_v<T, intent::Decline>) {
          if (s.step == Step::consent) n.asking = Ask::decline;  // one tap never deletes
        } else if constexpr (std::is_same_v<T, intent::ConfirmAsk>) {
          if (s.asking == Ask::close_kiosk) {
            n.asking = Ask::none;  // the kiosk closes (step() adds the effect)
          } else if (s.asking == Ask::start_again) {
            n = wiped();
          } else if (s.asking == Ask::decline && s.step == Step::consent) {
            // Nothing is kept: the answers go now, not only at the wipe.
            const std::string lang = s.lang;
            n = wiped();
            n.lang = lang;
            n.last_touch = s.last_touch;
            n.declined = true;
            n.step = Step::done;
          }
        } else if constexpr (std::is_same_v<T, intent::PrintOutcome>) {
          if (s.step == Step::print) n.waiting_for_staff = in.trouble;
        } else if constexpr (std::is_same_v<T, intent::CancelAsk>) {
          n.asking = Ask::none;
        } else if constexpr (std::is_same_v<T, intent::Printed>) {
          if (s.step == Step::print) n.step = Step::done;
        } else if constexpr (std::is_same_v<T, intent::Home>) {
          // Before anything was entered, and on the last screen, starting
          // again loses nothing; anywhere else it asks first.
          if (s.step == Step::attract || s.step == Step::language || s.step == Step::done) n = wiped();
          else if (s.step != Step::staff && s.step != Step::staff_pin) n.asking = Ask::start_again;
        } else if constexpr (std::is_same_v<T, intent::CallStaff>) {
          if (!can_call_staff(s)) return;
          // The help screen covers the step; nothing of the step changes,
          // so going back finds every answer and the draft as they were.
          n.helping = true;
          n.idle_warning = false;
          n.asking = Ask::none;
        } else if constexpr (std::is_same_v<T, intent::HelpBack>) {
          n.helping = false;
        } else if constexpr (std::is_same_v<T, intent::StaffAssist>) {
          if (s.step != Step::staff) return;
          n.assisted = true;
          n.helping = false;
          n.idle_warning = false;
          n.step = s.staff_return;
        } else if constexpr (std::is_same_v<T, intent::Touch>) {
          n.last_touch = in.at;
          n.idle_warning = false;
        } else if constexpr (std::is_same_v<T, intent::StillHere>) {
          n.idle_warning = false;
          n.last_touch = s.last_touch;  // the touch itself arrives as Touch
        } else if constexpr (std::is_same_v<T, intent::Tick>) {
          if (!idle_applies(s.step)) return;
          if (in.speaking && !s.idle_warning && s.step != Step::done) {
            n.last_touch = in.now;  // listening is being here
            return;
          }
          const auto idle = in.now - s.last_touch;
          if (s.step == Step::done && !s.helping) {
            // The thank-you screen wipes itself after the countdown time.
            if (idle >= ctx.settings.idle_countdown) n = wiped();
            return;
          }
          // Sent to find staff, waiting for the staff called, or helped
          // by staff: a longer wait before the warning.
          const auto warn_after = idle_warning_after(s, ctx.settings);
          if (idle >= warn_after + ctx.settings.idle_countdown) n = wiped();
          else if (idle >= warn_after) n.idle_warning = true;
        } else if constexpr (std::is_same_v<T, intent::OpenStaff>) {
          if (s.step == Step::staff_pin || s.step == Step::staff) return;
          n.staff_return = s.step;
          n.step = Step::staff_pin;
          n.asking = Ask::none;  // a question the person had open is not staff's; their answers stay
          n.staff_papers = false;
          n.staff_delete_asked.clear();
        } else if constexpr (std::is_same_v<T, intent::StaffUnlocked>) {
          if (s.step == Step::staff_pin) {
            n.step = Step::staff;
            n.helping = false;  // staff have come
          }
        } else if constexpr (std::is_same_v<T, intent::LeaveStaff>) {
          if (s.step == Step::staff || s.step == Step::staff_pin) n.step = s.staff_return;
          if (n.asking == Ask::close_kiosk) n.asking = Ask::none;
          n.staff_papers = false;
          n.staff_delete_asked.clear();
        } else if constexpr (std::is_same_v<T, intent::CloseKiosk>) {
          if (s.step == Step::staff) n.asking = Ask::close_kiosk;  // confirmed by ConfirmAsk
        } else if constexpr (std::is_same_v<T, intent::Staff>) {
          // The saved papers' page and its delete question (issue 18).
          if (s.step != Step::staff) return;
          switch (in.action) {
            case StaffAction::saved_papers: n.staff_papers = true; break;
            case StaffAction::staff_main:
              n.staff_papers = false;
              n.staff_delete_asked.clear();
              break;
            case StaffAction::ask_delete_saved:
              if (s.staff_papers && !in.reference.empty()) n.staff_delete_asked = in.reference;
              break;
            case StaffAction::delete_saved:
            case StaffAction::keep_saved: n.staff_delete_asked.clear(); break;
            default: break;
          }
        }
        // Print, SaveForStaff and the other Staff actions change nothing of
        // the session: they are effects (see step()).
      },
      i);
  return n;
}

bool leaves_papers_valid(Step to) {
  return to == Step::print || to == Step::done || to == Step::staff || to == Step::staff_pin;
}

}  // namespace

Transition step(const Session& s, const Intent& i, const FlowContext& ctx) {
  Transition t{next_session(s, i, ctx), {}, StaffAction::none, {}};
  // Another screen is read from its first part; a language heard on the
  // language screen is forgotten when it is left.
  auto read_key = [](const Session& x) {  // the screen, whatever shows over it
    return std::string(to_string(x.step)) + "/" + std::to_string(x.situation_page) + "/" +
           std::to_string(x.cursor.field) + "." + std::to_string(x.cursor.item) + "." +
           std::to_string(x.cursor.sub) + "/" + (x.guidance_full ? "f" : "") + "/" + x.lang;
  };
  if (read_key(t.session) != read_key(s)) t.session.reading_part = 0;
  if (t.session.step != Step::language) t.session.heard_language.clear();
  const Session& n = t.session;
  auto add = [&](Effect e) { t.effects.push_back(e); };
  if (n.step == Step::attract && s.step != Step::attract) {
    // Whatever way the attract screen is reached (also back from staff mode
    // or the PIN pad), the session is a fresh one: nothing chosen meanwhile
    // (a language) is the next person's. (Found by fuzz_session.)
    t.session = wiped();
    add(Effect::wipe);
  }
  if (n.declined && !s.declined) add(Effect::forget_answers);
  if (s.step == Step::consent && n.step == Step::print) add(Effect::store_record);
  // Printed papers would no longer match changed answers.
  if (s.step == Step::print && !leaves_papers_valid(n.step) && !t.has(Effect::wipe))
    add(Effect::forget_papers);
  if (n.step != s.step && (s.step == Step::question || n.step == Step::question))
    add(Effect::reset_keyboard);
  if (screen_key(n) != screen_key(s)) add(Effect::screen_changed);
  std::visit(
      [&](const auto& in) {
        using T = std::decay_t<decltype(in)>;
        if constexpr (std::is_same_v<T, intent::Print>) {
          if (s.step == Step::print && s.consented) add(Effect::print_papers);
        } else if constexpr (std::is_same_v<T, intent::SaveForStaff>) {
          if (s.step == Step::print && s.consented) add(Effect::save_papers);
        } else if constexpr (std::is_same_v<T, intent::Staff>) {
          if (s.step != Step::staff) return;
          switch (in.action) {
            case StaffAction::none:
            case StaffAction::saved_papers:
            case StaffAction::staff_main:
            case StaffAction::ask_delete_saved:
            case StaffAction::keep_saved: return;  // the page or the question only
            case StaffAction::print_saved:
              if (!s.staff_papers || in.reference.empty()) return;
              t.staff_reference = in.reference;
              break;
            case StaffAction::delete_saved:
              // Only what staff confirmed: the reference asked, asked now.
              if (s.staff_delete_asked.empty() || in.reference != s.staff_delete_asked) return;
              t.staff_reference = s.staff_delete_asked;
              break;
            default: break;
          }
          add(Effect::staff_action);
          t.staff = in.action;
        } else if constexpr (std::is_same_v<T, intent::ConfirmAsk>) {
          if (s.step == Step::staff && s.asking == Ask::close_kiosk) add(Effect::close_kiosk);
        } else if constexpr (std::is_same_v<T, intent::ListenCyrillic>) {
          // The Russian voice reads the proposal as it stands now, word by
          // word, so that a person who cannot read it checks it by ear.
          if (s.step == Step::question && s.confirming_cyrillic && !s.idle_warning) {
            t.hear = cyrillic_readout(s.cyrillic_draft);
            if (!t.hear.text.empty()) add(Effect::hear);
          }
        } else if constexpr (std::is_same_v<T, intent::CallStaff>) {
          if (n.helping && !s.helping) add(Effect::call_staff);  // once per call
        } else if constexpr (std::is_same_v<T, intent::ReadBack>) {
          // Only the person's own asking reads their text aloud.
          if (typing(s) && !s.confirming_cyrillic && !s.draft.empty()) add(Effect::read_back);
        } else if constexpr (std::is_same_v<T, intent::NextPart> || std::is_same_v<T, intent::PartRead>) {
          if (n.reading_part != s.reading_part) add(Effect::read_part);
        } else if constexpr (std::is_same_v<T, intent::RepeatPart>) {
          if (ctx.parts > 0 && !s.idle_warning) add(Effect::read_part);
        } else if constexpr (std::is_same_v<T, intent::Listen>) {
          if (s.step == Step::attract) add(Effect::say_attract);
        } else if constexpr (std::is_same_v<T, intent::TouchLanguage>) {
          if (n.step == Step::language && n.heard_language == in.code) add(Effect::say_language);
        } else if constexpr (std::is_same_v<T, intent::Hear>) {
          if (s.step != Step::staff && s.step != Step::staff_pin && !in.what.text.empty()) {
            add(Effect::hear);
            t.hear = in.what;
          }
        } else if constexpr (std::is_same_v<T, intent::Tick>) {
          // Choices made on the attract screen by someone who walked away
          // are not the next person's.
          if (s.step == Step::attract && in.now - s.last_touch >= ctx.settings.idle_warning)
            add(Effect::reset_access);
        }
      },
      i);
  return t;
}

Session reduce(const Session& s, const Intent& i, const FlowContext& ctx) {
  return step(s, i, ctx).session;
}

bool typing(const Session& s) { return s.step == Step::question && !s.idle_warning && !s.helping; }

bool can_call_staff(const Session& s) {
  return s.step != Step::attract && s.step != Step::staff && s.step != Step::staff_pin;
}

size_t caret_of(const Session& s) { return caret_boundary(s.draft, s.caret); }

bool draft_rtl(const Session& s) {
  switch (text::first_strong_direction(s.draft)) {
    case text::Direction::rtl: return true;
    case text::Direction::ltr: return false;
    default: break;
  }
  const Language* l = find_language(s.lang);
  return l && l->rtl;
}

std::string screen_key(const Session& s) {
  return std::string(to_string(s.step)) + "/" + std::to_string(s.situation_page) + "/" +
         std::to_string(s.cursor.field) + "." + std::to_string(s.cursor.item) + "." +
         std::to_string(s.cursor.sub) + "/" + (s.confirming_cyrillic ? "c" : "") +
         (s.idle_warning ? "i" : "") + (s.asking != Ask::none ? "a" : "") + (s.helping ? "h" : "") +
         (s.guidance_full ? "f" : "") + "/" + s.lang;
}

// [SECTION] 4. queries -----------------------------------------------------------------

std::chrono::seconds idle_warning_after(const Session& s, const FlowSettings& settings) {
  std::chrono::seconds after = settings.idle_warning;
  if (s.waiting_for_staff && s.step == Step::print) after = std::max(after, settings.staff_hold);
  if (s.helping) after = std::max(after, settings.help_wait);
  if (s.assisted) after = std::max(after, settings.assisted_idle);
  return after;
}

int idle_seconds_left(const Session& s, std::chrono::steady_clock::time_point now,
                      const FlowSettings& settings) {
  if (!s.idle_warning) return 0;
  const auto end = s.last_touch + idle_warning_after(s, settings) + settings.idle_countdown;
  const auto left = std::chrono::ceil<std::chrono::seconds>(end - now).count();
  return left < 0 ? 0 : static_cast<int>(left);
}

const Field& current_top_field(const Session& s, const Form& form) {
  return form.fields[std::min(s.cursor.field, form.fields.size() - 1)];
}

const Field* current_field(const Session& s, const Form& form) {
  const Field& top = current_top_field(s, form);
  if (top.kind != FieldKind::group) return &top;
  if (s.cursor.item < 0) return nullptr;
  return &top.fields[std::min(s.cursor.sub, top.fields.size() - 1)];
}

std::pair<int, int> progress(const Session& s, const Form& form) {
  int index = 0, total = 0;
  for (size_t k = 0; k < form.fields.size(); ++k) {
    if (!is_visible(form.fields[k], s.answers)) continue;
    ++total;
    if (k <= s.cursor.field) index = total;
  }
  return {index, total};
}

}  // namespace kiosk
