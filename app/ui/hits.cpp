#include "ui/hits.hpp"

#include <algorithm>
#include <map>

namespace app::ui {

namespace {
std::map<std::string, ImVec4>& hits() {
  static std::map<std::string, ImVec4> h;
  return h;
}
std::map<std::string, ImVec4>& visible() {
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
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 lo = dl->GetClipRectMin(), hi = dl->GetClipRectMax();
  visible()[id] = ImVec4(std::max(a.x, lo.x), std::max(a.y, lo.y), std::min(b.x, hi.x), std::min(b.y, hi.y));
}

void clear_hits() {
  hits().clear();
  visible().clear();
}

std::vector<std::pair<std::string, ImVec4>> visible_hits() { return {visible().begin(), visible().end()}; }

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
