#include "flow/session.hpp"

#include <type_traits>

namespace kiosk {

const char* to_string(Step step) {
  switch (step) {
    case Step::attract: return "attract";
    case Step::language: return "language";
    case Step::situation: return "situation";
    case Step::guidance: return "guidance";
    case Step::question: return "question";
    case Step::review: return "review";
    case Step::consent: return "consent";
    case Step::print: return "print";
    case Step::done: return "done";
    case Step::staff_pin: return "staff_pin";
    case Step::staff: return "staff";
  }
  return "attract";
}

Session wiped() { return Session{}; }

namespace {

Step next_step(Step s) {
  switch (s) {
    case Step::attract: return Step::language;
    case Step::language: return Step::situation;
    case Step::situation: return Step::guidance;
    case Step::guidance: return Step::question;
    case Step::question: return Step::review;
    case Step::review: return Step::consent;
    case Step::consent: return Step::print;
    case Step::print: return Step::done;
    default: return s;
  }
}

Step previous_step(Step s) {
  switch (s) {
    case Step::language: return Step::attract;
    case Step::situation: return Step::language;
    case Step::guidance: return Step::situation;
    case Step::question: return Step::guidance;
    case Step::review: return Step::question;
    case Step::consent: return Step::review;
    default: return s;
  }
}

}  // namespace

Session reduce(const Session& s, const Intent& i, const FlowSettings& settings) {
  Session n = s;
  std::visit(
      [&](const auto& in) {
        using T = std::decay_t<decltype(in)>;
        if constexpr (std::is_same_v<T, intent::Start>) {
          if (s.step == Step::attract) n.step = Step::language;
        } else if constexpr (std::is_same_v<T, intent::ChooseLanguage>) {
          n.lang = in.code;
          if (s.step == Step::language) n.step = Step::situation;
        } else if constexpr (std::is_same_v<T, intent::Next>) {
          n.step = next_step(s.step);
        } else if constexpr (std::is_same_v<T, intent::Back>) {
          n.step = previous_step(s.step);
        } else if constexpr (std::is_same_v<T, intent::Home>) {
          n = wiped();
        } else if constexpr (std::is_same_v<T, intent::Touch>) {
          n.last_touch = in.at;
          n.idle_warning = false;
        } else if constexpr (std::is_same_v<T, intent::StillHere>) {
          n.idle_warning = false;
        } else if constexpr (std::is_same_v<T, intent::Tick>) {
          if (s.step == Step::attract || s.step == Step::staff || s.step == Step::staff_pin) return;
          const auto idle = in.now - s.last_touch;
          if (idle >= settings.idle_warning + settings.idle_countdown) n = wiped();
          else if (idle >= settings.idle_warning) n.idle_warning = true;
        } else if constexpr (std::is_same_v<T, intent::OpenStaff>) {
          n.step = Step::staff_pin;
        } else if constexpr (std::is_same_v<T, intent::StaffUnlocked>) {
          if (s.step == Step::staff_pin) n.step = Step::staff;
        } else if constexpr (std::is_same_v<T, intent::LeaveStaff>) {
          n = wiped();
        }
      },
      i);
  return n;
}

int idle_seconds_left(const Session& s, std::chrono::steady_clock::time_point now,
                      const FlowSettings& settings) {
  if (!s.idle_warning) return 0;
  const auto end = s.last_touch + settings.idle_warning + settings.idle_countdown;
  const auto left = std::chrono::ceil<std::chrono::seconds>(end - now).count();
  return left < 0 ? 0 : static_cast<int>(left);
}

}  // namespace kiosk
