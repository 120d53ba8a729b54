// The session reducer fed a random sequence of intents (kiosk::step), with
// the petition form. Each input byte string is read as intents: one byte
// picks the intent, the next ones its argument (a word from a small list of
// the answers, ids and dates a person or a screen gives, or raw bytes).
// Invariants checked after every step (a failure aborts):
//  - no crash (ASan/UBSan in the libFuzzer build);
//  - answers change only by their own intents: typing, options, language,
//    staff, printing and touches never change them; Next/Enter/Skip/Back
//    change only the current question's answer and drop answers to
//    questions no longer asked; family intents only the current group; the
//    situation's date only the petition's date fields;
//  - a wipe leaves an empty session, "I do not agree" leaves no answers;
//  - the record is stored only with consent; staff effects only in staff mode.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <set>

#include "base/paths.hpp"
#include "flow/session.hpp"
#include "form/form.hpp"
#include "fuzz_common.hpp"

using namespace kiosk;

namespace {

struct Reader {
  const uint8_t* p;
  size_t n;
  bool empty() const { return n == 0; }
  uint8_t byte() {
    if (n == 0) return 0;
    --n;
    return *p++;
  }
  std::string raw() {
    const size_t len = std::min<size_t>(byte() % 24, n);
    std::string s(reinterpret_cast<const char*>(p), len);
    p += len;
    n -= len;
    return s;
  }
  std::string word() {
    static const char* const words[] = {
        "", "ru", "en", "fa-AF", "kk", "uk", "x-bad", "airport", "land_border", "inside", "checkpoint",
        "not_checkpoint", "unsure", "2026-11-20", "2026-11-21", "2026-11-22", "1991-04-12", "2019-06-01", "31-12-2020",
        "female", "male", "married", "single", "citizen", "stateless", "no", "yes", "child", "spouse", "religion",
        "political_opinion", "passport", "other", "Примерова", "Анна", "رحیمی", "زرغونه", "Rahimi", "Olena",
        "surname", "given_name", "birth_date", "grounds", "story", "phone", "family", "+7 701 555 01 23", "a",
        "Kabul", "I was threatened.", "Меня преследовали."};
    const uint8_t b = byte();
    if (b >= 250) return raw();
    return words[b % (sizeof words / sizeof *words)];
  }
};

using Clock = std::chrono::steady_clock;

Intent next_intent(Reader& r, Clock::time_point& now) {
  namespace in = intent;
  const uint8_t kind = r.byte();
  switch (kind % 38) {
    case 0: return in::Start{};
    case 1: return in::ChooseLanguage{r.word()};
    case 2: case 3: case 4: return in::Next{};
    case 5: return in::Back{};
    case 6: return in::Skip{};
    case 7: return in::Home{};
    case 8: return in::ConfirmAsk{};
    case 9: return in::CancelAsk{};
    case 10: return in::SetWhere{kiosk::where_from(r.word())};
    case 11: return in::SetEntry{kiosk::entry_from(r.word())};
    case 12: { const bool realised = r.byte() & 1; return in::SetArrival{r.word(), realised}; }
    case 13: return in::SetRealised{(r.byte() & 1) != 0};
    case 14: case 15: return in::SetDraft{r.word()};
    case 16: return in::ToggleOption{r.word()};
    case 17: return in::SetCyrillic{r.word()};
    case 18: return in::Type{r.word()};
    case 19: return in::Erase{};
    case 20: return in::Enter{};
    case 21: return in::AddItem{};
    case 22: return in::EditItem{static_cast<int8_t>(r.byte()) % 4};
    case 23: return in::RemoveItem{static_cast<int8_t>(r.byte()) % 4};
    case 24: return in::EditAnswer{r.word()};
    case 25: return in::Agree{};
    case 26: return in::Decline{};
    case 27: return in::Printed{};
    case 28: return in::PrintOutcome{(r.byte() & 1) != 0};
    case 29: now += std::chrono::seconds(r.byte()); return in::Touch{now};
    case 30: {
      now += std::chrono::seconds(r.byte() * 4);
      return in::Tick{now, (r.byte() & 1) != 0};
    }
    case 31: return in::StillHere{};
    case 32: return in::OpenStaff{};
    case 33: return in::StaffUnlocked{};
    case 34: return in::LeaveStaff{};
    case 35: return (r.byte() & 1) ? Intent{in::Print{}} : Intent{in::SaveForStaff{}};
    case 36: {
      const auto action = static_cast<StaffAction>(r.byte() % 16);
      return in::Staff{action, r.word()};
    }
    default: return in::CloseKiosk{};
  }
}

[[noreturn]] void broken(const char* what, const Session& before, const Intent& i) {
  std::fprintf(stderr, "fuzz_session: %s (step %s, intent #%zu)\n", what, to_string(before.step), i.index());
  std::abort();
}

// The top-level answer keys that differ between two answer sets.
std::set<std::string> changed(const Answers& a, const Answers& b) {
  std::set<std::string> out;
  auto cmp = [&](const auto& x, const auto& y) {
    for (const auto& [k, v] : x) {
      auto it = y.find(k);
      if (it == y.end() || !(it->second == v)) out.insert(k);
    }
    for (const auto& [k, v] : y)
      if (!x.count(k)) out.insert(k);
  };
  cmp(a.values, b.values);
  cmp(a.cyrillic, b.cyrillic);
  // Group items compared field by field.
  for (const auto& [k, items] : a.groups) {
    auto it = b.groups.find(k);
    if (it == b.groups.end() || it->second.size() != items.size()) {
      out.insert(k);
      continue;
    }
    for (size_t j = 0; j < items.size(); ++j)
      if (items[j].values != it->second[j].values || items[j].cyrillic != it->second[j].cyrillic) out.insert(k);
  }
  for (const auto& [k, items] : b.groups)
    if (!a.groups.count(k)) out.insert(k);
  return out;
}

bool no_answers(const Answers& a) { return a.values.empty() && a.cyrillic.empty() && a.groups.empty(); }

bool is_wiped(const Session& s) {
  const Session w = wiped();
  return s.step == w.step && s.lang.empty() && no_answers(s.answers) && s.draft.empty() && s.cyrillic_draft.empty() &&
         s.situation.where == kiosk::Where::none && s.situation.entry == kiosk::Entry::none && s.situation.arrival.empty() && !s.consented &&
         !s.declined && !s.problem && !s.confirming_cyrillic && !s.idle_warning && s.asking == Ask::none &&
         !s.waiting_for_staff && !s.staff_papers && s.staff_delete_asked.empty() && s.cursor == w.cursor;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Form form = [] {
    auto f = load_form(data_dir() / "assets/form/petition.toml");
    if (!f) {
      std::fprintf(stderr, "fuzz_session: %s\n", f.error().describe().c_str());
      std::abort();
    }
    return std::move(f).value();
  }();
  const FlowContext ctx{form, FlowSettings{},
                        std::chrono::year_month_day{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{21}}};
  Reader r{data, size};
  Clock::time_point now{};  // a fixed origin: the run does not depend on the clock
  Session s = wiped();
  s.last_touch = now;
  for (int steps = 0; !r.empty() && steps < 2000; ++steps) {
    const Intent i = next_intent(r, now);
    const Transition t = step(s, i, ctx);
    const Session& n = t.session;
    (void)screen_key(n);
    (void)typing(n);
    (void)idle_warning_after(n, ctx.settings);
    if (n.step == Step::question && current_field(n, form) == nullptr && n.cursor.item >= 0)
      broken("a question step with no field on screen", s, i);

    if (t.has(Effect::wipe) && !is_wiped(n)) {
      std::fprintf(stderr, "fuzz_session: after the wipe: step %s lang '%s' answers %zu draft %zu where '%s' consented %d "
                   "declined %d asking %d staff_papers %d\n", to_string(n.step), n.lang.c_str(), n.answers.values.size(),
                   n.draft.size(), kiosk::to_string(n.situation.where), n.consented, n.declined, static_cast<int>(n.asking),
                   n.staff_papers);
      broken("a wipe left something of the session", s, i);
    }
    if (t.has(Effect::forget_answers) && !no_answers(n.answers)) broken("'I do not agree' kept answers", s, i);
    if (t.has(Effect::store_record) && (!n.consented || n.declined)) broken("a record stored without consent", s, i);
    if ((t.has(Effect::staff_action) || t.has(Effect::close_kiosk)) && s.step != Step::staff)
      broken("a staff effect outside staff mode", s, i);
    if (t.has(Effect::staff_action) && t.staff == StaffAction::delete_saved &&
        (s.staff_delete_asked.empty() || t.staff_reference != s.staff_delete_asked))
      broken("saved papers deleted without the question", s, i);

    // Answers change only by their own intents.
    const auto diff = changed(s.answers, n.answers);
    if (!diff.empty() && !t.has(Effect::wipe) && !t.has(Effect::forget_answers)) {
      const std::string current =
          s.step == Step::question && s.cursor.field < form.fields.size() ? form.fields[s.cursor.field].id : "";
      auto dropped_hidden = [&](const std::string& k) {
        const Field* f = form.find(k);
        return f && !is_visible(*f, n.answers) && !n.answers.values.count(k) && !n.answers.groups.count(k);
      };
      auto date_field = [](const std::string& k) { return k == "entry_date" || k == "realised_date"; };
      std::visit(
          [&](const auto& in) {
            using T = std::decay_t<decltype(in)>;
            for (const auto& k : diff) {
              bool ok = false;
              if constexpr (std::is_same_v<T, intent::Next> || std::is_same_v<T, intent::Enter> ||
                            std::is_same_v<T, intent::Skip> || std::is_same_v<T, intent::Back> ||
                            std::is_same_v<T, intent::EditAnswer>) {
                // Leaving the situation or the guidance starts the interview:
                // the situation's date fills the petition's date question.
                ok = k == current || dropped_hidden(k) ||
                     ((s.step == Step::situation || s.step == Step::guidance) && date_field(k));
              } else if constexpr (std::is_same_v<T, intent::AddItem> || std::is_same_v<T, intent::EditItem> ||
                                   std::is_same_v<T, intent::RemoveItem>) {
                ok = k == current || dropped_hidden(k);
              } else if constexpr (std::is_same_v<T, intent::SetArrival> || std::is_same_v<T, intent::SetRealised>) {
                ok = date_field(k);
              }
              if (!ok) {
                std::fprintf(stderr, "fuzz_session: answer '%s' changed\n", k.c_str());
                broken("an answer changed by an intent that is not its own", s, i);
              }
            }
          },
          i);
    }
    s = n;
  }
  return 0;
}
