// The text engine against two independent references:
//   - Pango (the library pango-view is built on), laying out the same text
//     with the same font file: line breaks, run order, glyph ids, advances;
//   - ICU bidi + HarfBuzz called directly in the test, for mixed Dari,
//     phone number and Latin text, where Pango's font fallback differs.
// Zero-width invisible glyphs (ZWNJ, bidi isolates) are left out on both
// sides: Pango drops them, HarfBuzz keeps a zero-width space glyph.
#include <catch2/catch.hpp>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-ft.h>
#include <hb.h>
#include <pango/pangocairo.h>
#include <unicode/brkiter.h>
#include <unicode/ubidi.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "input/keyboard.hpp"
#include "base/paths.hpp"
#include "locale/catalog.hpp"
#include "locale/language.hpp"
#include "text/layout.hpp"

using namespace kiosk::text;

namespace {

FontSet& fonts() {
  static FontSet set = FontSet::load_default().value();
  return set;
}

int arabic_font() { return fonts().font_for_script(USCRIPT_ARABIC); }
int latin_font() { return fonts().font_for_script(USCRIPT_LATIN); }

struct RefGlyph {
  uint32_t id;
  double advance;    // px
  uint32_t cluster;  // byte offset in the text
};
struct RefLine {
  uint32_t start = 0;  // byte offset of the line's first character
  std::vector<RefGlyph> glyphs;  // visual order, left to right
};

UChar32 char_at(const std::string& s, uint32_t byte) {
  UChar32 c = 0;
  int32_t i = static_cast<int32_t>(byte);
  U8_NEXT(s.data(), i, static_cast<int32_t>(s.size()), c);
  return c;
}

bool invisible(const std::string& text, uint32_t cluster, double advance) {
  return advance == 0 && u_hasBinaryProperty(char_at(text, cluster), UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

// The engine's output in the same shape as the references.
std::vector<RefLine> engine_lines(const Paragraph& p) {
  std::vector<RefLine> out;
  for (const Line& line : p.lines) {
    RefLine r;
    r.start = line.text_begin;
    for (uint32_t ri = line.run_begin; ri < line.run_end; ++ri)
      for (uint32_t g = p.runs[ri].glyph_begin; g < p.runs[ri].glyph_end; ++g) {
        const Glyph& gl = p.glyphs[g];
        if (!invisible(p.text, gl.cluster, gl.advance)) r.glyphs.push_back({gl.id, gl.advance, gl.cluster});
      }
    out.push_back(std::move(r));
  }
  return out;
}

// Pango with the same font file at the same pixel size, unhinted metrics,
// unrounded positions, word wrapping at `width` px (0 = no wrapping).
std::vector<RefLine> pango_lines(const std::string& text, const char* family, int size_px,
                                 int width, bool rtl, const char* lang) {
  PangoFontMap* map = pango_cairo_font_map_new();
  PangoContext* ctx = pango_font_map_create_context(map);
  cairo_font_options_t* fo = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_SLIGHT);
  pango_cairo_context_set_font_options(ctx, fo);
  pango_cairo_context_set_resolution(ctx, 72);
  pango_context_set_round_glyph_positions(ctx, FALSE);
  pango_context_set_base_dir(ctx, rtl ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
  pango_context_set_language(ctx, pango_language_from_string(lang));
  PangoLayout* layout = pango_layout_new(ctx);
  pango_layout_set_auto_dir(layout, FALSE);
  PangoFontDescription* desc = pango_font_description_from_string(family);
  pango_font_description_set_absolute_size(desc, size_px * PANGO_SCALE);
  pango_layout_set_font_description(layout, desc);
  if (width > 0) {
    pango_layout_set_width(layout, width * PANGO_SCALE);
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
  }
  pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
  std::vector<RefLine> out;
  for (GSList* l = pango_layout_get_lines_readonly(layout); l; l = l->next) {
    const auto* line = static_cast<PangoLayoutLine*>(l->data);
    RefLine r;
    r.start = static_cast<uint32_t>(line->start_index);
    // Pango keeps glyphs for the spaces that end a line; the engine trims them.
    auto ink_end = static_cast<uint32_t>(line->start_index + line->length);
    while (ink_end > r.start && (text[ink_end - 1] == ' ' || text[ink_end - 1] == '\n')) --ink_end;
    for (GSList* rl = line->runs; rl; rl = rl->next) {
      const auto* run = static_cast<PangoGlyphItem*>(rl->data);
      for (int i = 0; i < run->glyphs->num_glyphs; ++i) {
        const PangoGlyphInfo& gi = run->glyphs->glyphs[i];
        const double adv = gi.geometry.width / static_cast<double>(PANGO_SCALE);
        const auto cluster = static_cast<uint32_t>(run->item->offset + run->glyphs->log_clusters[i]);
        if (gi.glyph == PANGO_GLYPH_EMPTY || invisible(text, cluster, adv) || cluster >= ink_end)
          continue;
        r.glyphs.push_back({gi.glyph, adv, cluster});
      }
    }
    out.push_back(std::move(r));
  }
  pango_font_description_free(desc);
  g_object_unref(layout);
  cairo_font_options_destroy(fo);
  g_object_unref(ctx);
  g_object_unref(map);
  return out;
}

// ICU bidi on the whole text (one line) and HarfBuzz per visual run, with
// the Arabic font for right-to-left runs and Noto Sans for the others.
// The test texts are chosen so that this simple font rule is right
// (no digits or Latin at the right-to-left level).
std::vector<RefGlyph> icu_hb_line(const std::string& text, int size_px) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(text);
  std::vector<uint32_t> u8(static_cast<size_t>(u.length()) + 1, 0);
  {
    int32_t i = 0;
    uint32_t byte = 0;
    while (i < u.length()) {
      const UChar32 c = u.char32At(i);
      const int32_t n = U16_LENGTH(c);
      for (int32_t k = 0; k < n; ++k) u8[static_cast<size_t>(i + k)] = byte;
      byte += static_cast<uint32_t>(U8_LENGTH(c));
      i += n;
    }
    u8[static_cast<size_t>(u.length())] = byte;
  }
  UErrorCode err = U_ZERO_ERROR;
  UBiDi* bidi = ubidi_open();
  ubidi_setPara(bidi, u.getBuffer(), u.length(), 1, nullptr, &err);
  REQUIRE(U_SUCCESS(err));
  const int32_t runs = ubidi_countRuns(bidi, &err);
  std::vector<RefGlyph> out;
  hb_buffer_t* buf = hb_buffer_create();
  for (int32_t r = 0; r < runs; ++r) {
    int32_t start = 0, len = 0;
    const bool rtl = ubidi_getVisualRun(bidi, r, &start, &len) == UBIDI_RTL;
    // Pieces of one font, logical order: right-to-left runs use the Arabic
    // font except for characters it lacks (parentheses), the others Noto Sans.
    std::vector<std::pair<int32_t, int32_t>> pieces;
    std::vector<int> piece_font;
    for (int32_t i = start; i < start + len; ++i) {
      const UChar32 c = u.char32At(i);
      const int f = (rtl && (fonts().covers(arabic_font(), static_cast<char32_t>(c)) ||
                             u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)))
                        ? arabic_font()
                        : latin_font();
      if (piece_font.empty() || piece_font.back() != f) {
        pieces.emplace_back(i, i + 1);
        piece_font.push_back(f);
      } else {
        pieces.back().second = i + 1;
      }
    }
    std::vector<size_t> order(pieces.size());
    for (size_t k = 0; k < order.size(); ++k) order[k] = rtl ? order.size() - 1 - k : k;
    for (size_t k : order) {
      const Face& face = fonts().face(piece_font[k], Weight::regular, size_px);
      hb_buffer_clear_contents(buf);
      hb_buffer_add_utf16(buf, reinterpret_cast<const uint16_t*>(u.getBuffer()), u.length(),
                          static_cast<unsigned>(pieces[k].first), pieces[k].second - pieces[k].first);
      hb_buffer_guess_segment_properties(buf);
      hb_buffer_set_direction(buf, rtl ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
      hb_shape(face.hb(), buf, nullptr, 0);
      unsigned n = 0;
      const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
      const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &n);
      for (unsigned g = 0; g < n; ++g) {
        const double adv = pos[g].x_advance / 64.0;
        const uint32_t cluster = u8[info[g].cluster];
        if (!invisible(text, cluster, adv)) out.push_back({info[g].codepoint, adv, cluster});
      }
    }
  }
  hb_buffer_destroy(buf);
  ubidi_close(bidi);
  return out;
}

void require_same_glyphs(const std::vector<RefGlyph>& got, const std::vector<RefGlyph>& want) {
  REQUIRE(got.size() == want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    INFO("glyph " << i << " (engine cluster " << got[i].cluster << ", reference cluster "
                  << want[i].cluster << ")");
    CHECK(got[i].id == want[i].id);
    CHECK(got[i].cluster == want[i].cluster);
    CHECK(std::fabs(got[i].advance - want[i].advance) < 0.05);
  }
}

void require_same_lines(const std::vector<RefLine>& got, const std::vector<RefLine>& want) {
  REQUIRE(got.size() == want.size());
  for (size_t l = 0; l < got.size(); ++l) {
    INFO("line " << l);
    CHECK(got[l].start == want[l].start);
    require_same_glyphs(got[l].glyphs, want[l].glyphs);
  }
}

LayoutOptions opts(const char* lang, bool rtl, float width = 0, int size = 34) {
  LayoutOptions o;
  o.style.size_px = size;
  o.max_width = width;
  o.direction = rtl ? Direction::rtl : Direction::ltr;
  o.language = lang;
  return o;
}

const std::string kDariLong =
    "اگر از کشور خود فرار کرده‌اید و در آن‌جا در خطر هستید، می‌توانید در قزاقستان "
    "درخواست پناهندگی کنید. درخواست خود را به‌صورت کتبی به نزدیک‌ترین اداره مهاجرت "
    "بدهید؛ این کار رایگان است. کارمندان مرز نباید شما را برگردانند. شما حق دارید "
    "مترجم داشته باشید و برنامه‌های کمک حقوقی رایگان هستند.";

}  // namespace

TEST_CASE("fonts come from the list by script, never Kufi", "[text]") {
  const FontSpec& arabic = fonts().spec(arabic_font());
  CHECK(arabic.family.find("Arabic") != std::string::npos);
  CHECK(arabic.family.find("Kufi") == std::string::npos);
  CHECK(arabic.regular_path.string().find("Kufi") == std::string::npos);
  CHECK(fonts().spec(latin_font()).family == "Noto Sans");
  CHECK(fonts().font_for_script(USCRIPT_CYRILLIC) == latin_font());
  // The chosen fonts really draw those scripts: Persian gaf, Kazakh qa.
  CHECK(fonts().covers(arabic_font(), U'\u06AF'));
  CHECK(fonts().covers(latin_font(), U'\u049B'));
  CHECK_FALSE(fonts().covers(latin_font(), U'\u06AF'));
}

TEST_CASE("a missing font file is an error naming the Debian package", "[text]") {
  const std::string dir = std::string(KIOSK_BINARY_DIR) + "/test-fonts";
  std::filesystem::create_directories(dir);
  const std::string toml = dir + "/fonts.toml";
  FILE* f = std::fopen(toml.c_str(), "w");
  REQUIRE(f);
  std::fputs("dirs = [\"/nonexistent\"]\n[[font]]\nfamily = \"No Such Family\"\n"
             "scripts = [\"Latn\"]\nregular = \"NoSuchFont-Regular.ttf\"\n"
             "package = \"fonts-nosuch\"\n", f);
  std::fclose(f);
  auto set = FontSet::load(toml);
  REQUIRE_FALSE(set.ok());
  CHECK_THAT(set.error().message, Catch::Contains("fonts-nosuch"));
  CHECK_THAT(set.error().message, Catch::Contains("NoSuchFont-Regular.ttf"));
}

TEST_CASE("Kazakh and Ukrainian sentences match Pango glyph for glyph", "[text]") {
  for (const std::string s :
       {"Қазақстанда баспана іздеушілерге арналған ақпарат: өтінішті жазбаша түрде беріңіз.",
        "Інформація для шукачів притулку. Ви маєте право на безоплатну правову допомогу: ґрунт, їжак, її."}) {
    INFO(s);
    const Paragraph p = layout(fonts(), s, opts("kk", false));
    CHECK_FALSE(p.rtl);
    CHECK(p.missing.empty());
    for (const Run& r : p.runs) CHECK(r.font == latin_font());
    require_same_lines(engine_lines(p), pango_lines(s, "Noto Sans", 34, 0, false, "kk"));
  }
}

TEST_CASE("a Dari sentence with ZWNJ matches Pango, and ZWNJ breaks the joining", "[text]") {
  const std::string word = "برنامه‌های";  // barnāma-hā: ZWNJ after heh
  const std::string joined = "برنامههای";  // the same without ZWNJ
  const Paragraph p = layout(fonts(), word + " کمک حقوقی رایگان", opts("fa-AF", true));
  CHECK(p.rtl);
  CHECK(p.missing.empty());
  require_same_lines(engine_lines(p), pango_lines(p.text, "Noto Sans Arabic UI", 34, 0, true, "fa"));
  // The heh before ZWNJ takes its final form; without ZWNJ a medial one.
  const Paragraph a = layout(fonts(), word, opts("fa-AF", true));
  const Paragraph b = layout(fonts(), joined, opts("fa-AF", true));
  auto heh_glyph = [](const Paragraph& q, uint32_t byte) {
    for (const Glyph& g : q.glyphs)
      if (g.cluster == byte) return g.id;
    return 0u;
  };
  const uint32_t heh = static_cast<uint32_t>(std::string("برنام").size());
  CHECK(heh_glyph(a, heh) != 0);
  CHECK(heh_glyph(a, heh) != heh_glyph(b, heh));
  // Right to left: the first letter (beh, byte 0) is drawn rightmost.
  float x0 = 0, max_x = -1;
  for (const Glyph& g : a.glyphs) {
    if (g.cluster == 0) x0 = g.x;
    max_x = std::max(max_x, g.x);
  }
  CHECK(x0 == max_x);
}

TEST_CASE("a long Dari paragraph wraps like Pango at several widths", "[text]") {
  for (int width : {260, 420, 700, 1100, 1700}) {
    INFO("width " << width);
    const Paragraph p = layout(fonts(), kDariLong, opts("fa-AF", true, static_cast<float>(width)));
    CHECK(p.missing.empty());
    const auto got = engine_lines(p);
    require_same_lines(got, pango_lines(kDariLong, "Noto Sans Arabic UI", 34, width, true, "fa"));
    // Logical order top to bottom: the paragraph's first word is on line 0,
    // and every line is right-aligned within the width.
    CHECK(p.lines.front().text_begin == 0);
    for (size_t i = 1; i < p.lines.size(); ++i)
      CHECK(p.lines[i].text_begin == p.lines[i - 1].text_end);
    for (const Line& l : p.lines) {
      CHECK(l.width <= static_cast<float>(width) + 0.01f);
      CHECK(std::fabs(l.x + l.width - static_cast<float>(width)) <= 1.0f);
    }
  }
}

TEST_CASE("Dari with a phone number and Latin: runs ordered as ICU bidi + HarfBuzz say", "[text]") {
  const std::string lri = "\u2066", pdi = "\u2069";
  const std::string plain = "برای کمک با شماره +7 727 258 45 98 تماس بگیرید یا به UNHCR بنویسید";
  const std::string isolated =
      "برای کمک با شماره " + lri + "+7 727 258 45 98" + pdi + " تماس بگیرید یا به UNHCR بنویسید";
  const Paragraph p = layout(fonts(), plain, opts("fa-AF", true));
  // The engine isolated the phone number by itself, and nothing else.
  CHECK(p.text == isolated);
  CHECK(p.missing.empty());
  const auto got = engine_lines(p);
  REQUIRE(got.size() == 1);
  require_same_glyphs(got[0].glyphs, icu_hb_line(isolated, 34));

  // Visual order, left to right: Dari end, UNHCR, Dari middle, the phone
  // number read left to right, Dari start on the right.
  const auto phone_at = static_cast<uint32_t>(isolated.find('+'));
  std::vector<uint32_t> phone;
  for (const auto& g : got[0].glyphs)
    if (g.cluster >= phone_at && g.cluster < phone_at + 16) phone.push_back(g.cluster);
  REQUIRE(phone.size() == 16);
  CHECK(std::is_sorted(phone.begin(), phone.end()));
  CHECK(got[0].glyphs.back().cluster == 0);
  // Without the isolate (what pango-view shows) the groups come out reversed.
  LayoutOptions raw = opts("fa-AF", true);
  raw.isolate_numbers = false;
  const Paragraph scrambled = layout(fonts(), plain, raw);
  std::vector<uint32_t> order;
  for (const Glyph& g : scrambled.glyphs)
    if (g.cluster >= static_cast<uint32_t>(plain.find('+')) &&
        g.cluster < static_cast<uint32_t>(plain.find('+')) + 16)
      order.push_back(g.cluster);
  CHECK_FALSE(std::is_sorted(order.begin(), order.end()));
}

TEST_CASE("a phone number in Dari is never broken across lines", "[text]") {
  // At a width where the line would break after "+7" (a portrait screen's
  // 984 px at 34 px), the whole number goes to the next line.
  const std::string s = "دفتر بین‌المللی قزاقستان برای حقوق بشر و حاکمیت قانون (KIBHR): +7 727 249 60 44";
  for (int width : {984, 900, 1100}) {
    INFO("width " << width);
    const Paragraph p = layout(fonts(), s, opts("fa-AF", true, static_cast<float>(width)));
    const auto plus = p.text.find('+');
    REQUIRE(plus != std::string::npos);
    const size_t end = p.text.find("44") + 2;
    bool whole = false;
    for (const Line& l : p.lines)
      whole = whole || (l.text_begin <= plus && l.text_end >= end);
    CHECK(whole);
  }
}

TEST_CASE("the LTR run inside Dari keeps Latin in Noto Sans and mirrors parentheses", "[text]") {
  const std::string s = "دفتر کمک (KIBHR) در الماتی";
  const Paragraph p = layout(fonts(), s, opts("fa-AF", true));
  CHECK(p.missing.empty());
  bool saw_latin = false;
  for (const Run& r : p.runs) {
    const std::string piece = p.text.substr(r.text_begin, r.text_end - r.text_begin);
    if (piece.find("KIBHR") != std::string::npos) {
      CHECK_FALSE(r.rtl);
      CHECK(r.font == latin_font());
      saw_latin = true;
    }
  }
  CHECK(saw_latin);
  require_same_glyphs(engine_lines(p)[0].glyphs, icu_hb_line(s, 34));
}

TEST_CASE("alignment: start is right for Dari, left for Russian, centre is centred", "[text]") {
  const Paragraph fa = layout(fonts(), "بازگشت", opts("fa-AF", true, 600));
  CHECK(std::fabs(fa.lines[0].x + fa.lines[0].width - 600) <= 1);
  const Paragraph ru = layout(fonts(), "Назад", opts("ru", false, 600));
  CHECK(ru.lines[0].x == 0);
  LayoutOptions c = opts("ru", false, 600);
  c.align = Align::center;
  const Paragraph mid = layout(fonts(), "Назад", c);
  CHECK(std::fabs(mid.lines[0].x - (600 - mid.lines[0].width) / 2) <= 1);
  LayoutOptions e = opts("fa-AF", true, 600);
  e.align = Align::end;
  CHECK(layout(fonts(), "بازگشت", e).lines[0].x == 0);
}

TEST_CASE("line feeds end lines, a word wider than the line is cut", "[text]") {
  const Paragraph p = layout(fonts(), "Первая строка\nВторая", opts("ru", false));
  REQUIRE(p.lines.size() == 2);
  CHECK(p.text.substr(p.lines[1].text_begin) == "Вторая");
  const Paragraph cut = layout(fonts(), "Пппппппппппппппппппппп", opts("ru", false, 120));
  CHECK(cut.lines.size() > 1);
  for (const Line& l : cut.lines) CHECK(l.width <= 120.01f);
  const Paragraph empty = layout(fonts(), "", opts("ru", false, 120));
  CHECK(empty.lines.size() == 1);
  CHECK(empty.height == empty.line_height);
}

TEST_CASE("the caret follows the logical end of typed text", "[text]") {
  LayoutOptions o = opts("fa-AF", true, 800);
  o.isolate_numbers = false;
  const std::string typed = "علی";
  const Paragraph p = layout(fonts(), typed, o);
  // End of Dari text: the left edge of the word.
  CHECK(std::fabs(caret_at(p, typed.size()).x - p.lines[0].x) < 0.5f);
  const Paragraph l = layout(fonts(), "Ali", opts("en", false, 800));
  CHECK(std::fabs(caret_at(l, 3).x - l.lines[0].width) < 0.5f);
  CHECK(caret_at(l, 0).x == 0);
}

TEST_CASE("phone numbers are isolated in right-to-left text, other numbers are not", "[text]") {
  auto laid = [](const std::string& s) { return layout(fonts(), s, opts("fa-AF", true)).text; };
  const std::string lri = "\u2066", pdi = "\u2069";
  CHECK(laid("تلفن 8 (727) 258-45-98 است") == "تلفن " + lri + "8 (727) 258-45-98" + pdi + " است");
  CHECK(laid("تلفن 8 727 258 45 98") == "تلفن " + lri + "8 727 258 45 98" + pdi);
  CHECK(laid("تلفن +77011234567") == "تلفن " + lri + "+77011234567" + pdi);
  // A year and a count side by side keep the bidi algorithm's order.
  CHECK(laid("در سال 2026 1500 نفر") == "در سال 2026 1500 نفر");
  CHECK(laid("روز ۱۴") == "روز ۱۴");
  // Left-to-right paragraphs are never changed.
  CHECK(layout(fonts(), "Call +7 727 258 45 98", opts("en", false)).text == "Call +7 727 258 45 98");
}

TEST_CASE("every language's script has a font that draws all its keys and texts", "[text][language]") {
  // A language added to assets/languages.toml without a font for its
  // script in fonts.toml, or with letters its font lacks (Pashto's ټ ډ ړ ږ
  // ښ ګ ڼ ۍ ې), fails here.
  auto tr = kiosk::Translations::load(kiosk::data_dir() / "locales");
  REQUIRE(tr.ok());
  for (const auto& l : kiosk::languages()) {
    INFO(l.code << " (" << l.script << ")");
    const int sc = u_getPropertyValueEnum(UCHAR_SCRIPT, l.script.c_str());
    REQUIRE(sc != UCHAR_INVALID_CODE);
    const int font = fonts().font_for_script(sc);
    const auto& scripts = fonts().spec(font).scripts;
    CHECK(std::find(scripts.begin(), scripts.end(), l.script) != scripts.end());
    auto check_text = [&](const std::string& where, const std::string& s) {
      for (int32_t i = 0; i < static_cast<int32_t>(s.size());) {
        UChar32 c;
        U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
        if (c < 0 || !u_isalpha(c)) continue;
        UErrorCode st = U_ZERO_ERROR;
        if (uscript_getScript(c, &st) != sc) continue;
        if (!fonts().covers(font, static_cast<char32_t>(c))) {
          FAIL_CHECK(where << ": U+" << std::hex << c << " has no glyph in " << fonts().spec(font).family);
          return;
        }
      }
    };
    auto k = kiosk::load_keyboard(kiosk::data_dir() / "assets/keyboards" / (l.keyboards.front() + ".toml"));
    REQUIRE(k.ok());
    for (const auto& row : k->rows)
      for (const auto& key : row) check_text("key " + key, key);
    for (const auto& [key, text] : tr->catalog(l.code).entries()) check_text(key, text);
  }
}

TEST_CASE("a Pashto sentence with its own letters joins and wraps like Pango", "[text][pashto]") {
  const std::string s = "د پناه غوښتونکي تصدیقنامه اخلئ. ټول ډېر ړانده ږغ ګډ ښځې ېګ ۍ ئ";
  const Paragraph p = layout(fonts(), s, opts("ps-AF", true));
  CHECK(p.rtl);
  CHECK(p.missing.empty());
  for (const Run& r : p.runs) CHECK(r.font == arabic_font());
  require_same_lines(engine_lines(p), pango_lines(p.text, "Noto Sans Arabic UI", 34, 0, true, "ps"));
  const Paragraph narrow = layout(fonts(), s, opts("ps-AF", true, 300));
  CHECK(narrow.lines.size() > 1);
  require_same_lines(engine_lines(narrow), pango_lines(narrow.text, "Noto Sans Arabic UI", 34, 300, true, "ps"));
}
