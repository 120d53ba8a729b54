// Widgets for everything the person sees. Every text goes through here and
// is drawn by the shaped-text renderer (text_renderer.hpp over core/text),
// so shaping, bidi and right-to-left mirroring happen in one place and no
// screen draws ImGui's default-font text.
//
// Mirroring: in a right-to-left language (Dari) "start" is the right edge.
// Texts align to the start, list bullets sit at the start, Back is at the
// start and Next at the end of the nav bar, progress fills from the start.
// Screens that place things side by side use Row (or mirror_x) instead of
// ImGui::SameLine, so that rows mirror too.
//
// Sizes target 1920x1080: body text 34 px, titles 56 px, buttons >= 96 px.
#pragma once

#include <imgui.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "screens/screen.hpp"
#include "text/layout.hpp"

namespace app::ui {

// Text inside this scope is the person's own (an answer, the draft being
// typed, a date they chose): its laid-out paragraphs are dropped at the wipe
// by forget_personal_text(), and only a few are kept while typing.
class PersonalText {
 public:
  PersonalText();
  ~PersonalText();
  PersonalText(const PersonalText&) = delete;
  PersonalText& operator=(const PersonalText&) = delete;

 private:
  bool was_ = false;
};
// The wipe: every cached layout of personal text goes.
void forget_personal_text();
// Whether the text cache holds `needle` anywhere (tests, replays).
bool text_cache_contains(std::string_view needle);

class AtlasBackend;  // text_renderer.hpp

// [SECTION] set-up ---------------------------------------------------------------

// Loads the fonts (assets/fonts.toml) and makes the glyph atlas; needs the
// OpenGL context. Fails naming a missing font and its Debian package.
kiosk::Status init_text();
// The same with another atlas backend (the benchmark has no GL context).
kiosk::Status init_text(std::unique_ptr<AtlasBackend> backend);
// Frees the atlas; call before the GL context goes.
void shutdown_text();

// Screens are laid out for a screen 1920 px wide; on another width main.cpp
// scales each whole frame by `scale` (real width / 1920), and glyphs are
// then sampled smoothly instead of pixel for pixel.
void set_screen_scale(float scale);

// A full-screen window for one screen; call end_screen() after drawing.
// begin_screen() also starts the text engine's frame, so call it once per
// frame.
void begin_screen(const char* id);
void end_screen();

// [SECTION] direction ------------------------------------------------------------

// Layout direction of the current language: Dari mirrors the whole screen.
bool rtl(const ScreenContext& ctx);
// Maps a position given as if the screen were left to right: returns the x of
// an item of width `w` placed `x` px from the start edge of the area
// [area_min, area_min + area_w). In Dari that is measured from the right.
float mirror_x(const ScreenContext& ctx, float x, float w, float area_min, float area_w);

// Places the items of one row in reading order: left to right, or right to
// left in Dari. Usage:
//   ui::Row row(ctx);            // starts at the cursor, spans the free width
//   row.next(300); ui::big_button(ctx, "a", ..., 300);
//   row.next(300); ui::big_button(ctx, "b", ..., 300);
//   row.end();                   // cursor moves below the tallest item
class Row {
 public:
  explicit Row(const ScreenContext& ctx, float spacing = 20.0f);
  // Moves the cursor to where the next item of width `w` starts; the item
  // must then be exactly `w` wide (see button_width()).
  void next(float w);
  // Skips `w` px in reading order (a gap).
  void skip(float w);
  // Puts the cursor below the row; called by the destructor if not before.
  void end();
  ~Row();
  Row(const Row&) = delete;
  Row& operator=(const Row&) = delete;

 private:
  bool rtl_;
  float spacing_, x0_, y0_, width_, used_ = 0, height_ = 0;
  bool any_ = false, ended_ = false;
};

// [SECTION] text -----------------------------------------------------------------

enum class Font {
  body,     // 34 px regular: paragraphs, list items, field text
  small,    // 28 px regular: hints, staff details
  button,   // 38 px bold: button labels
  heading,  // 44 px bold: section headings
  title,    // 56 px bold: screen titles
  huge,     // 72 px bold: attract screen
  name,     // 28 px regular: language names in the top bar
  // Large text: every size grows, the smallest (small, name) to 36 px.
};
kiosk::text::Style style_of(Font font);

using kiosk::text::Align;

struct TextOpts {
  Font font = Font::body;
  Align align = Align::start;
  float width = 0;               // wrap width; 0 = the free width, < 0 = no wrapping
  std::string_view lang = {};    // the text's language; empty = the session's
  ImU32 color = 0;               // 0 = the text colour
  std::string_view spoken = {};  // what read-aloud says instead; empty = the text
};

// Lays out text for drawing or measuring; cached across frames.
const kiosk::text::Paragraph& layout_text(const ScreenContext& ctx, std::string_view text,
                                          const TextOpts& opts = {});
// Draws a laid-out paragraph with its box's top-left at `pos` (screen px),
// without moving the cursor.
void draw_text(const kiosk::text::Paragraph& p, ImVec2 pos, ImU32 color = 0);

// Text at the cursor, wrapped to opts.width, aligned; moves the cursor below.
void text(const ScreenContext& ctx, std::string_view text, const TextOpts& opts = {});
void title(const ScreenContext& ctx, const std::string& text);
void heading(const ScreenContext& ctx, const std::string& text);
void paragraph(const ScreenContext& ctx, const std::string& text);
// The same with a wrap width (0 = free width) and an alignment.
void title(const ScreenContext& ctx, const std::string& text, float width,
           Align align = Align::start);
void heading(const ScreenContext& ctx, const std::string& text, float width);
void paragraph(const ScreenContext& ctx, const std::string& text, float width,
               Align align = Align::start);
// Small muted text: labels above values, hints.
void caption(const ScreenContext& ctx, const std::string& text, float width = 0,
             Align align = Align::center);
// A sentence in the warning colour: why an answer was not taken, a printer
// problem.
void warning(const ScreenContext& ctx, const std::string& text, float width = 0);
// A paragraph with a bullet at the start side (right in Dari).
void list_item(const ScreenContext& ctx, const std::string& text);

// [SECTION] controls -------------------------------------------------------------

enum class ButtonKind { primary, secondary };

// A big touch button (at least 96 px high). width 0 = fit the label. The
// label is centred and wraps. Returns true when tapped.
bool big_button(const ScreenContext& ctx, const std::string& id, const std::string& label,
                float width = 0, ButtonKind kind = ButtonKind::secondary);
// The height big_button takes for `label` in `width` (a long label wraps).
float button_height(const ScreenContext& ctx, const std::string& label, float width);
// The width big_button(..., 0) takes for `label`: give it to Row::next().
float button_width(const ScreenContext& ctx, const std::string& label, std::string_view lang = {});
// A button whose label is in another language than the session's (the
// language screen shows each name in its own script).
bool big_button_in(const ScreenContext& ctx, std::string_view lang, const std::string& id,
                   const std::string& label, float width = 0,
                   ButtonKind kind = ButtonKind::secondary);

// Back / Start again / Next row at the bottom. Back sits at the start side
// with its arrow pointing there (right in Dari); Next at the end side.
void nav_bar(ScreenContext& ctx, bool back = true, bool next = false);

// Shows `buffer` (logical UTF-8, as typed on the on-screen keyboard) shaped,
// in a box of `width` (0 = free width), with a caret after the last
// character when `focused`. The text's direction follows its first strong
// letter, the language's when empty. Returns true when tapped.
bool text_field(const ScreenContext& ctx, const std::string& id, const std::string& buffer,
                bool focused, const std::string& placeholder = {}, float width = 0);

// A multi-line editor for a long answer (the story): `buffer` wrapped in a
// box of `width` x `height` at the cursor, its line breaks kept, the caret
// before byte `caret`, scrolled so that the caret's line shows. A tap in
// the box returns the byte offset nearest to the finger (core snaps it to
// a whole letter). Draw it inside a PersonalText scope.
std::optional<size_t> text_editor(const ScreenContext& ctx, const std::string& id, const std::string& buffer,
                                  size_t caret, float width, float height);


// A big button; primary = true is the same as ButtonKind::primary.
bool big_button(const ScreenContext& ctx, const std::string& id, const std::string& label,
                float width, bool primary);
// An 80 px high button (language switch, ±10 years); `selected` shows it on.
bool small_button(const ScreenContext& ctx, const std::string& id, const std::string& label,
                  float width, bool selected = false);
// A square button with no text; the caller draws its icon over it.
// `selected` shows it on (accent colours).
bool icon_button(const ScreenContext& ctx, const std::string& id, float size, bool selected);
// A key of the on-screen keyboard; its label is in the key's own script, so
// it is shaped in its own direction whatever the session's language.
bool key_button(const ScreenContext& ctx, const std::string& id, const std::string& label,
                float width, float height, bool selected = false);
// An answer option: a round mark (one answer) or a square one (several),
// filled when chosen. Returns true when tapped.
bool choice_button(const ScreenContext& ctx, const std::string& id, const std::string& label,
                   float width, bool selected, bool multi, float height = 0);
// Its height (at least `height`): 96 px, or more when the label wraps to more lines than fit.
float choice_height(const ScreenContext& ctx, const std::string& label, float width);
// A row of the review list: the question small, the answer below; tapping
// it returns true.
// `spoken`, when given, is what read-aloud says for the row (core's words:
// the question without the answer through a loudspeaker).
bool list_row(const ScreenContext& ctx, const std::string& id, const std::string& label,
              const std::string& value, float width, std::string_view spoken = {});
// A framed box with `text` centred (the date picker's values).
void value_box(const ScreenContext& ctx, const std::string& text, float width, float height);

// [SECTION] colours and formatting -------------------------------------------------

enum class Colour { text, muted, accent, accent_text, field, track, warning, surface, selected, background };
ImU32 colour(Colour c);

// [SECTION] accessibility -----------------------------------------------------------

// Text size and theme for this frame (from UiState: the person's choice,
// wiped with the session). Large text makes every Font bigger; high
// contrast is light text on black.
struct Look {
  bool large_text = false;
  bool high_contrast = false;
};
void set_look(const Look& look);
const Look& look();

// Every text colour the widgets draw with, against the background it is
// drawn on, in a look (for the contrast test).
struct TextOnBackground {
  const char* what;
  ImU32 fg, bg;
};
std::vector<TextOnBackground> text_colour_pairs(const Look& look);

// The texts drawn this frame in the session's language, in drawing order
// (title, text, choices, buttons), joined into sentences: what the speaker
// button reads. clear_reading() starts a frame (or an overlay).
void clear_reading();
std::string reading_text();
// Whether the person's own text (drawn inside a PersonalText scope: an
// answer, the draft) is read aloud this frame: core's answers_aloud().
void set_read_personal(bool on);
// Adds `s` to the reading text without drawing it (what an icon or a name
// in another script stands for).
void also_read(const ScreenContext& ctx, std::string_view s);

// What the text engine drew since clear_text_audit(), for the screenshot
// run's checks: the smallest font size and a text drawn in it, and every
// text that did not fit: a laid-out line wider than its box, a label taller
// than its button, or ink outside the screen (or outside the sides of a
// scrolling list).
struct TextAudit {
  int smallest_px = 0;       // 0: no text drawn
  std::string smallest_text;  // the first such text, cut to 40 bytes
  std::vector<std::string> problems;
  // Lines of text drawn on their own (not a button's label), the part that
  // shows: they must not lie under a button.
  std::vector<std::pair<std::string, ImVec4>> free_text;
};
// Starts (or stops) keeping the audit; off by default, so a running kiosk
// does no bookkeeping for it.
void set_text_audit(bool on);
void clear_text_audit();
const TextAudit& text_audit();

// A number in the language's digits; a date in the language's words and
// calendar (Dari: Solar Hijri with the Gregorian date beside it).
std::string number(const ScreenContext& ctx, int n, bool grouping = true);
std::string date_words(const ScreenContext& ctx, const std::string& iso);
// Keeps a phone number or other left-to-right run whole inside Dari text.
std::string ltr(const std::string& text);

// Step `current` (0-based) of `count` as dots filled from the start side.
void progress(const ScreenContext& ctx, int current, int count);

// [SECTION] statistics ------------------------------------------------------------

struct TextStats {
  size_t cached_paragraphs = 0;
  size_t atlas_glyphs = 0;
  size_t atlas_pages = 0;
  uint64_t cache_hits = 0, cache_misses = 0;
};
TextStats text_stats();

}  // namespace app::ui
