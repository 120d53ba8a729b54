// Attract screen: "Touch to start" in every language the site offers, each
// with the "free help" and "no name needed" lines below it, and one large
// "listen" button (a speaker) that says the same in every language, each in
// its own voice, and turns read-aloud on. A touch anywhere else starts,
// except on the accessibility buttons at the bottom (read aloud, volume,
// text size, contrast), which a passer-by can set before starting.
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "screens/parts.hpp"
#include "speech/speech.hpp"
#include "screens/screen.hpp"
#include "ui/hits.hpp"
#include "ui/widgets.hpp"

namespace app {

namespace {

// A loudspeaker with two sound waves, `size` px high, centred at `c`.
void speaker_icon(ImVec2 c, float size, ImU32 fg) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float u = size / 40.0f;
  dl->AddRectFilled(ImVec2(c.x - 22 * u, c.y - 9 * u), ImVec2(c.x - 10 * u, c.y + 9 * u), fg);
  dl->AddTriangleFilled(ImVec2(c.x - 12 * u, c.y), ImVec2(c.x + 4 * u, c.y - 20 * u), ImVec2(c.x + 4 * u, c.y + 20 * u), fg);
  dl->AddRectFilled(ImVec2(c.x - 12 * u, c.y - 9 * u), ImVec2(c.x + 4 * u, c.y + 9 * u), fg);
  dl->PathArcTo(ImVec2(c.x + 4 * u, c.y), 12 * u, -0.9f, 0.9f, 10);
  dl->PathStroke(fg, 0, 3.5f * u);
  dl->PathArcTo(ImVec2(c.x + 4 * u, c.y), 22 * u, -0.9f, 0.9f, 12);
  dl->PathStroke(fg, 0, 3.5f * u);
}

}  // namespace

void draw_attract(ScreenContext& ctx) {
  ui::begin_screen("attract");
  const float w = ctx.width - 2 * parts::kMargin;
  float y = std::max(30.0f, ctx.height * 0.04f);
  const float listen_w = 520.0f, listen_h = parts::kButtonH;
  const float access_top = ctx.height - 90.0f - 56.0f;
  // A line in each language the kiosk has no voice for (Pashto), under
  // "listen": it is not read in it.
  std::vector<std::string> voiceless;
  for (const auto& code : ctx.config.kiosk.languages)
    if (!kiosk::speech::has_voice(code)) voiceless.push_back(code);
  const ui::TextOpts note_opts{ui::Font::small, ui::Align::center, w, {}, ui::colour(ui::Colour::muted)};
  float notes_h = 0;
  for (const auto& code : voiceless) {
    ui::TextOpts o = note_opts;
    o.lang = code;
    notes_h += ui::layout_text(ctx, ctx.tr.tr(code, "access.no_voice"), o).height + 4.0f;
  }
  // What each language says: "touch to start", then "free" and "no name
  // needed". As much as fits with every language of the site (six need
  // the room): first the title goes, then "no name needed", then "free".
  const std::string name = ctx.t("app.name");
  const float title_h = ui::layout_text(ctx, name, {ui::Font::title, ui::Align::center, w}).height + 24.0f;
  auto about_of = [&](const std::string& code, int level) {
    if (level >= 2) return std::string();
    return level == 1 ? ctx.tr.tr(code, "attract.free")
                      : ctx.tr.tr(code, "attract.free") + ". " + ctx.tr.tr(code, "attract.private");
  };
  auto block_h = [&](int level) {
    float h = 0;
    for (const auto& code : ctx.config.kiosk.languages) {
      h += ui::layout_text(ctx, ctx.tr.tr(code, "attract.touch"), {ui::Font::heading, ui::Align::center, w, code}).height + 2.0f;
      const std::string about = about_of(code, level);
      if (!about.empty())
        h += ui::layout_text(ctx, about, {ui::Font::small, ui::Align::center, w, code}).height;
      h += 16.0f;
    }
    return h;
  };
  const float room = access_top - 20.0f - listen_h - 10.0f - notes_h - 8.0f - y;
  bool with_title = !ui::look().large_text;
  int level = ui::look().large_text ? 1 : 0;  // large text: only "free"
  while (true) {
    const float need = block_h(level) + (with_title ? title_h : 0.0f);
    if (need <= room || level >= 2) break;
    if (with_title) with_title = false;
    else ++level;
  }
  if (with_title) {
    ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
    ui::title(ctx, name, w, ui::Align::center);
    y += title_h;
  }
  for (const auto& code : ctx.config.kiosk.languages) {
    // Each line is shaped in its own language (Dari right to left).
    const std::string touch = ctx.tr.tr(code, "attract.touch");
    const ui::TextOpts big{ui::Font::heading, ui::Align::center, w, code};
    ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
    ui::text(ctx, touch, big);
    y += ui::layout_text(ctx, touch, big).height + 2.0f;
    const std::string about = about_of(code, level);
    if (!about.empty()) {
      const ui::TextOpts small{ui::Font::small, ui::Align::center, w, code, ui::colour(ui::Colour::muted)};
      ImGui::SetCursorPos(ImVec2(parts::kMargin, y));
      ui::text(ctx, about, small);
      y += ui::layout_text(ctx, about, small).height;
    }
    y += 16.0f;
  }
  // Submitted before the start button: ImGui gives a tap to the first item
  // under it, so these keep their taps.
  const float ly = std::min(y + 8.0f, access_top - listen_h - 20.0f - notes_h);
  ImGui::SetCursorPos(ImVec2((ctx.width - listen_w) / 2, ly));
  const std::string listen = ctx.t("attract.listen");
  const ImVec2 at = ImGui::GetCursorScreenPos();
  if (ui::big_button(ctx, "listen", listen, listen_w, ui::ButtonKind::primary)) {
    if (ctx.ui) ctx.ui->read_aloud = 1;  // the person listens from now on
    ctx.push(kiosk::intent::Listen{});
  }
  // The speaker at the start side of the button (right in Dari).
  const float bh = ui::button_height(ctx, listen, listen_w);
  speaker_icon(ImVec2(ui::rtl(ctx) ? at.x + listen_w - 64.0f : at.x + 64.0f, at.y + bh / 2), 56.0f,
               ui::colour(ui::Colour::accent_text));
  {
    float ny = ly + bh + 10.0f;
    for (const auto& code : voiceless) {
      const std::string note = ctx.tr.tr(code, "access.no_voice");
      ui::TextOpts o = note_opts;
      o.lang = code;
      ImGui::SetCursorPos(ImVec2(parts::kMargin, ny));
      ui::text(ctx, note, o);
      ny += ui::layout_text(ctx, note, o).height + 4.0f;
    }
  }
  parts::access_buttons_bottom(ctx);
  // The rest of the screen is the button.
  ImGui::SetCursorPos(ImVec2(0, 0));
  const bool start = ImGui::InvisibleButton("start", ImVec2(ctx.width, ctx.height));
  ui::record_hit("start");
  if (start) ctx.push(kiosk::intent::Start{});
  ui::end_screen();
}

}  // namespace app
