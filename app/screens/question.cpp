// The petition interview: one question per screen. What is drawn depends on
// the field's kind: keyboard and answer box, date picker, options, or the
// list of a repeatable group (family members). After a name in another
// script comes its Cyrillic form for the official petition, to confirm.
#include <imgui.h>

#include <algorithm>

#include "flow/name_check.hpp"
#include "flow/session.hpp"
#include "speech/speech.hpp"
#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

namespace {

using kiosk::Field;
using kiosk::FieldKind;

// "form.<id>" or, inside a group, "form.<group>.<id>".
std::string key_base(const ScreenContext& ctx) {
  const Field& top = kiosk::current_top_field(ctx.session, ctx.form);
  const Field* f = kiosk::current_field(ctx.session, ctx.form);
  if (f && f != &top) return "form." + top.id + "." + f->id;
  return "form." + top.id;
}

void draw_group_list(ScreenContext& ctx, const Field& group, float y) {
  const float w = ctx.width - 2 * parts::kMargin;
  const auto it = ctx.session.answers.groups.find(group.id);
  const size_t count = it == ctx.session.answers.groups.end() ? 0 : it->second.size();
  if (count == 0) {
    ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
    ui::paragraph(ctx, ctx.t("form." + group.id + ".empty"), w);
    y += 80.0f;
  }
  for (size_t i = 0; i < count; ++i) {
    const auto& item = it->second[i];
    std::string summary;
    for (const auto& sub : group.fields) {
      const auto v = item.values.find(sub.id);
      if (v == item.values.end()) continue;
      std::string shown = v->second;
      if (sub.kind == FieldKind::choice) shown = ctx.t("form." + group.id + "." + sub.id + ".option." + v->second);
      if (sub.kind == FieldKind::date) shown = ui::date_words(ctx, v->second);
      // Never " · " in Dari: it looks like the Persian zero (review row D2).
      summary += (summary.empty() ? "" : ui::rtl(ctx) ? "، " : " · ") + shown;
    }
    const auto xs = parts::row_positions(ctx, {w - 2 * 260.0f - 2 * parts::kGap, 260.0f, 260.0f},
                                         parts::kMargin, w);
    ImGui::SetCursorPos(ImVec2(xs[0], y));
    {
      const ui::PersonalText personal;
      ui::paragraph(ctx, summary, w - 2 * 260.0f - 2 * parts::kGap);
    }
    ImGui::SetCursorPos(ImVec2(xs[1], y));
    if (ui::small_button(ctx, "edit-" + std::to_string(i), ctx.t("group.edit"), 260.0f))
      ctx.push(kiosk::intent::EditItem{static_cast<int>(i)});
    ImGui::SetCursorPos(ImVec2(xs[2], y));
    if (ui::small_button(ctx, "remove-" + std::to_string(i), ctx.t("group.remove"), 260.0f))
      ctx.push(kiosk::intent::RemoveItem{static_cast<int>(i)});
    y += 100.0f;
  }
  if (static_cast<int>(count) < group.max_items) {
    ImGui::SetCursorPos(ImVec2(parts::kMargin, y + 10.0f));
    if (ui::big_button(ctx, "add", ctx.t("form." + group.id + ".add"), 640.0f, true))
      ctx.push(kiosk::intent::AddItem{});
  }
}

}  // namespace

void draw_question(ScreenContext& ctx) {
  ui::begin_screen("question");
  const auto& s = ctx.session;
  const float w = ctx.width - 2 * parts::kMargin;
  parts::top_bar(ctx, ctx.t("question.title"));
  const Field& top = kiosk::current_top_field(s, ctx.form);
  const Field* f = kiosk::current_field(s, ctx.form);
  const std::string base = key_base(ctx);
  // A long question is set a size smaller, so that it and the answer fit
  // above the keyboard; it may still wrap. So is every question in large
  // text, where the keyboard leaves less room.
  // The question asked on screen: form.<id>.question (second person) when
  // the locale has one, else the petition's label.
  const std::string qkey = f ? base : "form." + top.id;
  const std::string question =
      ctx.t(ctx.tr.catalog(ctx.lang()).has(qkey + ".question") ? qkey + ".question" : qkey + ".label");
  const bool smaller = ui::look().large_text ||
                       ui::layout_text(ctx, question, {ui::Font::title, ui::Align::start, w}).lines.size() > 1;
  const ui::TextOpts question_opts{smaller ? ui::Font::heading : ui::Font::title, ui::Align::start, w};
  const float question_h = ui::layout_text(ctx, question, question_opts).height;
  const float line = ui::layout_text(ctx, "Ag", {ui::Font::body, ui::Align::start, -1}).height;
  const bool typed = f && !s.confirming_cyrillic &&
                     (f->kind == FieldKind::name || f->kind == FieldKind::text ||
                      f->kind == FieldKind::long_text || f->kind == FieldKind::phone);

  // "Question 3 of 24" yields its row when a long question, its answer and
  // a line for a problem would not fit above the keyboard (large text).
  const auto [index, total] = kiosk::progress(s, ctx.form);
  float y = parts::top_bar_height(ctx) + 6.0f;
  const float answer_h = question_h + 12.0f + 100.0f + 6.0f + line;
  // The Cyrillic check is part of the name question: no row of its own.
  if (!s.confirming_cyrillic && (!typed || y + line + 12.0f + answer_h <= parts::keyboard_top(ctx)))
    y += parts::progress(ctx, index, total, y) + 12.0f;

  if (const auto view = kiosk::name_check_view(s)) {
    // The Cyrillic check: the room above the keyboard is for the proposal,
    // the staff note and the Listen button.
    // The title yields when the body, the staff note and the answer would
    // not fit above the keyboard (large text).
    const std::string title = ctx.t("question.cyrillic.title");
    const std::string body = ctx.t("question.cyrillic.body", {{"name", view->typed}});
    const bool large = ui::look().large_text;
    auto height_of = [&](const std::string& t, ui::Font font) {
      return ui::layout_text(ctx, t, {font, ui::Align::start, w}).height + 8.0f;
    };
    const float below_title = height_of(body, ui::Font::body) +
                              (view->staff_note_key.empty() ? 0.0f : height_of(ctx.t(view->staff_note_key), ui::Font::body)) +
                              6.0f + 160.0f;  // the answer box and its problem line, as drawn below
    const float title_h = height_of(title, large ? ui::Font::heading : ui::Font::title) + (large ? 0.0f : 8.0f);
    const bool with_title =
        y + title_h + below_title <= parts::keyboard_top(ctx, ctx.config.site.petition_language);
    ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
    if (with_title) {
      if (large) ui::heading(ctx, title, w);
      else ui::title(ctx, title, w);
      ImGui::SetCursorPosX(parts::kMargin);
    }
    {
      const ui::PersonalText personal;
      ui::paragraph(ctx, body, w);
    }
    // Spelled from its letters alone: staff should look at it.
    if (!view->staff_note_key.empty()) {
      ImGui::SetCursorPosX(parts::kMargin);
      ui::warning(ctx, ctx.t(view->staff_note_key), w);
    }
    y = ImGui::GetCursorPosY() + 6.0f;
    // The Russian voice reads the proposal (core's effect), when there is one.
    const bool listen = kiosk::speech::has_voice(view->readout.lang);
    const float listen_w = std::max(240.0f, ui::button_width(ctx, ctx.t(view->listen_key)));
    const float box_w = listen ? w - listen_w - parts::kGap : w;
    const auto xs = parts::row_positions(ctx, {box_w, listen_w}, parts::kMargin, w);
    parts::answer_box(ctx, view->proposal, y, 100.0f, box_w, xs[0]);
    if (listen) {
      ImGui::SetCursorPos(ImVec2(xs[1], y + 2.0f));
      if (ui::big_button(ctx, "listen", ctx.t(view->listen_key), listen_w))
        ctx.push(kiosk::intent::ListenCyrillic{});
    }
    parts::problem_line(ctx, y + 106.0f);
    parts::keyboard(ctx, y + 160.0f, false, ctx.config.site.petition_language);
    parts::bottom_bar(ctx, {.back = true, .home = true, .next = true,
                            .next_label = ctx.t("question.cyrillic.ok")});
    ui::end_screen();
    return;
  }

  ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
  ui::text(ctx, question, question_opts);
  // Below the question's own height (not ImGui's item spacing): the room
  // above the keyboard is tight.
  y += question_h + 8.0f;
  if (!f) {  // a group's list screen
    ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
    ui::paragraph(ctx, ctx.t("form." + top.id + ".hint"), w);
    draw_group_list(ctx, top, y + 90.0f);
    parts::bottom_bar(ctx, {.back = true, .home = true, .next = true});
    ui::end_screen();
    return;
  }
  switch (f->kind) {
    case FieldKind::name:
    case FieldKind::text:
    case FieldKind::long_text:
    case FieldKind::phone: {
      // The answer area takes what the question, the line for a problem
      // and the keyboard leave.
      const float room = parts::keyboard_top(ctx) - (y + 4.0f) - line - 8.0f;
      const bool story = f->kind == FieldKind::long_text;
      // (a portrait screen has room for a taller story, its button below it)
      const float story_h = parts::narrow(ctx) ? 480.0f : 190.0f;
      const float box_h = std::clamp(room, 100.0f, story ? story_h : 100.0f);
      if (story) parts::story_box(ctx, y + 4.0f, box_h);
      else parts::answer_box(ctx, s.draft, y + 4.0f, box_h);
      parts::problem_line(ctx, y + 4.0f + box_h + 4.0f);
      parts::keyboard(ctx, y + box_h + 80.0f, f->kind == FieldKind::phone, {}, story);
      break;
    }
    case FieldKind::date: {
      // "I know only the year" (or year and month), where the form allows it.
      float py = y + 10.0f;
      if (f->partial_date) py += parts::date_precision_choice(ctx, s.date_precision, y + 4.0f) + 14.0f;
      // The picker starts somewhere sensible, but only a touch answers.
      parts::date_picker(ctx, s.draft,
                         f == &top && f->id == "birth_date" ? "1990-01-01"
                                                            : kiosk::to_iso(ctx.today),
                         py, s.date_precision);
      parts::problem_line(ctx, py + 470.0f);
      break;
    }
    case FieldKind::choice:
    case FieldKind::multi_choice:
      parts::option_buttons(ctx, base + ".option.", f->options, s.draft,
                            f->kind == FieldKind::multi_choice, y + 10.0f);
      parts::problem_line(ctx, ctx.height - parts::bottom_bar_height(ctx) - 70.0f);
      break;
    case FieldKind::group:
      break;
  }
  parts::bottom_bar(ctx, {.back = true, .home = true,
                          .next = f->kind != FieldKind::choice || !s.draft.empty(),
                          .skip = !f->required});
  ui::end_screen();
}

}  // namespace app
