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
  // A widget whose centre is scrolled out of view cannot be tapped there.
  const ImVec2 a = ImGui::GetItemRectMin();
  const ImVec2 b = ImGui::GetItemRectMax();
  const ImVec2 c((a.x + b.x) / 2, (a.y + b.y) / 2);
  if (!ImGui::IsRectVisible(c, ImVec2(c.x + 1, c.y + 1))) return;
  hits()[id] = ImVec4(a.x, a.y, b.x, b.y);
}

void clear_hits() { hits().clear(); }

std::string hit_ids() {
  std::string out;
  for (const auto& [id, _] : hits()) out += (out.empty() ? "" : " ") + id;
  return out;
}

std::vector<std::pair<std::string, ImVec4>> all_hits() { return {hits().begin(), hits().end()}; }

std::optional<ImVec2> hit_center(const std::string& id) {
  const auto it = hits().find(id);
  if (it == hits().end()) return std::nullopt;
  return ImVec2((it->second.x + it->second.z) / 2, (it->second.y + it->second.w) / 2);
}

}  // namespace app::ui
