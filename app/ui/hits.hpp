// Where each tappable widget was drawn in the last frame, by id, so that
// scripted input (--replay, end-to-end tests) can tap it as a finger would.
#pragma once

#include <imgui.h>

#include <optional>
#include <string>

namespace app::ui {

// Records the last ImGui item's rectangle under `id`. Widgets call this.
void record_hit(const std::string& id);

// Forgets all rectangles (called at the start of each frame).
void clear_hits();

// The ids that can be tapped now, space-separated (for error messages).
std::string hit_ids();

// The centre of the widget `id` in the last frame, if it was drawn.
std::optional<ImVec2> hit_center(const std::string& id);

}  // namespace app::ui
