// Review: every answer in order; tapping one opens that question, and Next
// on it comes back here.
#include <imgui.h>

#include "screens/parts.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

namespace {

std::string shown(const ScreenContext& ctx, const std::string& key, const kiosk::Field& f,
                  const std::string& value) {
  if (value.empty()) return ctx.t("review.empty");
  if (f.kind == kiosk::FieldKind::date) return ui::date_words(ctx, value);
  if (f.kind == kiosk::FieldKind::phone) return ui::ltr(value);
  if (f.kind == kiosk::FieldKind::choice || f.kind == kiosk::FieldKind::multi_choice) {
    std::string out;
    for (const auto& o : f.options)
      if (kiosk::has_option(value, o)) out += (out.empty() ? "" : ", ") + ctx.t(key + ".option." + o);
    return out;
  }
  return value;
}

}  // namespace

void draw_review(ScreenContext& ctx) {
  ui::begin_screen("review");
  parts::top_bar(ctx, ctx.t("review.title"));
  const float w = ctx.width - 2 * parts::kMargin;
  ImGui::SetCursorPos(ImVec2(parts::kMargin, parts::kTopBar + 10.0f));
  ui::paragraph(ctx, ctx.t("review.hint"), w);
  const float top = parts::kTopBar + 80.0f;
  ImGui::SetCursorPos(ImVec2(parts::kMargin, top));
  ImGui::BeginChild("answers", ImVec2(w, ctx.height - top - parts::kBottomBar - 10.0f), false,
                    ImGuiWindowFlags_NoScrollbar);
  parts::drag_scroll();
  const auto& a = ctx.session.answers;
  for (const auto& f : ctx.form.fields) {
    if (!kiosk::is_visible(f, a)) continue;
    const std::string key = "form." + f.id;
    std::string value;
    if (f.kind == kiosk::FieldKind::group) {
      const auto it = a.groups.find(f.id);
      const size_t n = it == a.groups.end() ? 0 : it->second.size();
      value = n == 0 ? ctx.t("review.empty") : ctx.t("review.people", {{"count", static_cast<int64_t>(n)}});
    } else {
      value = shown(ctx, key, f, a.get(f.id));
      const auto c = a.cyrillic.find(f.id);
      if (c != a.cyrillic.end() && c->second != a.get(f.id)) value += " — " + c->second;
    }
    const std::string label =
        ctx.t(ctx.tr.catalog(ctx.lang()).has(key + ".question") ? key + ".question" : key + ".label");
    if (ui::list_row(ctx, "row-" + f.id, label, value, w - 8.0f))
      ctx.push(kiosk::intent::EditAnswer{f.id});
  }
  parts::scroll_fades();
  ImGui::EndChild();
  parts::bottom_bar(ctx, {.back = true, .home = true, .next = true,
                          .next_label = ctx.t("review.continue")});
  ui::end_screen();
}

}  // namespace app
