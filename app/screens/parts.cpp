// Shared screen pieces. Sections:
//   [1] rows and bars   [2] keyboard   [3] date picker   [4] options, problems
#include "screens/parts.hpp"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

#include "base/paths.hpp"
#include "input/keyboard.hpp"
#include "locale/calendar.hpp"
#include "locale/language.hpp"
#include "ui/widgets.hpp"

namespace app::parts {

// [SECTION] 1. rows and bars -----------------------------------------------------

bool narrow(const ScreenContext& ctx) { return ctx.width < 1400.0f; }

namespace {
constexpr float kLangH = 80.0f;        // small_button's height
constexpr float kLangGap = 12.0f;
constexpr float kLangStep = 90.0f + kLangGap;  // from one row of language buttons to the next
constexpr float kLangPad = 2 * 16.0f + 2.0f;   // small_button's padding, and a little for rounding
constexpr float kNarrowRow2 = 14.0f + kLangH + 16.0f;  // the title row's top in a narrow top bar

// Each language's name as wide as it is on one line, in its own script.
std::vector<float> language_name_widths(const ScreenContext& ctx) {
  std::vector<float> names;
  for (const auto& code : ctx.config.kiosk.languages) {
    const auto* l = kiosk::find_language(code);
    names.push_back(l ? std::ceil(ui::layout_text(ctx, l->native_name, {ui::Font::name, ui::Align::center, -1, code})
                                      .natural_width())
                      : 0.0f);
  }
  return names;
}

// A narrow top bar puts the language buttons in one row, or in two when
// their names do not fit in one (six languages in large text).
int language_rows(const ScreenContext& ctx) {
  if (!narrow(ctx)) return 1;
  float sum = -kLangGap;
  for (float n : language_name_widths(ctx)) sum += std::max(90.0f, n + kLangPad) + kLangGap;
  return sum <= ctx.width - 2 * kMargin ? 1 : 2;
}

float narrow_title_row(const ScreenContext& ctx) {
  return kNarrowRow2 + static_cast<float>(language_rows(ctx) - 1) * kLangStep;
}
}  // namespace

float top_bar_height(const ScreenContext& ctx) { return narrow(ctx) ? narrow_title_row(ctx) + 106.0f : kTopBar; }
float bottom_bar_height(const ScreenContext& ctx) {
  return narrow(ctx) ? kBottomBar + kButtonH + kGap : kBottomBar;
}

std::vector<float> row_positions(const ScreenContext& ctx, const std::vector<float>& widths,
                                 float left, float span, float gap) {
  std::vector<float> xs;
  float x = left;
  for (float w : widths) {
    xs.push_back(ui::rtl(ctx) ? left + span - (x - left) - w : x);
    x += w + gap;
  }
  return xs;
}

float access_buttons(ScreenContext& ctx, float x, float y) {
  UiState* ui = ctx.ui;
  if (!ui) return 0;
  const float b = 90.0f, gap = 12.0f;
  const auto xs = row_positions(ctx, {b, b, b, b}, x, kAccessW, gap);
  const bool on = ui->read_aloud < 0 ? ctx.config.kiosk.read_aloud_default : ui->read_aloud == 1;
  const int vol = ui->volume < 0 ? ctx.config.kiosk.speech_volume : ui->volume;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 o = ImGui::GetWindowPos();
  auto fg_of = [](bool sel) { return sel ? ui::colour(ui::Colour::accent_text) : ui::colour(ui::Colour::text); };
  // 1. read aloud: a speaker; on = filled. Without a voice for the language
  // (Pashto), the speaker and volume buttons give way to a short note in it.
  if (!ui->speech_available) {
    const float box = 2 * b + gap;
    const std::string note = ctx.t("access.no_voice.short");
    const ui::TextOpts opts{ui::Font::small, ui::Align::center, box, {}, ui::colour(ui::Colour::muted)};
    const float h = ui::layout_text(ctx, note, opts).height;
    ImGui::SetCursorPos(ImVec2(std::min(xs[0], xs[1]), y + std::max(0.0f, (b - h) / 2)));
    ui::text(ctx, note, opts);
  } else {
    ImGui::SetCursorPos(ImVec2(xs[0], y));
    if (ui::icon_button(ctx, "speak", b, on)) {
      ui->read_aloud = on ? 0 : 1;
      ui->speak_now = !on;
    }
    const ImVec2 c(o.x + xs[0] + b / 2 - ImGui::GetScrollX(), o.y + y + b / 2 - ImGui::GetScrollY());
    const ImU32 fg = fg_of(on);
    dl->AddRectFilled(ImVec2(c.x - 22, c.y - 9), ImVec2(c.x - 10, c.y + 9), fg);
    dl->AddTriangleFilled(ImVec2(c.x - 12, c.y), ImVec2(c.x + 4, c.y - 20), ImVec2(c.x + 4, c.y + 20), fg);
    dl->AddRectFilled(ImVec2(c.x - 12, c.y - 9), ImVec2(c.x + 4, c.y + 9), fg);
    dl->PathArcTo(ImVec2(c.x + 4, c.y), 12, -0.9f, 0.9f, 10);
    dl->PathStroke(fg, 0, 3.5f);
    dl->PathArcTo(ImVec2(c.x + 4, c.y), 22, -0.9f, 0.9f, 12);
    dl->PathStroke(fg, 0, 3.5f);
    // 2. volume: three bars, as many filled as the level.
    ImGui::SetCursorPos(ImVec2(xs[1], y));
    if (ui::icon_button(ctx, "volume", b, false)) {
      ui->volume = vol >= 90 ? 30 : (vol >= 55 ? 100 : 60);
      ui->speak_now = true;
    }
    const ImVec2 v(o.x + xs[1] + b / 2 - ImGui::GetScrollX(), o.y + y + b / 2 - ImGui::GetScrollY());
    const int level = vol >= 90 ? 3 : (vol >= 55 ? 2 : (vol > 0 ? 1 : 0));
    for (int i = 0; i < 3; ++i) {
      const float bx = v.x - 27 + static_cast<float>(i) * 20, bh = 14.0f + static_cast<float>(i) * 12;
      const ImVec2 a(bx, v.y + 20 - bh), z(bx + 14, v.y + 20);
      if (i < level) dl->AddRectFilled(a, z, fg_of(false));
      else dl->AddRect(a, z, fg_of(false), 0, 0, 2.5f);
    }
  }
  // 3. text size: "A" small and big; on = large.
  ImGui::SetCursorPos(ImVec2(xs[2], y));
  if (ui::icon_button(ctx, "text-size", b, ui->large_text)) ui->large_text = !ui->large_text;
  {
    const ImVec2 c(o.x + xs[2] + b / 2 - ImGui::GetScrollX(), o.y + y + b / 2 - ImGui::GetScrollY());
    const ImU32 fg = fg_of(ui->large_text);
    auto glyph_a = [&](float cx, float base, float hgt, float th) {
      dl->AddLine(ImVec2(cx - hgt * 0.38f, base), ImVec2(cx, base - hgt), fg, th);
      dl->AddLine(ImVec2(cx, base - hgt), ImVec2(cx + hgt * 0.38f, base), fg, th);
      dl->AddLine(ImVec2(cx - hgt * 0.2f, base - hgt * 0.4f), ImVec2(cx + hgt * 0.2f, base - hgt * 0.4f), fg, th);
    };
    glyph_a(c.x - 16, c.y + 14, 20, 3.0f);
    glyph_a(c.x + 12, c.y + 18, 38, 4.0f);
  }
  // 4. high contrast: a circle half filled.
  ImGui::SetCursorPos(ImVec2(xs[3], y));
  if (ui::icon_button(ctx, "contrast", b, ui->high_contrast)) ui->high_contrast = !ui->high_contrast;
  {
    const ImVec2 c(o.x + xs[3] + b / 2 - ImGui::GetScrollX(), o.y + y + b / 2 - ImGui::GetScrollY());
    const ImU32 fg = fg_of(ui->high_contrast);
    dl->AddCircle(c, 24, fg, 32, 3.5f);
    dl->PathArcTo(c, 24, -1.5707963f, 1.5707963f, 24);
    dl->PathFillConvex(fg);
  }
  return kAccessW;
}

float headphones_width(const ScreenContext& ctx) {
  if (!ctx.ui || !ctx.ui->speech_available) return 0;
  return std::max(300.0f, ui::button_width(ctx, ctx.t("access.headphones")));
}

void headphones_button(ScreenContext& ctx, float x, float y, float width) {
  if (!ctx.ui || !ctx.ui->speech_available) return;
  const bool on = kiosk::answers_aloud(ctx.session, ctx.config);
  ImGui::SetCursorPos(ImVec2(x, y));
  if (ui::big_button(ctx, on ? "headphones-on" : "headphones-off", ctx.t("access.headphones"),
                     width > 0 ? width : headphones_width(ctx), on ? ui::ButtonKind::primary : ui::ButtonKind::secondary)) {
    ctx.push(kiosk::intent::SetHeadphones{!on});
    ctx.push(kiosk::intent::Hear{{ctx.lang(), ctx.t(on ? "headphones.off" : "headphones.on")}});
  }
}

void access_buttons_bottom(ScreenContext& ctx) {
  access_buttons(ctx, (ctx.width - kAccessW) / 2, ctx.height - 90.0f - 56.0f);
}

void top_bar(ScreenContext& ctx, const std::string& title) {
  const float w = ctx.width - 2 * kMargin;
  const auto& langs = ctx.config.kiosk.languages;
  // Each language button is as wide as its name needs (one line, in its
  // own script), so that large text still leaves the title room.
  const std::vector<float> names = language_name_widths(ctx);
  std::vector<float> widths;
  float langs_w = -kLangGap;
  for (float nw : names) {
    widths.push_back(std::max(130.0f, nw + 40.0f));
    langs_w += widths.back() + kLangGap;
  }
  const bool two_rows = narrow(ctx);
  // A narrow layout: the languages have the first row (or two) to
  // themselves, each row shared out evenly (less padding where the names
  // are long).
  const int rows = language_rows(ctx);
  const size_t per_row = (langs.size() + static_cast<size_t>(rows) - 1) / static_cast<size_t>(rows);
  std::vector<float> row_w(static_cast<size_t>(rows), -kLangGap);
  if (two_rows && !widths.empty()) {
    for (size_t r = 0; r < static_cast<size_t>(rows); ++r) {
      const size_t a = r * per_row, b = std::min(langs.size(), a + per_row);
      float natural = -kLangGap;
      for (size_t i = a; i < b; ++i) natural += widths[i] + kLangGap;
      if (natural > w)
        for (size_t i = a; i < b; ++i) widths[i] = std::max(90.0f, names[i] + kLangPad);
      float sum = 0;
      for (size_t i = a; i < b; ++i) sum += widths[i];
      const float n = static_cast<float>(b - a);
      const float extra = std::max(0.0f, (w - (n - 1) * kLangGap - sum) / n);
      for (size_t i = a; i < b; ++i) {
        widths[i] = std::floor(widths[i] + extra);
        row_w[r] += widths[i] + kLangGap;
      }
    }
  } else {
    row_w[0] = langs_w;
  }
  // Title at the start side, then the accessibility buttons, language
  // buttons at the end side (narrow: the languages above, the title and
  // the accessibility buttons in the row below).
  const float title_w = two_rows ? w - kAccessW - kGap : w - langs_w - kAccessW - 2 * kGap;
  auto xs = two_rows ? row_positions(ctx, {title_w, kAccessW}, kMargin, w)
                     : row_positions(ctx, {title_w, kAccessW, langs_w}, kMargin, w);
  const float row2 = two_rows ? narrow_title_row(ctx) : 14.0f;
  // The bar is 120 px high: the title takes the largest font in which it
  // fits there (large text makes it wrap sooner).
  ui::Font font = ui::Font::name;
  for (ui::Font f : {ui::Font::heading, ui::Font::body, ui::Font::small}) {
    if (ui::layout_text(ctx, title, {f, ui::Align::start, title_w}).height <= 100.0f) {
      font = f;
      break;
    }
  }
  ImGui::SetCursorPos(ImVec2(xs[0], row2));
  ui::text(ctx, title, {font, ui::Align::start, title_w});
  access_buttons(ctx, xs[1], row2);
  for (size_t r = 0; r < static_cast<size_t>(rows); ++r) {
    const size_t a = r * per_row, b = std::min(langs.size(), a + per_row);
    const float lang_x = two_rows ? (ui::rtl(ctx) ? kMargin + w - row_w[r] : kMargin) : xs[2];
    const std::vector<float> these(widths.begin() + static_cast<std::ptrdiff_t>(a),
                                   widths.begin() + static_cast<std::ptrdiff_t>(b));
    const auto lx = row_positions(ctx, these, lang_x, row_w[r], kLangGap);
    for (size_t i = a; i < b; ++i) {
      const auto* l = kiosk::find_language(langs[i]);
      if (!l) continue;
      ImGui::SetCursorPos(ImVec2(lx[i - a], 14.0f + static_cast<float>(r) * kLangStep));
      if (ui::small_button(ctx, "lang-" + l->code, l->native_name, widths[i], l->code == ctx.lang()))
        ctx.push(kiosk::intent::ChooseLanguage{l->code});
    }
  }
}

void bottom_bar(ScreenContext& ctx, const Nav& nav) {
  const float y = ctx.height - kBottomBar + 22.0f;
  const float w = ctx.width - 2 * kMargin;
  struct Item {
    std::string id, label;
    float width;
    kiosk::Intent intent;
    bool compact = false;  // "I need help" as a square "?" in a full row
  };
  std::vector<Item> start, end;
  // Each button is as wide as its label needs, but never narrower than the
  // usual size, so a long label stays on one line.
  auto width_for = [&](const std::string& label, float at_least) {
    return std::max(at_least, ui::button_width(ctx, label));
  };
  if (nav.back) start.push_back({"back", ctx.t("nav.back"), width_for(ctx.t("nav.back"), 300.0f), kiosk::intent::Back{}});
  if (nav.home) start.push_back({"home", ctx.t("nav.home"), width_for(ctx.t("nav.home"), 360.0f), kiosk::intent::Home{}});
  if (nav.help && kiosk::can_call_staff(ctx.session))
    start.push_back({"help", ctx.t("nav.help"), width_for(ctx.t("nav.help"), 260.0f), kiosk::intent::CallStaff{}});
  if (nav.access) end.push_back({"access", {}, kAccessW, kiosk::intent::Touch{}});
  if (nav.skip) end.push_back({"skip", ctx.t("nav.skip"), width_for(ctx.t("nav.skip"), 300.0f), kiosk::intent::Skip{}});
  if (nav.next) {
    const std::string label = nav.next_label.empty() ? ctx.t("nav.next") : nav.next_label;
    end.push_back({"next", label, width_for(label, 420.0f), kiosk::intent::Next{}});
  }
  // Narrows a row's buttons until they fit in `w`: first "I need help"
  // becomes a square "?" button (read aloud with its words), then each
  // labelled button is only as wide as its label.
  auto fit = [&](std::vector<Item*> row, bool labels_first = false) {
    float used = -kGap;
    for (const auto* i : row) used += i->width + kGap;
    if (labels_first && used > w) {  // narrow rows: "I need help" keeps its words if it can
      used = -kGap;
      for (auto* i : row) {
        if (i->id != "access") i->width = ui::button_width(ctx, i->label);
        used += i->width + kGap;
      }
    }
    if (used > w)
      for (auto* i : row)
        if (i->id == "help") used -= i->width - kButtonH, i->width = kButtonH, i->compact = true;
    if (used > w) {
      used = -kGap;
      for (auto* i : row) {
        if (i->id != "access" && i->id != "help") i->width = ui::button_width(ctx, i->label);
        used += i->width + kGap;
      }
    }
    return used;
  };
  auto draw = [&](const std::vector<Item*>& first, const std::vector<Item*>& last, float used, float at) {
    std::vector<float> widths;
    for (const auto* i : first) widths.push_back(i->width);
    // A spacer pushes the forward buttons to the end side.
    widths.push_back(std::max(0.0f, w - used - kGap));
    for (const auto* i : last) widths.push_back(i->width);
    const auto xs = row_positions(ctx, widths, kMargin, w);
    size_t k = 0;
    for (auto* i : first) {
      ImGui::SetCursorPos(ImVec2(xs[k++], at));
      if (ui::big_button(ctx, i->id, i->compact ? std::string(1, '?') : i->label, i->width)) ctx.push(i->intent);
      if (i->compact) ui::also_read(ctx, i->label);
    }
    ++k;  // spacer
    for (auto* i : last) {
      ImGui::SetCursorPos(ImVec2(xs[k++], at));
      if (i->id == "access") {
        access_buttons(ctx, xs[k - 1], at + 3.0f);  // 90 px in a row of 96
        continue;
      }
      if (ui::big_button(ctx, i->id, i->label, i->width, i->id == "next")) ctx.push(i->intent);
    }
  };
  std::vector<Item*> first, last;
  for (auto& i : start) first.push_back(&i);
  for (auto& i : end) last.push_back(&i);
  float one_row = -kGap;
  for (const auto* i : first) one_row += i->width + kGap;
  for (const auto* i : last) one_row += i->width + kGap;
  if (narrow(ctx) && one_row > w && !first.empty() && !last.empty()) {
    // A narrow layout: Back, Start again and "I need help" in a row above
    // the forward buttons, each row as wide as the screen.
    // "I need help" goes down to the start of the lower row if it keeps
    // its words there and not above.
    auto width_of = [&](const std::vector<Item*>& row) {
      float used = -kGap;
      for (const auto* i : row) used += ui::button_width(ctx, i->label) + kGap;
      return used;
    };
    std::vector<Item*> lower_first;
    if (width_of(first) > w && !first.empty() && first.back()->id == "help") {
      std::vector<Item*> with = last;
      with.insert(with.begin(), first.back());
      if (width_of(with) <= w) {
        lower_first.push_back(first.back());
        first.pop_back();
      }
    }
    const float lower = ctx.height - kBottomBar + 22.0f;
    draw(first, {}, fit(first, true), lower - kButtonH - kGap);
    std::vector<Item*> all_lower = lower_first;
    all_lower.insert(all_lower.end(), last.begin(), last.end());
    draw(lower_first, last, fit(all_lower, true), lower);
    return;
  }
  std::vector<Item*> all = first;
  all.insert(all.end(), last.begin(), last.end());
  draw(first, last, fit(all), y);
}

void help_button(ScreenContext& ctx, float width) {
  if (!kiosk::can_call_staff(ctx.session)) return;
  const std::string label = ctx.t("nav.help");
  if (ui::big_button(ctx, "help", label, width > 0 ? width : std::max(300.0f, ui::button_width(ctx, label))))
    ctx.push(kiosk::intent::CallStaff{});
}

float progress(ScreenContext& ctx, int index, int total, float y) {
  // "Question 3 of 24" at the start side and the bar beside it on one line,
  // so that the question and its answer keep the height.
  const float w = ctx.width - 2 * kMargin;
  const std::string label = ctx.t("question.progress", {{"index", int64_t{index}}, {"total", int64_t{total}}});
  const auto& p = ui::layout_text(ctx, label, {ui::Font::body, ui::Align::start, -1});
  const float text_w = std::ceil(p.natural_width()) + 1.0f;
  const float bar_w = std::max(0.0f, w - text_w - 2 * kGap);
  const auto xs = row_positions(ctx, {text_w, bar_w}, kMargin, w, 2 * kGap);
  ImGui::SetCursorPos(ImVec2(xs[0], y));
  ui::text(ctx, label, {ui::Font::body, ui::Align::start, text_w});
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetWindowPos();
  const float bar_y = origin.y + y + std::floor(p.height / 2) - 6.0f;
  const float bar_x = origin.x + xs[1];
  const float frac = total > 0 ? static_cast<float>(index) / static_cast<float>(total) : 0.0f;
  dl->AddRectFilled(ImVec2(bar_x, bar_y), ImVec2(bar_x + bar_w, bar_y + 12), ui::colour(ui::Colour::track), 6.0f);
  const float fill = bar_w * frac;
  const float x0 = ui::rtl(ctx) ? bar_x + bar_w - fill : bar_x;
  dl->AddRectFilled(ImVec2(x0, bar_y), ImVec2(x0 + fill, bar_y + 12), ui::colour(ui::Colour::accent), 6.0f);
  return p.height;
}

void answer_box(ScreenContext& ctx, const std::string& text, float y, float height, float width,
                float x) {
  // A long answer stays inside its area and shows its end, where typing goes.
  const float w = width > 0 ? width : ctx.width - 2 * kMargin;
  ImGui::SetCursorPos(ImVec2(x >= 0 ? x : kMargin, y));
  ImGui::BeginChild("answer-area", ImVec2(w, height), false,
                    ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  {
    const ui::PersonalText personal;
    ui::text_field(ctx, "answer", text, true, {}, w);
  }
  ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();
}

void story_box(ScreenContext& ctx, float y, float height) {
  const auto& s = ctx.session;
  const float w = ctx.width - 2 * kMargin;
  const std::string listen = ctx.t("question.read_back");
  const float bw = std::clamp(ui::button_width(ctx, listen), 300.0f, 460.0f);
  const float bh = std::max(kButtonH, ui::button_height(ctx, listen, bw));
  if (narrow(ctx) && height > 2 * bh + kGap) {
    // A narrow layout: the editor across the screen, the button below it
    // at the end side.
    ImGui::SetCursorPos(ImVec2(kMargin, y));
    {
      const ui::PersonalText personal;
      if (const auto at = ui::text_editor(ctx, "answer", s.draft, kiosk::caret_of(s), w, height - bh - kGap))
        ctx.push(kiosk::intent::SetCaret{*at});
    }
    ImGui::SetCursorPos(ImVec2(row_positions(ctx, {w - bw, bw}, kMargin, w, 0.0f)[1], y + height - bh));
    if (ui::big_button(ctx, "read-back", listen, bw)) ctx.push(kiosk::intent::ReadBack{});
    return;
  }
  const auto xs = row_positions(ctx, {w - bw - kGap, bw}, kMargin, w);
  ImGui::SetCursorPos(ImVec2(xs[0], y));
  {
    const ui::PersonalText personal;  // the story is the person's own text
    if (const auto at = ui::text_editor(ctx, "answer", s.draft, kiosk::caret_of(s), w - bw - kGap, height))
      ctx.push(kiosk::intent::SetCaret{*at});
  }
  ImGui::SetCursorPos(ImVec2(xs[1], y + std::max(0.0f, (height - bh) / 2)));
  if (ui::big_button(ctx, "read-back", listen, bw)) ctx.push(kiosk::intent::ReadBack{});
}

// [SECTION] 2. keyboard ------------------------------------------------------------

namespace {

// The layouts were loaded with the site; nothing is read while drawing.
const kiosk::KeyboardLayout* layout(const ScreenContext& ctx, const std::string& id) {
  return ctx.services ? ctx.services->keyboard(id) : nullptr;
}

// How many keys wide the zero-width non-joiner key (نیم‌فاصله) is: two,
// three in a narrow layout, where keys are narrower and its word must fit.
size_t zwnj_units(const ScreenContext& ctx) { return narrow(ctx) ? 3 : 2; }

// The letter rows as drawn and the width of a key. On 1920 every row of a
// layout fits with 118 px keys. A narrow layout splits a row that does
// not fit with keys of at least 90 px into halves (ЙЦУКЕН | ГШЩЗХЪ), and
// the keys share out the width (90-118 px).
struct KeyRows {
  std::vector<std::vector<std::string>> rows;
  float key_w = 118.0f;
};
KeyRows key_rows(const ScreenContext& ctx, const kiosk::KeyboardLayout& k) {
  KeyRows out;
  const float avail = narrow(ctx) ? ctx.width - 24.0f : ctx.width - 2 * kMargin;
  const size_t zwnj = zwnj_units(ctx);
  auto units = [&](const std::vector<std::string>& row) {
    size_t n = 0;
    for (const auto& key : row) n += key == "zwnj" ? zwnj : 1;
    return n;
  };
  const size_t most = static_cast<size_t>(std::max(1.0f, std::floor((avail + kKeyGap) / (kKeyH + kKeyGap))));
  size_t widest = 1;
  for (const auto& row : k.rows) {
    if (!narrow(ctx) || units(row) <= most) {
      out.rows.push_back(row);
    } else {
      const size_t parts = (units(row) + most - 1) / most;
      const size_t each = (row.size() + parts - 1) / parts;
      for (size_t i = 0; i < row.size(); i += each)
        out.rows.emplace_back(row.begin() + static_cast<std::ptrdiff_t>(i),
                              row.begin() + static_cast<std::ptrdiff_t>(std::min(row.size(), i + each)));
    }
  }
  for (const auto& row : out.rows) widest = std::max(widest, units(row));
  const float n = static_cast<float>(widest);
  out.key_w = std::min(118.0f, std::floor((avail - (n - 1) * kKeyGap) / n));
  return out;
}

// Rows below the letters: switch keyboards, space, backspace (and for a
// story the line break and arrows); a narrow layout has the switch keys
// (and line break) in a row of their own above the editing keys.
float special_rows(const ScreenContext& ctx) { return narrow(ctx) ? 2.0f : 1.0f; }

// Where a keyboard of `rows` letter rows starts.
float top_for(const ScreenContext& ctx, float rows) {
  const float below = special_rows(ctx);
  return ctx.height - bottom_bar_height(ctx) - 12.0f - (rows * (kKeyH + kKeyGap) + below * kKeyH +
                                                         (below - 1) * kKeyGap);
}

}  // namespace

float keyboard_top(const ScreenContext& ctx) {
  if (narrow(ctx)) return keyboard_top(ctx, {});
  return top_for(ctx, 4);
}

float keyboard_top(const ScreenContext& ctx, const std::string& force_layout) {
  // The highest of the layouts the person can switch to, so that what is
  // above does not move when they switch.
  const std::vector<std::string> ids =
      force_layout.empty() ? kiosk::keyboards_for(ctx.lang()) : std::vector<std::string>{force_layout, "digits"};
  float top = ctx.height;
  for (const auto& id : ids) {
    const kiosk::KeyboardLayout* k = layout(ctx, id);
    if (!k) return top_for(ctx, 4);
    top = std::min(top, top_for(ctx, static_cast<float>(key_rows(ctx, *k).rows.size())));
  }
  return top;
}

float keyboard(ScreenContext& ctx, float y, bool digits_first, const std::string& force_layout,
               bool story) {
  std::vector<std::string> ids = kiosk::keyboards_for(ctx.lang());
  if (!force_layout.empty()) ids = {force_layout, "digits"};
  if (digits_first) std::rotate(ids.begin(), ids.end() - 1, ids.end());
  const size_t current = ctx.ui ? ctx.ui->keyboard % ids.size() : 0;
  const kiosk::KeyboardLayout* k = layout(ctx, ids[current]);
  KeyRows drawn;
  if (k) {
    // Anchored above the navigation bar, whatever the question above needs.
    drawn = key_rows(ctx, *k);
    y = top_for(ctx, static_cast<float>(drawn.rows.size()));
  }
  if (!k) {
    ImGui::SetCursorPos(ImVec2(kMargin, y));
    ui::paragraph(ctx, ctx.t("error.content"), ctx.width - 2 * kMargin);
    return 100.0f;
  }
  const float key_h = kKeyH;
  const float key_w = drawn.key_w;
  const float gap = kKeyGap;
  const float zwnj_n = static_cast<float>(zwnj_units(ctx));
  auto width_of = [&](const std::string& key) { return key == "zwnj" ? zwnj_n * key_w + (zwnj_n - 1) * gap : key_w; };
  float row_y = y;
  const bool rtl_keys = k->rtl;  // key order follows the layout's own script
  for (const auto& row : drawn.rows) {
    float row_w = -gap;
    for (const auto& key : row) row_w += width_of(key) + gap;
    float x = (ctx.width - row_w) / 2.0f;
    for (size_t i = 0; i < row.size(); ++i) {
      const size_t idx = rtl_keys ? row.size() - 1 - i : i;
      const std::string& key = row[idx];
      ImGui::SetCursorPos(ImVec2(x, row_y));
      const std::string label = key == "zwnj" ? ctx.t("keyboard.zwnj") : key;
      if (ui::key_button(ctx, "key-" + key, label, width_of(key), key_h))
        ctx.push(kiosk::intent::Key{key});
      x += width_of(key) + gap;
    }
    row_y += key_h + gap;
  }
  // Switch keyboards, space, backspace, in reading order. A switch key is
  // as wide as its name needs ("Українська" on one line in large text).
  std::vector<float> widths;
  for (const auto& id : ids) {
    const kiosk::KeyboardLayout* other = layout(ctx, id);
    widths.push_back(other ? std::max(200.0f, ui::button_width(ctx, other->name) - 40.0f) : 200.0f);
  }
  // A long answer also has a line break and the two arrows; its space bar
  // is shorter to make room.
  const float space_w = story ? 300.0f : 520.0f;
  widths.push_back(space_w);
  widths.push_back(220.0f);
  if (story) {
    widths.push_back(std::max(200.0f, ui::button_width(ctx, ctx.t("keyboard.newline")) - 40.0f));
    widths.push_back(key_w);
    widths.push_back(key_w);
  }
  // Where each of them goes: one row, or (narrow) the switch keys and the
  // line break in a row above space, backspace and the arrows.
  std::vector<float> xs(widths.size()), ys(widths.size(), row_y);
  {
    std::vector<std::vector<size_t>> groups(1);
    for (size_t i = 0; i < widths.size(); ++i) groups[0].push_back(i);
    if (narrow(ctx)) {
      groups.assign(2, {});
      for (size_t i = 0; i < widths.size(); ++i) {
        const bool switches = i < ids.size() || (story && i == ids.size() + 2);
        groups[switches ? 0 : 1].push_back(i);
      }
    }
    float at_y = row_y;
    for (const auto& g : groups) {
      std::vector<float> gw;
      float total = -10.0f;
      for (size_t i : g) gw.push_back(widths[i]), total += widths[i] + 10.0f;
      // (the switch row keeps a slightly wider gap: it is not letters)
      const auto gx = row_positions(ctx, gw, (ctx.width - total) / 2.0f, total, 10.0f);
      for (size_t j = 0; j < g.size(); ++j) xs[g[j]] = gx[j], ys[g[j]] = at_y;
      at_y += key_h + gap;
    }
    row_y = at_y - key_h - gap;
  }
  for (size_t i = 0; i < ids.size(); ++i) {
    const kiosk::KeyboardLayout* other = layout(ctx, ids[i]);
    ImGui::SetCursorPos(ImVec2(xs[i], ys[i]));
    if (other && ui::key_button(ctx, "kb-" + ids[i], other->name, widths[i], key_h, i == current) && ctx.ui)
      ctx.ui->keyboard = i;
  }
  size_t col = ids.size();
  ImGui::SetCursorPos(ImVec2(xs[col], ys[col]));
  ++col;
  if (ui::key_button(ctx, "space", ctx.t("keyboard.space"), space_w, key_h))
    ctx.push(kiosk::intent::EditAt{kiosk::EditKey::space});
  ImGui::SetCursorPos(ImVec2(xs[col], ys[col]));
  ++col;
  if (ui::key_button(ctx, "backspace", ctx.t("keyboard.backspace"), 220.0f, key_h))
    ctx.push(kiosk::intent::EditAt{kiosk::EditKey::backspace});
  if (story) {
    ImGui::SetCursorPos(ImVec2(xs[col], ys[col]));
    if (ui::key_button(ctx, "newline", ctx.t("keyboard.newline"), widths[col], key_h))
      ctx.push(kiosk::intent::EditAt{kiosk::EditKey::newline});
    ++col;
    // The arrows point where the caret goes on screen, in both directions
    // of text; in reading order they are [<] [>] left to right, so they are
    // placed by x, not by row_positions' mirroring.
    const float ax = std::min(xs[col], xs[col + 1]), bx = std::max(xs[col], xs[col + 1]);
    ImGui::SetCursorPos(ImVec2(ax, ys[col]));
    if (ui::key_button(ctx, "caret-left", "<", key_w, key_h)) ctx.push(kiosk::intent::Arrow{true});
    ImGui::SetCursorPos(ImVec2(bx, ys[col]));
    if (ui::key_button(ctx, "caret-right", ">", key_w, key_h)) ctx.push(kiosk::intent::Arrow{false});
  }
  return row_y + key_h - y;
}

// [SECTION] 3. date picker ------------------------------------------------------------

void date_picker(ScreenContext& ctx, const std::string& iso, const std::string& fallback_iso,
                 float y, kiosk::DatePrecision precision) {
  using namespace std::chrono;
  using kiosk::DatePrecision;
  const std::string cal = kiosk::calendar_for(ctx.lang());
  // A year or year-month answer shows as the middle of its year or month.
  auto shown = kiosk::picker_date(iso, cal);
  if (!shown) shown = kiosk::picker_date(fallback_iso, cal);
  if (!shown) shown = kiosk::to_calendar(ctx.today, cal);
  const kiosk::CalendarDate d = *shown;
  const auto months = kiosk::month_names(ctx.lang(), cal);

  auto emit = [&](kiosk::CalendarDate nd) {
    nd.day = std::clamp(nd.day, 1, std::max(1, kiosk::days_in_month(nd.year, nd.month, cal)));
    // The stored answer at the precision the person chose (core decides
    // which Gregorian year or month a Solar Hijri one is).
    if (const std::string v = kiosk::date_value(nd, precision, cal); !v.empty())
      ctx.push(kiosk::intent::SetDraft{v});  // Next confirms it
  };
  struct Column {
    std::string id, value;
    float width;
    const char* label_key;
  };
  const std::string month = d.month >= 1 && d.month <= static_cast<int>(months.size())
                                ? months[static_cast<size_t>(d.month - 1)]
                                : std::to_string(d.month);
  std::vector<Column> cols;
  if (precision == DatePrecision::day) cols.push_back({"day", ui::number(ctx, d.day), 300.0f, "date.day"});
  if (precision != DatePrecision::year) cols.push_back({"month", month, 480.0f, "date.month"});
  cols.push_back({"year", ui::number(ctx, d.year, false), 360.0f, "date.year"});
  // Wide gaps leave room for the year's ±10 buttons on its end side; a
  // narrow layout keeps them beside the year and narrows the columns.
  const float gap = narrow(ctx) ? 24.0f : 150.0f;
  const float tens_w = 110.0f + 12.0f;
  if (narrow(ctx)) {
    float sum = 0;
    for (const auto& c : cols) sum += c.width;
    const float room = ctx.width - 2 * kMargin - tens_w - gap * static_cast<float>(cols.size() - 1);
    const float f = std::min(1.0f, room / sum);
    for (auto& c : cols) c.width = std::floor(c.width * f);
  }
  std::vector<float> widths;
  float total = 0;
  for (const auto& c : cols) widths.push_back(c.width), total += c.width;
  total += gap * static_cast<float>(cols.size() - 1);
  // Rows: captions, +, value, -, the date in words; closer in large text,
  // so that the date stays clear of the navigation bar.
  const bool large = ui::look().large_text;
  const float up_y = y + (large ? 54.0f : 56.0f), value_y = up_y + (large ? 106.0f : 114.0f);
  const float down_y = value_y + (large ? 106.0f : 112.0f), words_y = down_y + (large ? 104.0f : 118.0f);
  // (narrow: the columns and the ±10 buttons centred together)
  const float left = narrow(ctx) ? (ctx.width - total - tens_w) / 2.0f + (ui::rtl(ctx) ? tens_w : 0.0f)
                                 : (ctx.width - total) / 2.0f;
  const auto xs = row_positions(ctx, widths, left, total, gap);
  for (size_t i = 0; i < cols.size(); ++i) {
    const auto& c = cols[i];
    ImGui::SetCursorPos(ImVec2(xs[i], y));
    ui::caption(ctx, ctx.t(c.label_key), c.width);
    ImGui::SetCursorPos(ImVec2(xs[i], up_y));
    if (ui::big_button(ctx, "up-" + c.id, "+", c.width)) {
      kiosk::CalendarDate nd = d;
      if (c.id == "day") nd.day = nd.day >= kiosk::days_in_month(d.year, d.month, cal) ? 1 : nd.day + 1;
      if (c.id == "month") nd.month = nd.month == 12 ? 1 : nd.month + 1;
      if (c.id == "year") nd.year += 1;
      emit(nd);
    }
    ImGui::SetCursorPos(ImVec2(xs[i], value_y));
    ui::value_box(ctx, c.value, c.width, 96.0f);
    ImGui::SetCursorPos(ImVec2(xs[i], down_y));
    if (ui::big_button(ctx, "down-" + c.id, "–", c.width)) {
      kiosk::CalendarDate nd = d;
      if (c.id == "day") nd.day = nd.day <= 1 ? kiosk::days_in_month(d.year, d.month, cal) : nd.day - 1;
      if (c.id == "month") nd.month = nd.month == 1 ? 12 : nd.month - 1;
      if (c.id == "year") nd.year -= 1;
      emit(nd);
    }
    if (c.id == "year") {  // years move in tens too: birth dates are far back
      const float x10 = ui::rtl(ctx) ? xs[i] - 122.0f : xs[i] + c.width + 12.0f;
      ImGui::SetCursorPos(ImVec2(x10, up_y));
      if (ui::small_button(ctx, "up10", ui::ltr("+10"), 110.0f)) emit({d.year + 10, d.month, d.day});
      ImGui::SetCursorPos(ImVec2(x10, down_y));
      if (ui::small_button(ctx, "down10", ui::ltr("–10"), 110.0f)) emit({d.year - 10, d.month, d.day});
    }
  }
  // The chosen date in words, and in the Gregorian calendar beside it for
  // Dari; a year or year-month with "day unknown".
  ImGui::SetCursorPos(ImVec2(kMargin, words_y));
  {
    const ui::PersonalText personal;  // a birth date is an answer
    const std::string value = kiosk::date_value(d, precision, cal);
    ui::paragraph(ctx, ui::date_words(ctx, value), ctx.width - 2 * kMargin, ui::Align::center);
  }
}

float date_precision_choice(ScreenContext& ctx, kiosk::DatePrecision precision, float y) {
  using kiosk::DatePrecision;
  const float w = (ctx.width - 2 * kMargin - 2 * kGap) / 3.0f;
  const std::pair<DatePrecision, const char*> choices[] = {
      {DatePrecision::day, "day"}, {DatePrecision::month, "month"}, {DatePrecision::year, "year"}};
  float h = 0;
  for (const auto& [p, id] : choices)
    h = std::max(h, ui::choice_height(ctx, ctx.t(std::string("date.known.") + id), w));
  const auto xs = row_positions(ctx, {w, w, w}, kMargin, ctx.width - 2 * kMargin);
  for (size_t i = 0; i < 3; ++i) {
    const auto& [p, id] = choices[i];
    ImGui::SetCursorPos(ImVec2(xs[i], y));
    if (ui::choice_button(ctx, std::string("known-") + id, ctx.t(std::string("date.known.") + id), w,
                          precision == p, false, h))
      ctx.push(kiosk::intent::SetDatePrecision{p});
  }
  return h;
}

// [SECTION] 4. options, problems ----------------------------------------------------------

void option_buttons(ScreenContext& ctx, const std::string& key_prefix,
                    const std::vector<std::string>& options, const std::string& selected,
                    bool multi, float y) {
  const float col_w = (ctx.width - 2 * kMargin - kGap) / 2.0f;
  const auto xs = row_positions(ctx, {col_w, col_w}, kMargin, ctx.width - 2 * kMargin);
  float row_h = kButtonH;  // a row is as high as its taller option
  for (size_t i = 0; i < options.size(); ++i) {
    const auto& o = options[i];
    if (i % 2 == 0) {
      if (i > 0) y += row_h + kGap;
      row_h = ui::choice_height(ctx, ctx.t(key_prefix + o), col_w);
      if (i + 1 < options.size())
        row_h = std::max(row_h, ui::choice_height(ctx, ctx.t(key_prefix + options[i + 1]), col_w));
    }
    ImGui::SetCursorPos(ImVec2(xs[i % 2], y));
    const bool on = kiosk::has_option(selected, o);
    if (ui::choice_button(ctx, "opt-" + o, ctx.t(key_prefix + o), col_w, on, multi, row_h)) {
      ctx.push(kiosk::intent::ToggleOption{o});
      if (!multi) ctx.push(kiosk::intent::Next{});
    }
  }
}

void problem_line(ScreenContext& ctx, float y) {
  if (!ctx.session.problem) return;
  ImGui::SetCursorPos(ImVec2(kMargin, y));
  ui::warning(ctx, ctx.t(ctx.session.problem->key, {{"max", int64_t{ctx.session.problem->number}}}),
              ctx.width - 2 * kMargin);
}

void begin_overlay(ScreenContext& ctx, const char* id) {
  ui::clear_reading();  // read what the overlay says, not the screen under it
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(ImVec2(ctx.width, ctx.height));
  ImGui::SetNextWindowFocus();
  ImGui::Begin(id, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
}

void drag_scroll() {
  // A drag that starts inside the list scrolls it until the finger lifts,
  // even when the finger leaves the list on the way. (The finger usually
  // lands on a row, which then holds the active item.)
  static ImGuiID dragging = 0;
  const ImGuiID self = ImGui::GetID("##drag-scroll");
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left) &&
      ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem))
    dragging = self;
  if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    if (dragging == self) dragging = 0;
    return;
  }
  if (dragging == self && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 6.0f))
    ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
}

void scroll_fades() {
  // A line cut by the list's edge looks like stray marks; a fade to the
  // background says "there is more" instead.
  constexpr float kFade = 56.0f;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p0 = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  const ImU32 solid = ui::colour(ui::Colour::background);
  const ImU32 clear = solid & ~IM_COL32_A_MASK;
  if (ImGui::GetScrollY() > 0.5f)
    dl->AddRectFilledMultiColor(p0, ImVec2(p0.x + size.x, p0.y + kFade), solid, solid, clear, clear);
  if (ImGui::GetScrollY() < ImGui::GetScrollMaxY() - 0.5f) {
    dl->AddRectFilledMultiColor(ImVec2(p0.x, p0.y + size.y - kFade), ImVec2(p0.x + size.x, p0.y + size.y),
                                clear, clear, solid, solid);
    // And a downward arrow in the middle: more below, drag up to read it.
    const float cx = p0.x + size.x / 2, bottom = p0.y + size.y - 6.0f;
    dl->AddTriangleFilled(ImVec2(cx - 28.0f, bottom - 24.0f), ImVec2(cx + 28.0f, bottom - 24.0f),
                          ImVec2(cx, bottom), ui::colour(ui::Colour::muted));
  }
}

}  // namespace app::parts
