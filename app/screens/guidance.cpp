// Guidance: the short version first (the deadline, where to go now, free
// help by phone), everything on request: the deadline, where to apply (this
// kiosk's office first), what happens next, rights, free help, and the
// Ukraine and stateless paths, in one list the person scrolls with a finger.
// Read aloud, it is said one part at a time (core's reading_parts): the part
// being read is highlighted, with big "Repeat" and "Next part" buttons.
#include <imgui.h>

#include <algorithm>

#include "content/guidance.hpp"
#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_guidance(ScreenContext& ctx) {
  ui::begin_screen("guidance");
  parts::top_bar(ctx, ctx.t("guidance.title"));
  const float w = ctx.width - 2 * parts::kMargin;
  const float top = parts::top_bar_height(ctx) + 10.0f;
  const float controls_y = ctx.height - parts::bottom_bar_height(ctx) - parts::kButtonH - 6.0f;
  // Repeat, Next part and "everything" in one row; a narrow layout that
  // has no room for them puts "everything" in a row above.
  const std::string repeat = ctx.t("reading.repeat"), next = ctx.t("reading.next");
  const std::string more = ctx.t(ctx.session.guidance_full ? "guidance.short" : "guidance.full");
  const bool voice = ctx.ui && ctx.ui->speech_available;
  std::vector<float> widths;
  if (voice) widths = {std::max(300.0f, ui::button_width(ctx, repeat)), std::max(360.0f, ui::button_width(ctx, next))};
  const float more_w = std::max(360.0f, ui::button_width(ctx, more));
  float used = more_w;
  for (float x : widths) used += x + parts::kGap;
  const bool more_above = parts::narrow(ctx) && voice && used > w;
  const float more_y = more_above ? controls_y - parts::kButtonH - parts::kGap : controls_y;
  ImGui::SetCursorPos(ImVec2(parts::kMargin, top));
  ImGui::BeginChild("guidance-list", ImVec2(w, more_y - top - 14.0f), false,
                    ImGuiWindowFlags_NoScrollbar);
  parts::drag_scroll();
  const std::vector<kiosk::TextSection> none;
  const std::vector<kiosk::ReadingPart> no_parts;
  const auto& sections = ctx.services ? ctx.services->guidance() : none;
  const auto& reading = ctx.services ? ctx.services->reading_parts() : no_parts;
  const size_t at = ctx.session.reading_part;
  const kiosk::ReadingPart* part = at < reading.size() ? &reading[at] : nullptr;
  const bool first_of_section = part && (at == 0 || reading[at - 1].section != part->section);
  const float tw = w - 16.0f;
  // The part being read: a tinted band behind its lines, with an accent
  // bar at the start side (right in Dari).
  auto band = [&](float height) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(p.x - 6, p.y - 4), ImVec2(p.x + tw + 8, p.y + height + 4),
                      ui::colour(ui::Colour::surface), 0.0f);
    const float bx = ui::rtl(ctx) ? p.x + tw + 2 : p.x - 6;
    dl->AddRectFilled(ImVec2(bx, p.y - 4), ImVec2(bx + 6, p.y + height + 4), ui::colour(ui::Colour::accent));
  };
  auto follow = [&] {  // scrolls once to a part that starts being read
    if (ctx.ui && ctx.ui->scrolled_to_part != static_cast<int>(at)) {
      ImGui::SetScrollHereY(0.05f);
      ctx.ui->scrolled_to_part = static_cast<int>(at);
    }
  };
  for (size_t si = 0; si < sections.size(); ++si) {
    const auto& section = sections[si];
    const bool here = part && part->section == si;
    if (!section.title.empty()) {
      if (here && first_of_section) {
        follow();
        band(ui::layout_text(ctx, section.title, {ui::Font::heading, ui::Align::start, tw}).height);
      }
      ui::heading(ctx, section.title, tw);
    }
    for (size_t i = 0; i < section.lines.size(); ++i) {
      const std::string& line = section.lines[i];
      if (line.empty()) continue;
      // Drawn as written, read aloud in its spoken form (core TextSection).
      const ui::TextOpts opts{ui::Font::body, ui::Align::start, tw, {}, 0, section.spoken_line(i)};
      if (here && i >= part->first && i < part->end) {
        if (i == part->first && !first_of_section) follow();
        band(ui::layout_text(ctx, line, opts).height);
      }
      ui::text(ctx, line, opts);
      // The address for a taxi driver: the Russian voice reads it on request.
      if (const std::string ru = section.russian_line(i); !ru.empty() && ctx.ui && ctx.ui->speech_available) {
        const std::string label = ctx.t("guidance.hear_ru");
        if (ui::big_button(ctx, "hear-ru-" + std::to_string(si) + "-" + std::to_string(i), label,
                           ui::button_width(ctx, label)))
          ctx.push(kiosk::intent::Hear{{"ru", ru}});
      }
      ImGui::Dummy(ImVec2(1, 6));
    }
    ImGui::Dummy(ImVec2(1, 30));
  }
  parts::scroll_fades();
  ImGui::EndChild();
  // Listening: repeat the part, the next part; the short version or everything.
  {
    ImGui::SetCursorPos(ImVec2(parts::kMargin, controls_y));
    if (more_above) used -= more_w + parts::kGap;
    widths.push_back(std::max(0.0f, w - used - parts::kGap));  // spacer
    widths.push_back(more_above ? 0.0f : more_w);
    const auto xs = parts::row_positions(ctx, widths, parts::kMargin, w);
    if (voice) {
      ImGui::SetCursorPos(ImVec2(xs[0], controls_y));
      if (ui::big_button(ctx, "repeat", repeat, widths[0])) ctx.push(kiosk::intent::RepeatPart{});
      ImGui::SetCursorPos(ImVec2(xs[1], controls_y));
      if (ui::big_button(ctx, "next-part", next, widths[1])) ctx.push(kiosk::intent::NextPart{});
    } else {
      // No voice for this language: say so where "Repeat" would be.
      const std::string note = ctx.t("access.no_voice");
      const ui::TextOpts opts{ui::Font::small, ui::Align::start, widths[0] - parts::kGap, {},
                              ui::colour(ui::Colour::muted)};
      const float h = ui::layout_text(ctx, note, opts).height;
      ImGui::SetCursorPos(ImVec2(xs[0], controls_y + std::max(0.0f, (parts::kButtonH - h) / 2)));
      ui::text(ctx, note, opts);
    }
    ImGui::SetCursorPos(more_above ? ImVec2(ui::rtl(ctx) ? parts::kMargin : parts::kMargin + w - more_w, more_y)
                                   : ImVec2(xs.back(), controls_y));
    if (ui::big_button(ctx, ctx.session.guidance_full ? "short" : "full", more, more_w))
      ctx.push(kiosk::intent::ReadAll{!ctx.session.guidance_full});
  }
  parts::bottom_bar(ctx, {.back = true, .home = true, .next = true,
                          .next_label = ctx.t("guidance.prepare")});
  ui::end_screen();
}

}  // namespace app
