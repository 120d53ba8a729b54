// The text layout engine: a logical UTF-8 paragraph in, lines of positioned
// glyphs out. The kiosk screen (app/ui) and `asylum-kioskctl render-text`
// both draw exactly what this returns.
//
// Pipeline (see shared/brief/text-rendering.md):
//   logical text -> base direction (given or first strong character)
//   -> in right-to-left text, phone numbers wrapped in LRI..PDI
//   -> ICU bidi levels -> items of one level, script and font
//   -> HarfBuzz shaping of the items to measure
//   -> ICU line breaks on the logical text, greedy fill to the width
//   -> per line: ICU bidi visual runs -> HarfBuzz shaping per run and font
//   -> glyphs placed left to right, line aligned in the box.
// Coordinates: pixels, y down, origin at the top-left of the paragraph box.
#pragma once

#include <cstdint>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "text/fonts.hpp"

namespace kiosk::text {

enum class Direction : uint8_t { auto_detect, ltr, rtl };
// start is the left edge for left-to-right paragraphs, the right edge for
// right-to-left ones; end is the other edge.
enum class Align : uint8_t { start, end, center };

struct Style {
  int size_px = 34;
  Weight weight = Weight::regular;
  bool operator==(const Style&) const = default;
};

struct LayoutOptions {
  Style style;
  float max_width = 0;  // wrap to this width; 0 = break only at line feeds
  Align align = Align::start;
  Direction direction = Direction::auto_detect;
  std::string language;  // BCP 47, e.g. "fa-AF": line-break rules, localized glyph forms
  // In a right-to-left paragraph, wrap phone-number-like digit groups in
  // LRI..PDI so that "+7 727 258 45 98" keeps its order. Off for text
  // fields, whose byte offsets must match the typed buffer.
  bool isolate_numbers = true;
  bool operator==(const LayoutOptions&) const = default;
};

struct Glyph {
  uint32_t id = 0;       // glyph index in the run's face; 0 is .notdef
  uint32_t cluster = 0;  // byte offset in Paragraph::text of the first character drawn
  float x = 0;           // glyph origin, px from the box's left edge
  float y = 0;           // glyph origin (the baseline, moved by mark offsets), px from the top
  float advance = 0;     // px
};

// One shaped run: one font, one direction; runs are in visual order.
struct Run {
  uint32_t glyph_begin = 0, glyph_end = 0;  // into Paragraph::glyphs, left to right
  uint32_t text_begin = 0, text_end = 0;    // byte range of Paragraph::text
  int font = 0;                             // index in the FontSet
  bool rtl = false;
  float x = 0, width = 0;
};

struct Line {
  uint32_t run_begin = 0, run_end = 0;    // into Paragraph::runs
  uint32_t text_begin = 0, text_end = 0;  // logical byte range, trailing spaces included
  float x = 0, width = 0;                 // inked extent after alignment
  float baseline = 0;                     // px from the box top
};

struct Paragraph {
  std::string text;  // what was laid out: the input plus any inserted isolates
  LayoutOptions options;
  bool rtl = false;        // resolved paragraph direction
  float width = 0;         // box width: max_width when wrapping, else the widest line
  float height = 0;        // lines * line_height
  float line_height = 0;
  float ascent = 0;        // baseline of the first line, from the box top
  std::vector<Line> lines;  // top to bottom; at least one, even for ""
  std::vector<Run> runs;
  std::vector<Glyph> glyphs;
  std::vector<uint32_t> missing;  // byte offsets of characters that came out as .notdef

  // The widest line's width (<= width when wrapping).
  [[nodiscard]] float natural_width() const;
};

// Lays out `text`. Never fails: a character no font has comes out as
// .notdef and is listed in Paragraph::missing.
Paragraph layout(FontSet& fonts, std::string_view text, const LayoutOptions& options);

// The x (px from the box's left edge) and line of the caret placed before the
// character at byte `offset` of paragraph.text; offset == text.size() is the
// end of the text.
struct Caret {
  float x = 0;
  size_t line = 0;
};
Caret caret_at(const Paragraph& paragraph, size_t offset);

// Where a tap at (x, y) (px from the box's top-left) puts the caret: the
// byte offset of paragraph.text whose caret position on the tapped line is
// nearest to x. Above the text is its first line, below it its last.
size_t offset_at(const Paragraph& paragraph, float x, float y);

// The direction of `text`'s first strong character: ltr, rtl, or
// auto_detect when it has none (digits only). Direction::auto_detect in
// LayoutOptions resolves that last case to left to right.
Direction first_strong_direction(std::string_view text);

// How many times HarfBuzz has shaped a run in this process: tests and the
// benchmark use it to prove that cached frames do no shaping.
uint64_t shape_count();

// Laid-out paragraphs kept across frames, keyed by (text, options), which
// holds font, size, width and alignment. A frame that asks for what an
// earlier frame asked for shapes nothing.
class LayoutCache {
 public:
  explicit LayoutCache(FontSet& fonts, size_t capacity = 4096);

  // The layout of `text`; computed on the first request only. The reference
  // stays valid until end_frame() drops the entry.
  const Paragraph& get(std::string_view text, const LayoutOptions& options);
  // Call once per frame: when over capacity, drops the entries least
  // recently used, never one used in the frame just ended.
  void end_frame();
  void clear();

  // Text a person gave (an answer, the draft being typed) is laid out while
  // personal mode is on: such entries are dropped by drop_personal() at the
  // wipe, and at most `kMaxPersonal` are kept at a time (typing a long story
  // makes a new paragraph per key; the older ones go at once).
  void set_personal(bool on) { personal_ = on; }
  [[nodiscard]] bool personal() const { return personal_; }
  void drop_personal();
  static constexpr size_t kMaxPersonal = 48;
  [[nodiscard]] size_t personal_size() const { return personal_count_; }
  // Whether any cached text contains `needle` (tests: nothing of a wiped
  // session remains).
  [[nodiscard]] bool contains(std::string_view needle) const;

  [[nodiscard]] size_t size() const { return entries_.size(); }
  [[nodiscard]] uint64_t hits() const { return hits_; }
  [[nodiscard]] uint64_t misses() const { return misses_; }
  [[nodiscard]] FontSet& fonts() { return fonts_; }

 private:
  struct Entry {
    Paragraph paragraph;
    uint64_t last_frame = 0;
    std::list<std::string>::iterator order;
    bool personal = false;
  };
  void erase(std::unordered_map<std::string, Entry>::iterator it);
  static std::string key_of(std::string_view text, const LayoutOptions& options);

  FontSet& fonts_;
  size_t capacity_;
  uint64_t frame_ = 0;
  uint64_t hits_ = 0, misses_ = 0;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> order_;  // least recently used first
  bool personal_ = false;
  size_t personal_count_ = 0;
};

}  // namespace kiosk::text
