// Where each tappable widget was drawn in the last frame, by id, so that
// scripted input (--replay, end-to-end tests) can tap it as a finger would.
#pragma once

#include <imgui.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace app::ui {

// Records the last ImGui item's rectangle under `id`. Widgets call this.
void record_hit(const std::string& id);

// Forgets all rectangles (called at the start of each frame).
void clear_hits();

// The ids that can be tapped now, space-separated (for error messages).
std::string hit_ids();

// Every widget recorded this frame: id -> (min x, min y, max x, max y).
std::vector<std::pair<std::string, ImVec4>> all_hits();

// The same, each cut to the part that shows (a list row half scrolled out).
std::vector<std::pair<std::string, ImVec4>> visible_hits();

// The centre of the widget `id` in the last frame, if it was drawn.
std::optional<ImVec2> hit_center(const std::string& id);

}  // namespace app::ui
