#include "ui/widgets.hpp"

#include <imgui.h>

#include "locale/language.hpp"

namespace app::ui {

bool rtl(const ScreenContext& ctx) {
  const auto* l = kiosk::find_language(ctx.lang());
  return l && l->rtl;
}

void begin_screen(const char* id) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::Begin(id, nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
}

void end_screen() { ImGui::End(); }

void title(const ScreenContext&, const std::string& text) {
  ImGui::SetWindowFontScale(3.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::SetWindowFontScale(1.0f);
  ImGui::Spacing();
}

void paragraph(const ScreenContext&, const std::string& text) {
  ImGui::SetWindowFontScale(2.0f);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::SetWindowFontScale(1.0f);
}

bool big_button(const ScreenContext&, const std::string& id, const std::string& label,
                float width) {
  ImGui::SetWindowFontScale(2.0f);
  const bool hit = ImGui::Button((label + "##" + id).c_str(), ImVec2(width, 96.0f));
  ImGui::SetWindowFontScale(1.0f);
  return hit;
}

void nav_bar(ScreenContext& ctx, bool back, bool next) {
  const float y = ImGui::GetWindowHeight() - 120.0f;
  ImGui::SetCursorPosY(y);
  if (back && big_button(ctx, "back", ctx.t("nav.back"), 260)) ctx.intents.emplace_back(kiosk::intent::Back{});
  ImGui::SameLine();
  if (big_button(ctx, "home", ctx.t("nav.home"), 320)) ctx.intents.emplace_back(kiosk::intent::Home{});
  if (next) {
    ImGui::SameLine();
    if (big_button(ctx, "next", ctx.t("nav.next"), 260)) ctx.intents.emplace_back(kiosk::intent::Next{});
  }
}

}  // namespace app::ui
