// Pieces several screens share: the top bar (language switch on every
// screen), the bottom navigation, mirrored rows, the on-screen keyboard, the
// date picker and option lists. Built only on ui:: widgets, so the shaped
// text path and right-to-left mirroring apply everywhere.
#pragma once

#include <string>
#include <vector>

#include "screens/screen.hpp"

namespace app::parts {

// Layout constants for a 1920x1080 touchscreen (targets >= 90 px).
constexpr float kMargin = 48.0f;
constexpr float kTopBar = 120.0f;
constexpr float kBottomBar = 140.0f;
constexpr float kButtonH = 96.0f;
constexpr float kGap = 20.0f;
constexpr float kKeyH = 90.0f;   // keyboard keys: 15 mm on a 21" 1080p screen
constexpr float kKeyGap = 6.0f;

// A narrow layout (a portrait screen, laid out 1080 wide): screens wrap
// rows and stack columns that sit side by side on 1920.
bool narrow(const ScreenContext& ctx);
// The height of the top bar (two rows in a narrow layout: the languages,
// then the title beside the accessibility buttons) and of the bottom bar
// (two rows of buttons in a narrow layout). Content lies between them.
float top_bar_height(const ScreenContext& ctx);
float bottom_bar_height(const ScreenContext& ctx);

// x positions for a row of items of `widths`, starting at `left` within
// `span`; in a right-to-left language the first item sits on the right.
std::vector<float> row_positions(const ScreenContext& ctx, const std::vector<float>& widths,
                                 float left, float span, float gap = kGap);

// The language buttons (each name in its own script) at the top; changing
// language keeps every answer.
void top_bar(ScreenContext& ctx, const std::string& title);

// The accessibility buttons: read aloud (hidden when the language has no
// voice), volume, text size, high contrast; each 90 x 90 px, in a row from
// (x, y) in reading order. Returns the width they take.
float access_buttons(ScreenContext& ctx, float x, float y);
constexpr float kAccessW = 4 * 90.0f + 3 * 12.0f;
// The same row centred near the bottom of a screen without a navigation
// bar (attract, done): far from the staff corner, under the content.
void access_buttons_bottom(ScreenContext& ctx);

// The headphones button (on while the person's answers may be read aloud):
// its width, and the button at (x, y); a touch switches it and says what
// that means. Shown only when the language has a voice.
float headphones_width(const ScreenContext& ctx);
void headphones_button(ScreenContext& ctx, float x, float y, float width = 0);

struct Nav {
  bool back = true;
  bool home = true;
  bool next = false;
  bool skip = false;
  bool access = false;     // the accessibility buttons at the end side
  bool help = true;        // "I need help" (core decides where it applies)
  std::string next_label;  // default nav.next
};
// Back (start side), Start again, Skip, Next (end side) at the bottom;
// with `access`, the accessibility buttons before Skip and Next; "I need
// help" after Start again on every screen of the person's session.
void bottom_bar(ScreenContext& ctx, const Nav& nav);

// "I need help" as a button of `width` (0: as wide as its label) at the
// cursor, when core allows it on this screen.
void help_button(ScreenContext& ctx, float width = 0);

// "Question 3 of 24" with a bar beside it that fills in reading direction.
// Returns its height.
float progress(ScreenContext& ctx, int index, int total, float y);

// The answer being typed, in an area of `height` at y that scrolls to its end.
// `width` and `x` (default: the whole width between the margins) leave room
// for a button beside it.
void answer_box(ScreenContext& ctx, const std::string& text, float y, float height, float width = 0,
                float x = -1);
// A long answer (the story) in a multi-line editor of `height` at y, with
// "Listen to my text" beside it at the end side: a tap in the text moves
// the caret (SetCaret), the button asks core to read it back (ReadBack).
void story_box(ScreenContext& ctx, float y, float height);

// The on-screen keyboard for the session's language: each key is a Key or
// EditAt intent, which core applies at the caret. Sits just above the
// navigation bar; `y` is only a fallback when the layout cannot be read.
// With `story` (a long answer) it also has a line-break key and the two
// arrows that move the caret. Returns its height.
float keyboard(ScreenContext& ctx, float y, bool digits_first = false,
               const std::string& force_layout = {}, bool story = false);
// Where the tallest keyboard (four letter rows) starts: what is above it
// must end here.
float keyboard_top(const ScreenContext& ctx);
// Where the keyboard that keyboard(..., force_layout) draws starts (its
// tallest layout).
float keyboard_top(const ScreenContext& ctx, const std::string& force_layout);

// A date picker (day, month, year steppers) in the person's calendar; the
// value is an ISO Gregorian date (empty: starts from `fallback_iso`). At
// `precision` month or year only those steppers show and the value is
// "YYYY-MM" or "YYYY" (core's date_value()).
void date_picker(ScreenContext& ctx, const std::string& iso, const std::string& fallback_iso,
                 float y, kiosk::DatePrecision precision = kiosk::DatePrecision::day);
// "I know the whole date" / "only the year and month" / "only the year" in
// one row at y (ids known-day, known-month, known-year): SetDatePrecision.
// Returns its height.
float date_precision_choice(ScreenContext& ctx, kiosk::DatePrecision precision, float y);

// One big button per option, two columns; `selected` are marked.
void option_buttons(ScreenContext& ctx, const std::string& key_prefix,
                    const std::vector<std::string>& options, const std::string& selected,
                    bool multi, float y);

// A red sentence explaining why an answer was not accepted.
void problem_line(ScreenContext& ctx, float y);

// Touch scrolling for the current ImGui child window (drag to scroll).
void drag_scroll();

// A window over the whole screen (the idle warning, "delete everything?")
// that takes every touch and is what is read aloud; end it with ImGui::End().
void begin_overlay(ScreenContext& ctx, const char* id);
// Fades the current child window's edges into the background where more
// lies beyond them; call just before EndChild().
void scroll_fades();

}  // namespace app::parts
