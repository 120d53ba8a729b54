// Canvas: the small page-layout layer the petition and the receipt are drawn
// with. Pango does line breaking, bidi, shaping and font choice; cairo's PDF
// surface embeds subsetted fonts with ToUnicode maps, so the text can be
// extracted in logical order. Internal to core/document.
//
// Fonts are always named explicitly (kFonts): Noto Sans for Latin and
// Cyrillic, Noto Naskh Arabic UI for Dari. Left to itself fontconfig picks
// Noto Kufi Arabic, which lacks Persian letter forms.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "document/pdf.hpp"

namespace kiosk::doc {

inline constexpr double kPointsPerMm = 72.0 / 25.4;
// The families the papers are set in, in fallback order, with the Debian
// package of each (missing_document_fonts() names it).
struct FontFamily {
  const char* family;
  const char* package;
};
inline constexpr FontFamily kFonts[] = {{"Noto Sans", "fonts-noto-core"},
                                        {"Noto Naskh Arabic UI", "fonts-noto-ui-core"}};
inline constexpr double kRtlScale = 1.15;  // size factor for right-to-left paragraphs

// Bidi isolates: text that must keep its own direction inside a paragraph
// of the other direction (phone numbers and codes inside Dari).
inline constexpr const char* kLri = "\u2066";  // LEFT-TO-RIGHT ISOLATE
inline constexpr const char* kFsi = "\u2068";  // FIRST STRONG ISOLATE
inline constexpr const char* kPdi = "\u2069";  // POP DIRECTIONAL ISOLATE

// Wraps `s` in a left-to-right isolate.
inline std::string ltr(const std::string& s) { return kLri + s + kPdi; }
// Wraps `s` in a first-strong isolate (its own direction from its first letter).
inline std::string isolate(const std::string& s) { return kFsi + s + kPdi; }
// Every code of digits, a hyphen and Latin capitals in `s` (a law number:
// "216-IV", "94-V") wrapped in a left-to-right isolate, so that inside a
// right-to-left sentence it reads as written, not "IV-216".
std::string ltr_codes(const std::string& s);

// The font map every paper is set with: made at the first paper and kept for
// the process (see canvas.cpp). Pango's font maps are not thread-safe, so a
// Canvas holds papers_lock() from its making to its end: papers made on two
// threads at once are made one after the other.
PangoFontMap* papers_font_map();
std::recursive_mutex& papers_lock();

enum class Align { start, center, end };  // start: left for LTR text, right for Dari

struct Style {
  double size = 10;  // points
  bool bold = false;
  double gray = 0;   // 0 black ... 1 white
  Align align = Align::start;
};

struct LayoutDeleter {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using Layout = std::unique_ptr<PangoLayout, LayoutDeleter>;

class Canvas {
  // First member: taken before anything of the canvas is made, given back
  // after all of it is gone.
  std::unique_lock<std::recursive_mutex> lock_{papers_lock()};

 public:
  // Opens a PDF of pages `width` x `height` points. `out` receives the
  // bytes; nullptr discards them (a measuring pass).
  Canvas(Pdf* out, double width, double height);
  ~Canvas();
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;

  // Empty when all is well, else cairo's description of what went wrong.
  [[nodiscard]] std::string error() const;

  double margin_left = 20 * kPointsPerMm;
  double margin_right = 15 * kPointsPerMm;
  double margin_top = 15 * kPointsPerMm;
  double margin_bottom = 18 * kPointsPerMm;
  double y = 0;  // the cursor: top of the next thing drawn
  bool single_page = false;  // a roll: never start a new page

  [[nodiscard]] double width() const { return width_; }
  [[nodiscard]] double height() const { return height_; }
  [[nodiscard]] double left() const { return margin_left; }
  [[nodiscard]] double right() const { return width_ - margin_right; }
  [[nodiscard]] double content_width() const { return right() - left(); }
  [[nodiscard]] double bottom() const { return height_ - margin_bottom; }
  [[nodiscard]] int page() const { return page_; }
  [[nodiscard]] cairo_t* cr() { return cr_; }

  // Called at the end of every page (page numbers, reference code).
  std::function<void(Canvas&, int page)> footer;

  // A wrapped paragraph of plain `text` (not markup), `width` points wide.
  [[nodiscard]] Layout text(const std::string& text, const Style& style, double width) const;
  // Height of a layout in points.
  [[nodiscard]] static double height_of(const Layout& layout);
  // Draws a layout with its top-left corner at (x, top).
  void draw(const Layout& layout, double x, double top);
  // Draws a layout at the cursor, line by line, starting new pages as
  // needed; advances the cursor past it.
  void flow(const Layout& layout, double x);

  // Whether `h` points still fit on this page below the cursor.
  [[nodiscard]] bool fits(double h) const { return single_page || y + h <= bottom(); }
  // Starts a new page unless `h` points fit (or the page is still empty).
  void ensure(double h);
  // Ends this page (footer) and starts the next.
  void new_page();
  // Ends the last page and the document; returns the number of pages.
  int finish();

  void line(double x1, double y1, double x2, double y2, double width = 0.5, double gray = 0);
  void box(double x, double y, double w, double h, double width = 0.6, double gray = 0);
  void fill(double x, double y, double w, double h, double gray);

 private:
  double width_;
  double height_;
  cairo_surface_t* surface_ = nullptr;
  cairo_t* cr_ = nullptr;
  PangoContext* pango_ = nullptr;
  int page_ = 1;
  bool finished_ = false;
};

}  // namespace kiosk::doc
