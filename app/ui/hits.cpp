#include "ui/hits.hpp"

#include <map>

namespace app::ui {

namespace {
std::map<std::string, ImVec4>& hits() {
  static std::map<std::string, ImVec4> h;
  return h;
}
}  // namespace

void record_hit(const std::string& id) {
  // A widget scrolled out of view cannot be tapped.
  if (!ImGui::IsItemVisible()) return;
  const ImVec2 a = ImGui::GetItemRectMin();
  const ImVec2 b = ImGui::GetItemRectMax();
  hits()[id] = ImVec4(a.x, a.y, b.x, b.y);
}

void clear_hits() { hits().clear(); }

std::optional<ImVec2> hit_center(const std::string& id) {
  const auto it = hits().find(id);
  if (it == hits().end()) return std::nullopt;
  return ImVec2((it->second.x + it->second.z) / 2, (it->second.y + it->second.w) / 2);
}

}  // namespace app::ui
