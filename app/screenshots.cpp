#include "screenshots.hpp"

#include <tuple>

#include "base/today.hpp"
#include "document/samples.hpp"
#include "locale/language.hpp"

namespace app {

namespace {

// A fictitious person's answers, typed in each language's own script: the
// language's sample person (assets/documents/samples.toml) where it has
// one, else Arabic-script answers for a language written in it, Latin
// otherwise.
struct Sample {
  std::string surname, given, city, country, child, story, story_more;
};
Sample sample_for(const std::string& lang, const kiosk::Form& form) {
  const kiosk::Language* l = kiosk::find_language(lang);
  const bool arabic = l && l->script == "Arab";
  Sample out = arabic ? Sample{"رحیمی", "زرغونه", "هرات", "افغانستان", "احمد", "به خاطر عقیده‌ام تهدید شدم.", "؟"}
                      : Sample{"Sample", "Jane", "Kabul", "Afghanistan", "Test Child",
                               "I was threatened because of my beliefs.", "!"};
  auto person = kiosk::load_sample(kiosk::samples_file(), form, lang, kiosk::local_today());
  if (!person) return out;
  const auto& a = person->answers;
  auto take = [&](std::string& to, const char* id) {
    if (const std::string v = a.get(id); !v.empty()) to = v;
  };
  take(out.surname, "surname");
  take(out.given, "given_name");
  take(out.city, "birth_place");
  take(out.country, "citizenship");
  take(out.story, "grounds_story");
  return out;
}

}  // namespace

const std::vector<std::string>& screenshot_names() {
  static const std::vector<std::string> names = {
      "attract", "language", "language-heard", "situation-where", "situation-entry", "situation-arrival",
      "guidance", "guidance-full", "question-name", "question-error", "question-cyrillic", "question-choice",
      "question-date", "question-date-year", "question-family", "question-multi", "question-long", "review",
      "consent", "print", "done", "idle", "ask", "help", "staff_pin", "staff",
      // The outbox could not store the record: held in memory (issue 18).
      "print-held", "done-held"};
  // Each again in large text and high contrast (the layout depends only
  // on the text size; the colours are the other palette).
  static const std::vector<std::string> all = [] {
    std::vector<std::string> v = names;
    for (const auto& n : names) v.push_back(n + "-large-contrast");
    return v;
  }();
  return all;
}

std::vector<ScreenshotState> screenshot_states(const kiosk::Form& form, const std::string& lang,
                                               std::chrono::steady_clock::time_point now) {
  using namespace kiosk;
  namespace in = kiosk::intent;
  const FlowContext ctx{form, FlowSettings{}, local_today()};
  std::vector<ScreenshotState> out;
  Session s = wiped();
  s.last_touch = now;
  auto go = [&](const Intent& i) { s = reduce(s, i, ctx); };
  auto shot = [&](const std::string& name) { out.push_back({name, s, UiState{}}); };
  const Sample sample = sample_for(lang, form);

  s.lang = lang;  // the attract screen shows every language anyway
  shot("attract");
  s.lang.clear();
  go(in::Start{});
  s.lang = lang;
  shot("language");
  {  // read aloud: the language was touched once and said its name
    Session heard = s;
    heard.heard_language = lang;
    out.push_back({"language-heard", heard, UiState{}});
  }
  go(in::ChooseLanguage{lang});
  shot("situation-where");
  go(in::SetWhere{kiosk::Where::airport});
  shot("situation-entry");
  go(in::SetEntry{kiosk::Entry::checkpoint});
  shot("situation-arrival");
  go(in::Next{});
  shot("guidance");
  {  // everything, its second part being read
    Session full = s;
    full.guidance_full = true;
    full.reading_part = 1;
    out.push_back({"guidance-full", full, UiState{}});
  }
  go(in::Next{});
  if (current_top_field(s, form).id == "latin_document") go(in::ToggleOption{"no"}), go(in::Next{});
  go(in::SetDraft{sample.surname.substr(0, sample.surname.size() - 2)});
  shot("question-name");
  go(in::SetDraft{""});
  go(in::Next{});
  shot("question-error");
  go(in::SetDraft{sample.surname});
  go(in::Next{});
  // The check at its fullest: with the note that sends the person to staff
  // (a spelling from letter rules), which takes a line more above the keyboard.
  if (s.confirming_cyrillic) {
    Session c = s;
    c.cyrillic_check = true;
    out.push_back({"question-cyrillic", c, UiState{}});
    go(in::Next{});
  } else {
    // Cyrillic names need no confirmation; show the proposal screen with
    // the given name typed in Latin instead.
    Session c = s;
    c.draft = "Olena";
    c.confirming_cyrillic = true;
    c.cyrillic_draft = "Олена";
    c.cyrillic_check = true;
    out.push_back({"question-cyrillic", c, UiState{}});
  }
  go(in::SetDraft{sample.given});
  go(in::Next{});
  if (s.confirming_cyrillic) go(in::Next{});
  go(in::Skip{});  // patronymic
  go(in::Skip{});  // other names
  shot("question-choice");
  go(in::ToggleOption{"female"});
  go(in::Next{});
  go(in::SetDraft{"1991-04-12"});
  shot("question-date");
  {
    // "I know only the year": the picker shows the year alone.
    const Session year_only = reduce(s, in::SetDatePrecision{DatePrecision::year}, ctx);
    out.push_back({"question-date-year", year_only, UiState{}});
  }
  go(in::Next{});
  go(in::SetDraft{sample.city});
  go(in::Next{});
  go(in::ToggleOption{"citizen"});
  go(in::Next{});
  go(in::SetDraft{sample.country});
  go(in::Next{});
  go(in::Skip{});
  go(in::Skip{});
  go(in::ToggleOption{"married"});
  go(in::Next{});
  go(in::AddItem{});
  go(in::SetDraft{sample.child});
  go(in::Next{});
  if (s.confirming_cyrillic) go(in::Next{});
  go(in::SetDraft{"2019-06-01"});
  go(in::Next{});
  go(in::ToggleOption{"child"});
  go(in::Next{});
  shot("question-family");
  // Jump ahead to the grounds (a multi choice) and the story (long text).
  while (s.step == Step::question && current_top_field(s, form).id != "grounds") {
    const Field* f = current_field(s, form);
    if (f && !f->required) go(in::Skip{});
    else if (f && f->kind == FieldKind::date) go(in::SetDraft{"2026-11-01"}), go(in::Next{});
    else if (f && (f->kind == FieldKind::choice || f->kind == FieldKind::multi_choice))
      go(in::ToggleOption{f->options.front()}), go(in::Next{});
    else if (f) go(in::SetDraft{sample.city}), go(in::Next{});
    else go(in::Next{});
  }
  go(in::ToggleOption{"religion"});
  go(in::ToggleOption{"political_opinion"});
  shot("question-multi");
  go(in::Next{});
  // Two lines of the story, with the caret back inside the first.
  go(in::SetDraft{sample.story});
  go(in::EditAt{EditKey::newline});
  go(in::Key{sample.story_more});
  go(in::MoveCaret{-20});
  shot("question-long");
  {
    Session help = s;  // "I need help" over the story: nothing of it changes
    help.helping = true;
    out.push_back({"help", help, UiState{}});
  }
  go(in::Next{});
  while (s.step == Step::question) go(in::Skip{});
  shot("review");
  go(in::Next{});
  shot("consent");
  go(in::Agree{});
  shot("print");
  go(in::Printed{});
  shot("done");

  Session idle = out[static_cast<size_t>(out.size() - 4)].session;  // over the review
  idle.idle_warning = true;
  idle.last_touch = now - std::chrono::seconds(100);
  out.push_back({"idle", idle, UiState{}});
  Session ask = out[static_cast<size_t>(out.size() - 5)].session;  // over the review
  ask.asking = Ask::start_again;
  out.push_back({"ask", ask, UiState{}});
  Session pin = wiped();
  pin.lang = lang;
  pin.step = Step::staff_pin;
  UiState pin_ui;
  pin_ui.pin = "13";
  out.push_back({"staff_pin", pin, pin_ui});
  Session staff = pin;
  staff.step = Step::staff;
  staff.staff_return = Step::question;  // from a session: "Continue with the person" shows
  out.push_back({"staff", staff, UiState{}});
  // The print and done screens when the outbox could not store the record
  // and it is held, sealed, in memory.
  UiState held;
  held.record = outbox::RecordFate::held;
  for (const char* name : {"print", "done"})
    for (const auto& state : std::vector<ScreenshotState>(out))
      if (state.name == name) out.push_back({state.name + "-held", state.session, held});
  const size_t n = out.size();
  for (size_t i = 0; i < n; ++i) {
    ScreenshotState v = out[i];
    v.name += "-large-contrast";
    v.ui.large_text = true;
    v.ui.high_contrast = true;
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace app
