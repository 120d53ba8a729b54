#include "flow/name_check.hpp"

namespace kiosk {

std::optional<NameCheckView> name_check_view(const Session& s) {
  if (s.step != Step::question || !s.confirming_cyrillic) return std::nullopt;
  NameCheckView v;
  v.typed = s.draft;
  v.proposal = s.cyrillic_draft;
  if (s.cyrillic_check) v.staff_note_key = "question.cyrillic.staff";
  v.readout = cyrillic_readout(s.cyrillic_draft);
  return v;
}

}  // namespace kiosk
