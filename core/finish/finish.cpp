#include "finish/finish.hpp"

#include "base/paths.hpp"
#include "content/guidance.hpp"
#include "document/reference.hpp"
#include "locale/language.hpp"
#include "seal/seal.hpp"

#include <cstdio>
#include <cstdlib>

namespace kiosk {

std::optional<Deadline> session_deadline(const Content& content, const Situation& situation,
                                         std::chrono::year_month_day today) {
  if (situation.arrival.empty() || situation.entry == Entry::none) return std::nullopt;
  const auto arrival = parse_iso_date(std::string_view(situation.arrival));
  if (!arrival) return std::nullopt;
  // "unsure" counts like entry not through a checkpoint: the shorter time.
  const EntryKind entry = situation.entry == Entry::checkpoint ? EntryKind::checkpoint
                                                               : EntryKind::not_through_checkpoint;
  auto d = compute_deadline(content.deadline, entry, *arrival, today);
  if (!d) return std::nullopt;
  d->realised = situation.realised;
  return *d;
}

bool at_border_post(const Config& config, const Situation& situation) {
  return config.site.kind != SiteKind::desp_office && !config.site.checkpoint.empty() &&
         situation.where != Where::inside;
}

namespace {

// The first free legal help place (KIBHR) with its first phone, in `lang`.
std::string legal_help_line(const Content& content, const Translations& tr, const Language& lang) {
  for (const auto& place : content.places) {
    if (place.kind != "legal_help" || place.phones.empty()) continue;
    // No-break spaces: a phone number never wraps in the middle.
    std::string phone;
    for (char ch : place.phones.front()) phone += ch == ' ' ? std::string("\u00A0") : std::string(1, ch);
    return tr.tr(lang.code, "deadline.help_phone",
                 {{"name", place.name.get(lang.code)}, {"phone", format_phone(phone, lang)}});
  }
  return {};
}

}  // namespace

std::vector<std::string> deadline_sentences(const Deadline& d, const Content& content,
                                            const Translations& tr, const std::string& code) {
  std::vector<std::string> out;
  const Language* lang = find_language(code);
  if (!lang) return out;
  if (d.passed()) {
    out.push_back(tr.tr(code, "deadline.passed_on", {{"date", format_date(d.last_day, *lang)}}));
    out.push_back(tr.tr(code, "deadline.go_today"));
    out.push_back(tr.tr(code, "deadline.explain_late"));
    if (auto help = legal_help_line(content, tr, *lang); !help.empty()) out.push_back(help);
    return out;
  }
  if (d.same_day) out.push_back(tr.tr(code, "deadline.today_24h"));
  if (!d.counting_confirmed) out.push_back(tr.tr(code, "deadline.rule.unconfirmed"));
  return out;
}

ReceiptInfo receipt_info(const Content& content, const Config& config, const Translations& tr,
                         const std::string& lang, const std::optional<Deadline>& deadline,
                         const Situation& situation) {
  ReceiptInfo info;
  const Language* language = find_language(lang);
  const Language* russian = find_language("ru");
  if (at_border_post(config, situation)) {
    if (const Place* post = content.find_place(config.site.checkpoint)) {
      info.border = true;
      info.checkpoint_name = post->name.get(lang);
      info.checkpoint_name_ru = post->name.get("ru");
    }
  }
  if (const Place* office = content.find_place(config.site.office)) {
    info.office_name = office->name.get(lang);
    info.office_address = office->address.get(lang);
    info.office_name_ru = office->name.get("ru");
    info.office_address_ru = office->address.get("ru");
  }
  if (deadline && language && russian) {
    info.deadline_passed = deadline->passed();
    if (!deadline->passed()) {
      info.deadline = format_date(deadline->last_day, *language);
      info.deadline_ru = format_date(deadline->last_day, *russian);
    }
    info.deadline_lines = deadline_sentences(*deadline, content, tr, lang);
    info.deadline_lines_ru = deadline_sentences(*deadline, content, tr, "ru");
  }
  // What happens next: every step of the guidance in full sentences (the
  // same items and numbers as the guidance screen), then the right to stay.
  auto sentences = [&](const Item& item, const std::string& code) {
    std::vector<std::string> lines;
    MessageArgs args;
    for (const auto& [k, v] : item.args) args.emplace_back(k, v);
    for (const auto& key : item.text_keys) lines.push_back(tr.tr(code, key, args));
    if (item.unconfirmed) lines.push_back(tr.tr(code, "common.unconfirmed"));
    return lines;
  };
  if (const Section* steps = content.find_section("steps")) {
    for (const auto& item : steps->items) {
      ReceiptStep step;
      if (!item.title_key.empty()) {
        step.title = tr.tr(lang, item.title_key);
        step.title_ru = tr.tr("ru", item.title_key);
      }
      step.lines = sentences(item, lang);
      step.lines_ru = sentences(item, "ru");
      info.next_steps.push_back(std::move(step));
    }
  }
  if (const Section* rights = content.find_section("rights_seeker")) {
    for (const auto& item : rights->items) {
      if (item.id != "stay") continue;
      ReceiptStep step{tr.tr(lang, "receipt.stay_title"), tr.tr("ru", "receipt.stay_title"),
                       sentences(item, lang), sentences(item, "ru")};
      info.next_steps.push_back(std::move(step));
    }
  }
  for (const auto& place : content.places) {
    if (place.kind != "unhcr" && place.kind != "legal_help" && place.kind != "aid") continue;
    info.help.push_back(HelpContact{place.name.get(lang), place.name.get("ru"), place.phones});
  }
  return info;
}

std::vector<std::string> record_lines(const Translations& tr, const std::string& lang,
                                      outbox::RecordFate fate) {
  switch (fate) {
    case outbox::RecordFate::stored: return {};
    case outbox::RecordFate::held:
      return {tr.tr(lang, "record.held"), tr.tr(lang, "record.held_off"), tr.tr(lang, "record.papers_count")};
    case outbox::RecordFate::not_kept:
      return {tr.tr(lang, "record.not_kept"), tr.tr(lang, "record.papers_count"), tr.tr(lang, "record.tell_staff")};
  }
  return {};
}

std::vector<std::string> done_lines(const Content& content, const Config& config,
                                    const Translations& tr, const Session& session,
                                    std::chrono::year_month_day today, outbox::RecordFate record) {
  std::vector<std::string> out;
  const std::string& code = session.lang.empty() ? config.kiosk.start_language : session.lang;
  const Language* lang = find_language(code);
  if (session.declined) {
    out.push_back(tr.tr(code, "consent.declined"));
  } else if (lang) {
    const bool border = at_border_post(config, session.situation);
    if (border) {
      out.push_back(tr.tr(code, "done.border_now"));
      if (const Place* post = content.find_place(config.site.checkpoint))
        out.push_back(post->name.get(code));
    }
    if (const auto d = session_deadline(content, session.situation, today)) {
      if (d->passed()) {
        for (auto& l : deadline_sentences(*d, content, tr, code)) out.push_back(std::move(l));
      } else {
        const std::string date = format_date(d->last_day, *lang);
        out.push_back(tr.tr(code, border ? "done.past_border_by" : "done.next", {{"date", date}}));
        if (d->same_day) out.push_back(tr.tr(code, "deadline.today_24h"));
      }
    } else if (border) {
      out.push_back(tr.tr(code, "done.past_border"));
    }
  }
  // What became of the locked copy: its first and last sentence (the print
  // screen said it in full), in place of the goodbye, so that the screen
  // still fits in large text.
  std::vector<std::string> kept;
  if (lang && session.consented && !session.declined) kept = record_lines(tr, code, record);
  if (!kept.empty()) {
    out.push_back(kept.front());
    out.push_back(kept.back());
  }
  out.push_back(tr.tr(code, "done.wiped"));
  if (kept.empty()) out.push_back(tr.tr(code, "done.goodbye"));
  return out;
}

Result<SessionDocuments> session_documents(const Config& config, const Form& form,
                                           const Translations& tr, const Content& content,
                                           const Session& session, const std::string& reference,
                                           std::chrono::year_month_day today, bool sample) {
  const auto deadline = session_deadline(content, session.situation, today);
  const ReceiptInfo info = receipt_info(content, config, tr, session.lang, deadline, session.situation);
  const std::string addressee = info.border ? config.site.checkpoint : config.site.office;
  return prepare_documents(config, form, tr, session.answers, session.lang, info, reference, today,
                           addressee, sample);
}

Session sample_session(const Sample& sample) {
  Session s = wiped();
  s.lang = sample.lang;
  s.situation = sample.situation;
  s.answers = sample.answers;
  s.consented = true;
  s.step = Step::print;
  return s;
}

Result<SessionDocuments> sample_documents(const Config& config, const Form& form,
                                          const Translations& tr, const Content& content,
                                          const Sample& sample, std::chrono::year_month_day today) {
  return session_documents(config, form, tr, content, sample_session(sample), make_reference_code(),
                           today, true);
}

Result<SessionDocuments> prepare_sample_documents(const Config& config, const Form& form,
                                                  const Translations& tr,
                                                  const std::string& language,
                                                  std::chrono::year_month_day today) {
  auto content = load_content(data_dir() / "assets/content");
  if (!content) return content.error();
  auto sample = load_sample(samples_file(), form, language, today);
  if (!sample) return sample.error();
  return sample_documents(config, form, tr, *content, *sample, today);
}

FinishedRecord session_record(const Config& config, const Form& form, const Session& session,
                              const std::string& reference) {
  // Local time in Kazakhstan, ISO 8601 with its offset.
  const auto kz = local_time_kz(std::chrono::system_clock::now());
  char created[40];
  std::snprintf(created, sizeof created, "%sT%02d:%02d:00%+03d:%02d", to_iso(kz.date).c_str(),
                kz.hour, kz.minute, kz.utc_offset_minutes / 60, std::abs(kz.utc_offset_minutes % 60));
  InstanceMeta meta{seal::new_instance_id(), config.site.id, session.lang, reference, created, false};
  return FinishedRecord{meta.instance_id,
                        build_instance_xml(form, session.situation, session.answers, meta)};
}

}  // namespace kiosk
