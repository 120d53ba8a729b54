// The layout engine (see layout.hpp for the pipeline). Sections:
//   [SECTION] 1. UTF-8 <-> UTF-16 and number isolation
//   [SECTION] 2. items: bidi level, script and font per character
//   [SECTION] 3. shaping
//   [SECTION] 4. line breaking on the logical text
//   [SECTION] 5. lines: bidi reordering, shaping per visual run, alignment
//   [SECTION] 6. carets
//   [SECTION] 7. the cache
// Internally everything runs on UTF-16 (ICU's encoding, and HarfBuzz takes
// it with context); clusters are mapped back to UTF-8 byte offsets at the end.
#include "text/layout.hpp"

#include "base/utf8.hpp"

#include <hb.h>
#include <unicode/brkiter.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <memory>

namespace kiosk::text {

namespace {

std::atomic<uint64_t> g_shape_count{0};

// [SECTION] 1. number isolation --------------------------

using utf8::append;  // the one UTF-8 codec (base/utf8.hpp)
using utf8::decode;

bool is_digit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= 0x06F0 && c <= 0x06F9) ||
                                   (c >= 0x0660 && c <= 0x0669); }
bool is_number_separator(char32_t c) { return c == U' ' || c == U'-' || c == 0x00A0 || c == U'.'; }

// In right-to-left text the bidi algorithm orders the groups of
// "+7 727 258 45 98" right to left and moves the "+"; an LRI..PDI isolate
// keeps a phone number as it is written. A candidate starts with "+", "("
// or a digit, continues with digits, single separators and parentheses,
// holds at least 7 digits, and looks like a phone number: it starts with
// "+", has parentheses or hyphens, or has at least four digit groups.
// Two numbers side by side ("2026 1500") are left to the bidi algorithm.
std::string isolate_numbers(std::string_view text) {
  const std::u32string u = decode(text);
  std::string out;
  out.reserve(text.size() + 16);
  size_t i = 0;
  while (i < u.size()) {
    const bool starts = (u[i] == U'+' || u[i] == U'(' || is_digit(u[i])) &&
                        (i == 0 || !(u_isalnum(static_cast<UChar32>(u[i - 1])) || u[i - 1] == U'+'));
    if (starts) {
      size_t j = i;
      int digits = 0, groups = 1;
      bool phone_marks = u[i] == U'+' || u[i] == U'(';
      size_t last_digit_end = i;
      if (u[j] == U'+') ++j;
      while (j < u.size()) {
        if (is_digit(u[j])) {
          ++digits;
          last_digit_end = ++j;
        } else if (u[j] == U'(' || u[j] == U')') {
          phone_marks = true;
          ++j;
        } else if (is_number_separator(u[j]) && j + 1 < u.size() &&
                   (is_digit(u[j + 1]) || u[j + 1] == U'(')) {
          phone_marks = phone_marks || u[j] == U'-';
          ++groups;
          ++j;
        } else {
          break;
        }
      }
      const bool followed_by_letter =
          last_digit_end < u.size() && u_isalpha(static_cast<UChar32>(u[last_digit_end]));
      if (digits >= 7 && (phone_marks || groups >= 4) && !followed_by_letter) {
        append(out, 0x2066);  // LRI
        for (size_t k = i; k < last_digit_end; ++k) append(out, u[k]);
        append(out, 0x2069);  // PDI
        i = last_digit_end;
        continue;
      }
    }
    append(out, u[i]);
    ++i;
  }
  return out;
}

// [SECTION] 2. items ------------------------------------------------------------

struct Item {
  int32_t begin = 0, end = 0;  // UTF-16 indices
  UBiDiLevel level = 0;
  UScriptCode script = USCRIPT_COMMON;
  int font = 0;
};

bool is_neutral_script(UScriptCode s) {
  return s == USCRIPT_COMMON || s == USCRIPT_INHERITED || s == USCRIPT_INVALID_CODE;
}

// Default-ignorable and control characters do not choose a font: HarfBuzz
// hides them, and they must stay inside the run around them (ZWNJ in Dari).
bool follows_neighbours(UChar32 c) {
  return u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) || u_iscntrl(c) ||
         u_charType(c) == U_NON_SPACING_MARK || u_charType(c) == U_ENCLOSING_MARK;
}

std::vector<Item> itemize(FontSet& fonts, const std::u16string& u, const UBiDiLevel* levels) {
  const auto n = static_cast<int32_t>(u.size());
  std::vector<UScriptCode> script(u.size(), USCRIPT_COMMON);
  std::vector<int> font(u.size(), -1);
  std::vector<UChar32> cp(u.size(), 0);
  // Common and inherited characters (digits, spaces, punctuation, ZWNJ) take
  // the script of the neighbouring letters at the same bidi level, so
  // digits inside an isolate are not forced into the Arabic font.
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c = 0;
    U16_NEXT(u.data(), i, n, c);
    cp[static_cast<size_t>(start)] = c;
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript(c, &err);
    if (is_neutral_script(s) && start > 0) {
      int32_t p = start - 1;
      if (U16_IS_TRAIL(u[static_cast<size_t>(p)]) && p > 0) --p;
      if (levels[p] == levels[start]) s = script[static_cast<size_t>(p)];
    }
    for (int32_t k = start; k < i; ++k) script[static_cast<size_t>(k)] = s;
  }
  for (int32_t i = n - 1; i > 0; --i) {
    const auto si = static_cast<size_t>(i), prev = static_cast<size_t>(i - 1);
    if (is_neutral_script(script[prev]) && !is_neutral_script(script[si]) &&
        levels[i - 1] == levels[i])
      script[prev] = script[si];
  }
  // Font: the script's font, else the first font (in list order) that has
  // the character; characters that choose no font join their neighbours.
  for (int32_t i = 0; i < n; ++i) {
    const auto si = static_cast<size_t>(i);
    if (U16_IS_TRAIL(u[si]) && i > 0) {
      font[si] = font[si - 1];
      continue;
    }
    const UChar32 c = cp[si];
    if (follows_neighbours(c)) continue;
    int f = fonts.font_for_script(script[si]);
    if (!fonts.covers(f, static_cast<char32_t>(c))) {
      for (size_t k = 0; k < fonts.font_count(); ++k)
        if (fonts.covers(static_cast<int>(k), static_cast<char32_t>(c))) {
          f = static_cast<int>(k);
          break;
        }
    }
    font[si] = f;
  }
  for (int32_t i = 1; i < n; ++i)
    if (font[static_cast<size_t>(i)] < 0 && levels[i] == levels[i - 1])
      font[static_cast<size_t>(i)] = font[static_cast<size_t>(i - 1)];
  for (int32_t i = n - 2; i >= 0; --i)
    if (font[static_cast<size_t>(i)] < 0) font[static_cast<size_t>(i)] = font[static_cast<size_t>(i + 1)];
  for (auto& f : font)
    if (f < 0) f = fonts.font_for_script(USCRIPT_COMMON);

  std::vector<Item> items;
  for (int32_t i = 0; i < n; ++i) {
    const auto si = static_cast<size_t>(i);
    if (items.empty() || items.back().level != levels[i] || items.back().font != font[si] ||
        (items.back().script != script[si] && !is_neutral_script(script[si]) &&
         !is_neutral_script(items.back().script))) {
      items.push_back({i, i + 1, levels[i], script[si], font[si]});
    } else {
      items.back().end = i + 1;
      if (is_neutral_script(items.back().script)) items.back().script = script[si];
    }
  }
  return items;
}

// [SECTION] 3. shaping ------------------------------------------------------------

hb_script_t hb_script_of(UScriptCode s) {
  if (is_neutral_script(s)) return HB_SCRIPT_COMMON;
  return hb_script_from_string(uscript_getShortName(s), -1);
}

struct Shaped {
  std::vector<hb_glyph_info_t> info;
  std::vector<hb_glyph_position_t> pos;
};

// Shapes u[begin, end) with the whole paragraph as context, so that letters
// at a run edge still take their joining forms.
void shape(hb_buffer_t* buf, Face& face, const std::u16string& u, int32_t begin, int32_t end,
           bool rtl, UScriptCode script, hb_language_t language, Shaped& out) {
  hb_buffer_clear_contents(buf);
  hb_buffer_add_utf16(buf, reinterpret_cast<const uint16_t*>(u.data()),
                      static_cast<int>(u.size()), static_cast<unsigned>(begin), end - begin);
  hb_buffer_set_direction(buf, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
  hb_buffer_set_script(buf, hb_script_of(script));
  hb_buffer_set_language(buf, language);
  hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
  hb_shape(face.hb(), buf, nullptr, 0);
  g_shape_count.fetch_add(1, std::memory_order_relaxed);
  unsigned count = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &count);
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &count);
  out.info.assign(info, info + count);
  out.pos.assign(pos, pos + count);
}

struct HbBuffer {
  hb_buffer_t* b = hb_buffer_create();
  ~HbBuffer() { hb_buffer_destroy(b); }
};

// [SECTION] 4. line breaking ---------------------------------------------------

struct LineRange {
  int32_t begin = 0, end = 0;  // UTF-16, trailing whitespace and line feeds included
};

bool is_trailing_space(char16_t c) {
  return c == u'\n' || c == u'\r' || c == 0x2028 || c == 0x2029 ||
         u_isWhitespace(c) || c == 0x00A0;
}

icu::BreakIterator* line_breaker(const std::string& language) {
  thread_local std::map<std::string, std::unique_ptr<icu::BreakIterator>> cache;
  auto& slot = cache[language];
  if (!slot) {
    UErrorCode err = U_ZERO_ERROR;
    std::string loc = language;
    std::replace(loc.begin(), loc.end(), '-', '_');
    slot.reset(icu::BreakIterator::createLineInstance(icu::Locale(loc.c_str()), err));
    if (U_FAILURE(err)) slot.reset();
  }
  return slot.get();
}

icu::BreakIterator* grapheme_breaker() {
  thread_local std::unique_ptr<icu::BreakIterator> it;
  if (!it) {
    UErrorCode err = U_ZERO_ERROR;
    it.reset(icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), err));
    if (U_FAILURE(err)) it.reset();
  }
  return it.get();
}

// Greedy fill on the logical text: a line ends at the last break
// opportunity that fits; a word wider than the line is cut between
// grapheme clusters; line feeds always end a line.
std::vector<LineRange> break_lines(const std::u16string& u, const std::vector<double>& prefix,
                                   float max_width, const std::string& language) {
  const auto n = static_cast<int32_t>(u.size());
  std::vector<LineRange> lines;
  auto ink_end = [&](int32_t b, int32_t e) {
    while (e > b && is_trailing_space(u[static_cast<size_t>(e - 1)])) --e;
    return e;
  };
  auto width = [&](int32_t b, int32_t e) {
    return prefix[static_cast<size_t>(ink_end(b, e))] - prefix[static_cast<size_t>(b)];
  };
  icu::BreakIterator* lb = line_breaker(language);
  icu::UnicodeString text(false, u.data(), n);  // read-only alias
  if (!lb || n == 0) {
    lines.push_back({0, n});
    return lines;
  }
  lb->setText(text);
  // A phone number isolated left to right (LRI ... PDI) stays on one line:
  // no break inside it, so that "+7" never ends one line with the rest of
  // the number on the next (a narrow portrait layout wraps them).
  std::vector<bool> isolated(static_cast<size_t>(n) + 1, false);
  for (int32_t i = 0, depth = 0; i < n; ++i) {
    if (u[static_cast<size_t>(i)] == u'\u2066') ++depth;
    else if (u[static_cast<size_t>(i)] == u'\u2069' && depth > 0) --depth;
    isolated[static_cast<size_t>(i) + 1] = depth > 0;
  }
  int32_t start = 0, last_fit = -1;
  for (int32_t pos = lb->following(0); pos != icu::BreakIterator::DONE; pos = lb->next()) {
    const bool hard = lb->getRuleStatus() >= UBRK_LINE_HARD && lb->getRuleStatus() < UBRK_LINE_HARD_LIMIT;
    if (!hard && pos < n && isolated[static_cast<size_t>(pos)]) continue;
    while (max_width > 0 && width(start, pos) > max_width) {
      if (last_fit > start) {
        lines.push_back({start, last_fit});
        start = last_fit;
        last_fit = -1;
        continue;
      }
      // One word wider than the line: cut it at a grapheme boundary.
      icu::BreakIterator* gb = grapheme_breaker();
      int32_t cut = -1;
      if (gb) {
        gb->setText(text);
        for (int32_t g = gb->following(start); g != icu::BreakIterator::DONE && g < pos;
             g = gb->next()) {
          if (width(start, g) > max_width) break;
          cut = g;
        }
        if (cut < 0) cut = gb->following(start);
      }
      if (cut <= start || cut >= pos) break;
      lines.push_back({start, cut});
      start = cut;
    }
    last_fit = pos;
    if (hard && pos < n) {
      lines.push_back({start, pos});
      start = pos;
      last_fit = -1;
    }
  }
  if (start < n || lines.empty()) lines.push_back({start, n});
  // A final line feed opens an empty last line, as in a text field.
  if (n > 0 && u[static_cast<size_t>(n - 1)] == u'\n') lines.push_back({n, n});
  return lines;
}

}  // namespace

// [SECTION] 5. lines ---------------------------------------------------------------

float Paragraph::natural_width() const {
  float w = 0;
  for (const auto& l : lines) w = std::max(w, l.width);
  return w;
}

Direction first_strong_direction(std::string_view text) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
  switch (ubidi_getBaseDirection(u.getBuffer(), u.length())) {
    case UBIDI_RTL: return Direction::rtl;
    case UBIDI_LTR: return Direction::ltr;
    default: return Direction::auto_detect;
  }
}

uint64_t shape_count() { return g_shape_count.load(std::memory_order_relaxed); }

Paragraph layout(FontSet& fonts, std::string_view input, const LayoutOptions& options) {
  Paragraph p;
  p.options = options;
  p.rtl = options.direction == Direction::rtl ||
          (options.direction == Direction::auto_detect && first_strong_direction(input) == Direction::rtl);
  p.text = (p.rtl && options.isolate_numbers) ? isolate_numbers(input) : std::string(input);

  // UTF-16 text and, for each UTF-16 index, its UTF-8 byte offset.
  std::u16string u;
  std::vector<uint32_t> u8_offset;
  {
    const std::u32string cps = decode(p.text);
    uint32_t byte = 0;
    for (char32_t c : cps) {
      const uint32_t len = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (c >= 0x10000) {
        u.push_back(static_cast<char16_t>(U16_LEAD(c)));
        u.push_back(static_cast<char16_t>(U16_TRAIL(c)));
        u8_offset.push_back(byte);
        u8_offset.push_back(byte);
      } else {
        u.push_back(static_cast<char16_t>(c));
        u8_offset.push_back(byte);
      }
      byte += len;
    }
    u8_offset.push_back(byte);
  }
  const auto n = static_cast<int32_t>(u.size());
  const Style& style = options.style;
  p.ascent = std::round(fonts.line_ascent(style.weight, style.size_px));
  p.line_height = std::ceil(p.ascent + fonts.line_descent(style.weight, style.size_px));
  hb_language_t language =
      options.language.empty() ? hb_language_get_default()
                               : hb_language_from_string(options.language.c_str(), -1);

  // Bidi levels of the whole paragraph.
  UErrorCode err = U_ZERO_ERROR;
  UBiDi* para = ubidi_openSized(n, 0, &err);
  UBiDi* line_bidi = ubidi_openSized(n, 0, &err);
  ubidi_setPara(para, reinterpret_cast<const UChar*>(u.data()), n, p.rtl ? 1 : 0, nullptr, &err);
  std::vector<UBiDiLevel> levels(u.size(), p.rtl ? 1 : 0);
  if (U_SUCCESS(err) && n > 0) {
    const UBiDiLevel* l = ubidi_getLevels(para, &err);
    if (U_SUCCESS(err)) levels.assign(l, l + n);
  }
  const std::vector<Item> items = itemize(fonts, u, levels.data());

  // Measure: advance of each UTF-16 index (a cluster's advance on its first
  // character), from shaping the items in logical order.
  HbBuffer buf;
  Shaped shaped;
  std::vector<double> prefix(u.size() + 1, 0.0);
  if (options.max_width > 0) {
    std::vector<double> advance(u.size(), 0.0);
    for (const Item& it : items) {
      shape(buf.b, fonts.face(it.font, style.weight, style.size_px), u, it.begin, it.end,
            (it.level & 1) != 0, it.script, language, shaped);
      for (size_t g = 0; g < shaped.info.size(); ++g)
        advance[shaped.info[g].cluster] += shaped.pos[g].x_advance / 64.0;
    }
    for (size_t i = 0; i < u.size(); ++i) prefix[i + 1] = prefix[i] + advance[i];
  }
  const std::vector<LineRange> ranges = break_lines(u, prefix, options.max_width, options.language);

  for (size_t li = 0; li < ranges.size(); ++li) {
    const LineRange& r = ranges[li];
    Line line;
    line.text_begin = u8_offset[static_cast<size_t>(r.begin)];
    line.text_end = u8_offset[static_cast<size_t>(r.end)];
    line.baseline = p.ascent + static_cast<float>(li) * p.line_height;
    line.run_begin = line.run_end = static_cast<uint32_t>(p.runs.size());
    int32_t end = r.end;
    while (end > r.begin && is_trailing_space(u[static_cast<size_t>(end - 1)])) --end;
    float pen = 0;
    err = U_ZERO_ERROR;
    if (end > r.begin) ubidi_setLine(para, r.begin, end, line_bidi, &err);
    const int32_t visual_runs = (end > r.begin && U_SUCCESS(err)) ? ubidi_countRuns(line_bidi, &err) : 0;
    for (int32_t vr = 0; vr < visual_runs; ++vr) {
      int32_t logical_start = 0, length = 0;
      const bool rtl = ubidi_getVisualRun(line_bidi, vr, &logical_start, &length) == UBIDI_RTL;
      const int32_t a = r.begin + logical_start, b = a + length;
      // The pieces of [a, b) with one font, in visual order.
      std::vector<std::pair<int32_t, const Item*>> pieces;
      for (const Item& it : items) {
        const int32_t s = std::max(a, it.begin), e = std::min(b, it.end);
        if (s < e) pieces.emplace_back(s, &it);
      }
      if (rtl) std::reverse(pieces.begin(), pieces.end());
      for (const auto& [s, it] : pieces) {
        const int32_t e = std::min(b, it->end);
        Face& face = fonts.face(it->font, style.weight, style.size_px);
        shape(buf.b, face, u, s, e, rtl, it->script, language, shaped);
        Run run;
        run.font = it->font;
        run.rtl = rtl;
        run.text_begin = u8_offset[static_cast<size_t>(s)];
        run.text_end = u8_offset[static_cast<size_t>(e)];
        run.x = pen;
        run.glyph_begin = static_cast<uint32_t>(p.glyphs.size());
        for (size_t g = 0; g < shaped.info.size(); ++g) {
          const auto& gi = shaped.info[g];
          const auto& gp = shaped.pos[g];
          Glyph glyph;
          glyph.id = gi.codepoint;
          glyph.cluster = u8_offset[gi.cluster];
          glyph.x = pen + static_cast<float>(gp.x_offset) / 64.0f;
          glyph.y = line.baseline - static_cast<float>(gp.y_offset) / 64.0f;
          glyph.advance = static_cast<float>(gp.x_advance) / 64.0f;
          pen += glyph.advance;
          if (glyph.id == 0 &&
              std::find(p.missing.begin(), p.missing.end(), glyph.cluster) == p.missing.end())
            p.missing.push_back(glyph.cluster);
          p.glyphs.push_back(glyph);
        }
        run.glyph_end = static_cast<uint32_t>(p.glyphs.size());
        run.width = pen - run.x;
        p.runs.push_back(run);
      }
    }
    line.run_end = static_cast<uint32_t>(p.runs.size());
    line.width = pen;
    p.lines.push_back(line);
  }
  ubidi_close(line_bidi);
  ubidi_close(para);

  p.width = options.max_width > 0 ? options.max_width : p.natural_width();
  p.height = static_cast<float>(p.lines.size()) * p.line_height;
  // Alignment moves whole lines; glyph x so far is relative to the line.
  for (Line& line : p.lines) {
    const float free = p.width - line.width;
    float x = 0;
    const bool to_right = (options.align == Align::start) == p.rtl;
    if (options.align == Align::center) x = free / 2;
    else if (to_right) x = free;
    x = std::round(x);
    line.x = x;
    for (uint32_t ri = line.run_begin; ri < line.run_end; ++ri) {
      Run& run = p.runs[ri];
      run.x += x;
      for (uint32_t g = run.glyph_begin; g < run.glyph_end; ++g) p.glyphs[g].x += x;
    }
  }
  return p;
}

// [SECTION] 6. carets ---------------------------------------------------------------

Caret caret_at(const Paragraph& p, size_t offset) {
  Caret c;
  if (p.lines.empty()) return c;
  // The line holding the offset; the end of the text is on the last line.
  size_t li = p.lines.size() - 1;
  for (size_t i = 0; i < p.lines.size(); ++i)
    if (offset < p.lines[i].text_end || (i + 1 == p.lines.size())) {
      li = i;
      break;
    }
  const Line& line = p.lines[li];
  c.line = li;
  // Before the character at `offset`: the leading edge of its glyph, else
  // the trailing edge of the logically previous glyph (end of a line).
  const Glyph* at = nullptr;
  const Run* at_run = nullptr;
  const Glyph* before = nullptr;
  const Run* before_run = nullptr;
  for (uint32_t ri = line.run_begin; ri < line.run_end; ++ri) {
    const Run& run = p.runs[ri];
    for (uint32_t g = run.glyph_begin; g < run.glyph_end; ++g) {
      const Glyph& glyph = p.glyphs[g];
      if (glyph.cluster == offset && !at) {
        at = &glyph;
        at_run = &run;
      } else if (glyph.cluster < offset && (!before || glyph.cluster >= before->cluster)) {
        before = &glyph;
        before_run = &run;
      }
    }
  }
  if (at) c.x = at_run->rtl ? at->x + at->advance : at->x;
  else if (before) c.x = before_run->rtl ? before->x : before->x + before->advance;
  else c.x = line.x;
  return c;
}

size_t offset_at(const Paragraph& p, float x, float y) {
  if (p.lines.empty() || p.line_height <= 0) return 0;
  const float row = std::floor(y / p.line_height);
  const size_t li = row < 0 ? 0 : std::min(p.lines.size() - 1, static_cast<size_t>(row));
  const Line& line = p.lines[li];
  // Candidates: before each character drawn on the line, and the line's
  // end (before its line feed; a wrapped line's end is the next one's start).
  std::vector<size_t> candidates;
  for (uint32_t ri = line.run_begin; ri < line.run_end; ++ri)
    for (uint32_t g = p.runs[ri].glyph_begin; g < p.runs[ri].glyph_end; ++g)
      candidates.push_back(p.glyphs[g].cluster);
  size_t end = li + 1 == p.lines.size() ? p.text.size() : line.text_end;
  if (end > line.text_begin && (p.text[end - 1] == '\n' || p.text[end - 1] == '\r')) --end;
  candidates.push_back(end);
  candidates.push_back(line.text_begin);
  size_t best = line.text_begin;
  float best_d = -1;
  for (size_t c : candidates) {
    if (c < line.text_begin || c > p.text.size()) continue;
    const Caret k = caret_at(p, c);
    if (k.line != li) continue;
    const float d = std::fabs(k.x - x);
    if (best_d < 0 || d < best_d) best = c, best_d = d;
  }
  return best;
}

// [SECTION] 7. cache -----------------------------------------------------------------

LayoutCache::LayoutCache(FontSet& fonts, size_t capacity) : fonts_(fonts), capacity_(capacity) {}

std::string LayoutCache::key_of(std::string_view text, const LayoutOptions& o) {
  std::string key;
  key.reserve(text.size() + o.language.size() + 24);
  key.append(reinterpret_cast<const char*>(&o.style.size_px), sizeof o.style.size_px);
  key.push_back(static_cast<char>(o.style.weight));
  key.append(reinterpret_cast<const char*>(&o.max_width), sizeof o.max_width);
  key.push_back(static_cast<char>(o.align));
  key.push_back(static_cast<char>(o.direction));
  key.push_back(o.isolate_numbers ? '1' : '0');
  key.append(o.language);
  key.push_back('\0');
  key.append(text);
  return key;
}

const Paragraph& LayoutCache::get(std::string_view text, const LayoutOptions& options) {
  std::string key = key_of(text, options);
  auto it = entries_.find(key);
  if (it != entries_.end()) {
    ++hits_;
    it->second.last_frame = frame_;
    if (personal_ && !it->second.personal) {
      it->second.personal = true;  // the person's text now, whatever it was before
      ++personal_count_;
    }
    order_.splice(order_.end(), order_, it->second.order);
    return it->second.paragraph;
  }
  ++misses_;
  if (personal_ && personal_count_ >= kMaxPersonal) {
    // The oldest personal entry not drawn in this frame makes room.
    for (auto o = order_.begin(); o != order_.end(); ++o) {
      auto e = entries_.find(*o);
      if (e->second.personal && e->second.last_frame != frame_) {
        erase(e);
        break;
      }
    }
  }
  order_.push_back(key);
  Entry e{layout(fonts_, text, options), frame_, std::prev(order_.end()), personal_};
  if (personal_) ++personal_count_;
  return entries_.emplace(std::move(key), std::move(e)).first->second.paragraph;
}

void LayoutCache::erase(std::unordered_map<std::string, Entry>::iterator it) {
  if (it->second.personal) --personal_count_;
  // Both copies of the key hold the text: overwrite them before their
  // memory goes back (the map does not hash again to erase by iterator).
  std::fill(it->second.order->begin(), it->second.order->end(), '\0');
  order_.erase(it->second.order);
  std::string& key = const_cast<std::string&>(it->first);
  std::fill(key.begin(), key.end(), '\0');
  entries_.erase(it);
}

void LayoutCache::end_frame() {
  while (entries_.size() > capacity_ && !order_.empty()) {
    auto it = entries_.find(order_.front());
    if (it->second.last_frame == frame_) break;  // everything older is gone already
    erase(it);
  }
  ++frame_;
}

void LayoutCache::drop_personal() {
  for (auto it = entries_.begin(); it != entries_.end();) {
    auto next = std::next(it);
    if (it->second.personal) erase(it);
    it = next;
  }
  personal_ = false;
}

bool LayoutCache::contains(std::string_view needle) const {
  for (const auto& [key, e] : entries_)
    if (key.find(needle) != std::string::npos) return true;
  return false;
}

void LayoutCache::clear() {
  entries_.clear();
  order_.clear();
  personal_count_ = 0;
}

}  // namespace kiosk::text
