#include "document/canvas.hpp"

#include <cairo-pdf.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <vector>

#include "document/documents.hpp"

namespace kiosk::doc {

std::string ltr_codes(const std::string& s) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  auto capital = [](char c) { return c >= 'A' && c <= 'Z'; };
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = i;
    while (j < s.size() && digit(s[j])) ++j;
    size_t k = j;
    if (j > i && k < s.size() && s[k] == '-') {
      ++k;
      const size_t letters = k;
      while (k < s.size() && capital(s[k])) ++k;
      if (k > letters && !(i >= 3 && s.compare(i - 3, 3, kLri) == 0)) {
        out += ltr(s.substr(i, k - i));
        i = k;
        continue;
      }
    }
    const size_t next = j > i ? j : i + 1;
    out.append(s, i, next - i);
    i = next;
  }
  return out;
}

namespace {

cairo_status_t write_to_pdf(void* closure, const unsigned char* data, unsigned int length) {
  if (closure) static_cast<Pdf*>(closure)->append(data, length);
  return CAIRO_STATUS_SUCCESS;
}

// Whether the paragraph's first strong character is right-to-left (the
// direction Pango's auto-dir will give it).
bool first_strong_rtl(const std::string& text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c = 0;
    U8_NEXT(s, i, n, c);
    if (c < 0) continue;
    const UCharDirection d = u_charDirection(c);
    if (d == U_LEFT_TO_RIGHT) return false;
    if (d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC) return true;
  }
  return false;
}

}  // namespace

// One font map for every paper the process makes, kept for its life. A new
// map for every paper cost more than a third of a Dari petition's time
// (fontconfig sorting the fonts again, Pango starting its font thread), and
// the kiosk makes each session's papers on a new worker thread, so a map per
// thread would be new for every person too. The map holds only fonts and
// fontconfig patterns, never a paper's text, and only the few families of
// kFonts (and fontconfig's fallbacks for characters they lack) are ever asked
// for, so what it keeps is bounded. Neither the map nor its lock is ever
// freed: a print job still running when the kiosk exits must not find them
// gone.
PangoFontMap* papers_font_map() {
  static PangoFontMap* const map = pango_cairo_font_map_new();
  return map;
}

std::recursive_mutex& papers_lock() {
  static auto* const m = new std::recursive_mutex;
  return *m;
}

Canvas::Canvas(Pdf* out, double width, double height) : width_(width), height_(height) {
  surface_ = cairo_pdf_surface_create_for_stream(write_to_pdf, out, width, height);
  cairo_pdf_surface_set_metadata(surface_, CAIRO_PDF_METADATA_CREATOR, "asylum-kiosk");
  cr_ = cairo_create(surface_);
  pango_ = pango_font_map_create_context(papers_font_map());
  pango_cairo_update_context(cr_, pango_);
  // Sizes are given in points and the PDF's unit is the point.
  pango_cairo_context_set_resolution(pango_, 72.0);
  y = margin_top;
}

Canvas::~Canvas() {
  if (!finished_) finish();
  g_object_unref(pango_);
  cairo_destroy(cr_);
  cairo_surface_destroy(surface_);
}

std::string Canvas::error() const {
  const cairo_status_t s = cairo_surface_status(surface_);
  if (s != CAIRO_STATUS_SUCCESS) return cairo_status_to_string(s);
  const cairo_status_t c = cairo_status(cr_);
  return c == CAIRO_STATUS_SUCCESS ? std::string() : cairo_status_to_string(c);
}

Layout Canvas::text(const std::string& text, const Style& style, double width) const {
  Layout layout(pango_layout_new(pango_));
  static const std::string families = [] {  // "Noto Sans, Noto Naskh Arabic UI"
    std::string list;
    for (const auto& f : kFonts) list += (list.empty() ? "" : ", ") + std::string(f.family);
    return list;
  }();
  PangoFontDescription* font = pango_font_description_from_string(families.c_str());
  // Naskh looks smaller than Noto Sans at the same size: Dari paragraphs get
  // a little more, so the person's language reads as easily as the Russian.
  const double size = style.size * (first_strong_rtl(text) ? kRtlScale : 1.0);
  pango_font_description_set_size(font, static_cast<int>(size * PANGO_SCALE));
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout.get(), font);
  pango_font_description_free(font);
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  // With auto-dir (Pango's default) "left" means the start side of each
  // paragraph, so Dari paragraphs sit on the right.
  pango_layout_set_auto_dir(layout.get(), TRUE);
  switch (style.align) {
    case Align::start: pango_layout_set_alignment(layout.get(), PANGO_ALIGN_LEFT); break;
    case Align::center: pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER); break;
    case Align::end: pango_layout_set_alignment(layout.get(), PANGO_ALIGN_RIGHT); break;
  }
  PangoAttrList* attrs = pango_attr_list_new();
  const auto gray = static_cast<guint16>(style.gray * 65535.0);
  pango_attr_list_insert(attrs, pango_attr_foreground_new(gray, gray, gray));
  pango_layout_set_attributes(layout.get(), attrs);
  pango_attr_list_unref(attrs);
  pango_layout_set_text(layout.get(), text.c_str(), static_cast<int>(text.size()));
  return layout;
}

double Canvas::height_of(const Layout& layout) {
  int w = 0;
  int h = 0;
  pango_layout_get_size(layout.get(), &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

void Canvas::draw(const Layout& layout, double x, double top) {
  cairo_move_to(cr_, x, top);
  pango_cairo_show_layout(cr_, layout.get());
}

void Canvas::flow(const Layout& layout, double x) {
  PangoLayoutIter* it = pango_layout_get_iter(layout.get());
  double shift = 0;  // layout y of the first line on this page
  bool first_on_page = true;
  do {
    PangoRectangle logical{};
    pango_layout_iter_get_line_extents(it, nullptr, &logical);
    const double top = static_cast<double>(logical.y) / PANGO_SCALE;
    const double h = static_cast<double>(logical.height) / PANGO_SCALE;
    if (!first_on_page && !single_page && y + (top - shift) + h > bottom()) {
      new_page();
      shift = top;
    }
    if (first_on_page) {
      shift = top;
      first_on_page = false;
    }
    const double baseline = static_cast<double>(pango_layout_iter_get_baseline(it)) / PANGO_SCALE;
    cairo_move_to(cr_, x + static_cast<double>(logical.x) / PANGO_SCALE, y + (baseline - shift));
    pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it));
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
  y += height_of(layout) - shift;
}

void Canvas::ensure(double h) {
  if (!fits(h) && y > margin_top + 1) new_page();
}

void Canvas::new_page() {
  if (footer) footer(*this, page_);
  cairo_show_page(cr_);
  ++page_;
  y = margin_top;
}

int Canvas::finish() {
  if (finished_) return page_;
  finished_ = true;
  if (footer) footer(*this, page_);
  cairo_show_page(cr_);
  cairo_surface_finish(surface_);
  return page_;
}

void Canvas::line(double x1, double y1, double x2, double y2, double width, double gray) {
  cairo_save(cr_);
  cairo_set_source_rgb(cr_, gray, gray, gray);
  cairo_set_line_width(cr_, width);
  cairo_move_to(cr_, x1, y1);
  cairo_line_to(cr_, x2, y2);
  cairo_stroke(cr_);
  cairo_restore(cr_);
}

void Canvas::box(double x, double y0, double w, double h, double width, double gray) {
  cairo_save(cr_);
  cairo_set_source_rgb(cr_, gray, gray, gray);
  cairo_set_line_width(cr_, width);
  cairo_rectangle(cr_, x, y0, w, h);
  cairo_stroke(cr_);
  cairo_restore(cr_);
}

void Canvas::fill(double x, double y0, double w, double h, double gray) {
  cairo_save(cr_);
  cairo_set_source_rgb(cr_, gray, gray, gray);
  cairo_rectangle(cr_, x, y0, w, h);
  cairo_fill(cr_);
  cairo_restore(cr_);
}

}  // namespace kiosk::doc

#if defined(__SANITIZE_ADDRESS__)
// LeakSanitizer (the Asan build only): fontconfig loses one small allocation
// while parsing its XML configuration, once per process; not ours to fix.
// Debian's fontconfig has no frame pointers, so the report's stack ends in
// libfontconfig itself and only the library name can be matched. The
// papers' one font map stays reachable for the process's life (a static),
// so LeakSanitizer does not count what it holds; fontconfig memory we could
// leak through Pango is not hidden in practice (with fast_unwind_on_malloc=0
// only this 288-byte parse leak remains).
extern "C" const char* __lsan_default_suppressions() { return "leak:libfontconfig.so\n"; }
#endif

namespace kiosk {

std::vector<std::string> missing_document_fonts() {
  PangoFontMap* map = pango_cairo_font_map_new();
  PangoFontFamily** families = nullptr;
  int n = 0;
  pango_font_map_list_families(map, &families, &n);
  std::vector<std::string> missing;
  for (const auto& w : doc::kFonts) {
    bool found = false;
    for (int i = 0; i < n && !found; ++i)
      found = std::string(pango_font_family_get_name(families[i])) == w.family;
    if (!found)
      missing.push_back(std::string("the font ") + w.family +
                        " for the printed papers is not installed; install the Debian package " +
                        w.package);
  }
  g_free(families);
  g_object_unref(map);
  return missing;
}

}  // namespace kiosk
