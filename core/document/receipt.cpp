// The receipt PDF. Sections:
//   [1] QR code   [2] blocks (title, code, deadline, office, steps, help)
//   [3] render_receipt: A4, or a roll whose page is as long as the content
#include "document/receipt.hpp"

#include <qrencode.h>

#include <algorithm>

#include "document/canvas.hpp"
#include "document/petition.hpp"
#include "locale/calendar.hpp"
#include "locale/language.hpp"

namespace kiosk {

using doc::Align;
using doc::Canvas;
using doc::Layout;
using doc::Style;

namespace {

constexpr double kPt = doc::kPointsPerMm;

// [SECTION] 1. QR code --------------------------------------------------------

// Draws a QR code of `text` (the reference code only) as a `size` square
// including the quiet zone. False when libqrencode fails.
bool draw_qr(Canvas& c, const std::string& text, double x, double y, double size) {
  QRcode* qr = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!qr) return false;
  const int n = qr->width;
  const double module = size / (n + 8);  // 4 modules of quiet zone each side
  cairo_t* cr = c.cr();
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int row = 0; row < n; ++row)
    for (int col = 0; col < n; ++col)
      if (qr->data[row * n + col] & 1)
        cairo_rectangle(cr, x + (col + 4) * module, y + (row + 4) * module, module, module);
  cairo_fill(cr);
  cairo_restore(cr);
  QRcode_free(qr);
  return true;
}

// [SECTION] 2. blocks ---------------------------------------------------------

std::string no_break(const std::string& s) {
  std::string out;
  for (char ch : s) out += ch == ' ' ? std::string("\u00A0") : std::string(1, ch);
  return out;
}

struct Writer {
  Canvas& c;
  const ReceiptInput& in;
  double scale = 1;   // smaller type on a narrow roll
  bool roll = false;
  bool qr_ok = true;

  [[nodiscard]] bool with_ru() const { return in.language != "ru"; }
  [[nodiscard]] bool rtl() const {
    const Language* l = find_language(in.language);
    return l && l->rtl;
  }
  std::string tr(const std::string& key, const MessageArgs& args = {}) const {
    return in.tr->tr(in.language, key, args);
  }
  std::string ru(const std::string& key, const MessageArgs& args = {}) const {
    return in.tr->tr("ru", key, args);
  }
  Style st(double size, bool bold = false, double gray = 0, Align a = Align::start) const {
    return Style{size * scale, bold, gray, a};
  }
  // "1" or, in Dari, "۱" (Extended Arabic-Indic digits, as Dari print uses).
  std::string list_number(int n) const {
    const std::string ascii = std::to_string(n);
    if (!rtl()) return ascii;
    static const char* const digits[] = {"۰", "۱", "۲", "۳", "۴", "۵", "۶", "۷", "۸", "۹"};
    std::string out;
    for (char d : ascii) out += digits[d - '0'];
    return out;
  }
  // Numbers and codes keep left-to-right order inside Dari.
  std::string num(const std::string& s) const { return rtl() ? doc::ltr(s) : s; }

  void put(const std::string& text, const Style& s, double space_after = 1) {
    if (text.empty()) return;
    auto l = c.text(text, s, c.content_width());
    c.ensure(std::min(Canvas::height_of(l), 60.0));
    c.flow(l, c.left());
    c.y += space_after;
  }

  void heading(const std::string& key) {
    c.ensure(50);
    c.y += 3 * kPt * scale;
    put(tr(key), st(11, true), 0);
    if (with_ru()) put(ru(key), st(8.5, false, 0.35), 0);
    c.y += 1.5 * kPt * scale;
    c.line(c.left(), c.y, c.right(), c.y, 0.5, 0.5);
    c.y += 1.5 * kPt * scale;
  }

  void sample_band() {
    if (!in.sample) return;
    std::string s = tr("print.sample_mark");
    if (with_ru()) s += "  " + doc::isolate(ru("print.sample_mark"));
    auto l = c.text(s, st(8.5, true, 0.2, Align::center), c.content_width());
    const double h = Canvas::height_of(l);
    c.fill(c.left(), c.y - 1, c.content_width(), h + 2, 0.9);
    c.draw(l, c.left(), c.y);
    c.y += h + 3 * kPt * scale;
  }

  void title() {
    put(tr("receipt.title"), st(15, true, 0, Align::center), 0);
    if (with_ru()) put(ru("receipt.title"), st(10, false, 0.35, Align::center), 0);
    c.y += 4 * kPt * scale;
  }

  // The reference code with its QR code: side by side on A4, stacked on a roll.
  void reference() {
    std::vector<Layout> block;
    const double text_w = roll ? c.content_width() : c.content_width() * 0.62;
    const Align a = Align::center;
    block.push_back(c.text(tr("receipt.reference"), st(10.5, true, 0, a), text_w));
    if (with_ru()) block.push_back(c.text(ru("receipt.reference"), st(8.5, false, 0.35, a), text_w));
    // No extra letter spacing: text extraction would read it as spaces.
    block.push_back(c.text(in.reference, st(26, true, 0, Align::center), text_w));
    double h = 0;
    for (const auto& l : block) h += Canvas::height_of(l) + 2;
    const double qr = roll ? std::min(32 * kPt, c.content_width() * 0.7) : 34 * kPt;
    c.ensure(roll ? h + qr : std::max(h, qr));
    const double top = c.y;
    double y = top;
    for (const auto& l : block) {
      c.draw(l, c.left(), y);
      y += Canvas::height_of(l) + 2;
    }
    if (roll) {
      qr_ok = draw_qr(c, in.reference, c.left() + (c.content_width() - qr) / 2, y, qr);
      c.y = y + qr;
    } else {
      qr_ok = draw_qr(c, in.reference, c.right() - qr, top - 2 * kPt, qr);
      c.y = std::max(y, top + qr - 2 * kPt);
    }
    c.y += 2 * kPt;
  }

  void warning() {
    auto a = c.text(tr("receipt.keep_warning"), st(11, true), c.content_width() - 6 * kPt);
    Layout b;
    if (with_ru())
      b = c.text(ru("receipt.keep_warning"), st(9, false, 0.2), c.content_width() - 6 * kPt);
    const double h = Canvas::height_of(a) + (b ? Canvas::height_of(b) + 2 : 0);
    c.ensure(h + 6 * kPt);
    c.fill(c.left(), c.y, c.content_width(), h + 4 * kPt, 0.9);
    c.box(c.left(), c.y, c.content_width(), h + 4 * kPt, 1.2, 0);
    c.draw(a, c.left() + 3 * kPt, c.y + 2 * kPt);
    if (b) c.draw(b, c.left() + 3 * kPt, c.y + 2 * kPt + Canvas::height_of(a) + 2);
    c.y += h + 6 * kPt;
  }

  // At a border post: hand the petition to the border officer here, now.
  void hand_over() {
    if (!in.info.border) return;
    heading("receipt.hand_over");
    put(tr("receipt.border_now"), st(12, true), 1);
    if (with_ru()) put(ru("receipt.border_now"), st(10, false, 0.2), 1);
    put(in.info.checkpoint_name, st(10.5), 0);
    if (with_ru() && !in.info.checkpoint_name_ru.empty()) put(in.info.checkpoint_name_ru, st(10), 2);
  }

  void deadline() {
    if (in.info.deadline.empty() && in.info.deadline_lines.empty()) return;
    heading(in.info.deadline_passed ? "receipt.deadline_passed" : "receipt.deadline");
    put(in.info.deadline, st(13, true), 1);
    if (with_ru() && !in.info.deadline_ru.empty()) put(in.info.deadline_ru, st(10, false, 0.2), 1);
    for (size_t i = 0; i < in.info.deadline_lines.size(); ++i) {
      put(in.info.deadline_lines[i], st(10.5, in.info.deadline_passed && i < 2), 0);
      if (with_ru() && i < in.info.deadline_lines_ru.size())
        put(in.info.deadline_lines_ru[i], st(9, false, 0.2), 0);
      c.y += 2;
    }
  }

  void office() {
    if (in.info.office_name.empty() && in.info.office_name_ru.empty()) return;
    heading(in.info.border ? "receipt.office_past_border" : "receipt.office");
    put(in.info.office_name, st(11, true), 0);
    put(in.info.office_address, st(10.5), 2);
    if (with_ru()) {
      put(in.info.office_name_ru, st(10, true), 0);
      put(in.info.office_address_ru, st(10), 2);
    }
  }

  void next_steps() {
    if (in.info.next_steps.empty()) return;
    heading("receipt.next_steps");
    int n = 0;
    for (const auto& step : in.info.next_steps) {
      put(list_number(++n) + ". " + step.title, st(10.5, true), 0);
      if (with_ru() && !step.title_ru.empty()) put(step.title_ru, st(8.5, true, 0.3), 0);
      for (const auto& l : step.lines) put(l, st(10), 0);
      if (with_ru())
        for (const auto& l : step.lines_ru) put(l, st(8.5, false, 0.25), 0);
      c.y += 3;
    }
  }

  void help() {
    if (in.info.help.empty()) return;
    heading("receipt.help");
    for (const auto& h : in.info.help) {
      std::string phones;
      // No-break spaces: a number must never wrap in the middle. Each number
      // kept left to right on its own, joined as the language joins a list
      // (Dari «،»), so that a right-to-left reader meets them in order.
      for (const auto& p : h.phones) phones += (phones.empty() ? "" : list_separator(in.language)) + num(no_break(p));
      put(h.name + ": " + phones, st(10), 0);
      if (with_ru() && !h.name_ru.empty()) put(h.name_ru, st(8.5, false, 0.35), 2);
      else c.y += 2;
    }
  }

  void closing() {
    c.y += 3 * kPt * scale;
    // The print date written like the receipt's other dates (Dari: Solar
    // Hijri with the Gregorian date beside it).
    put(tr("receipt.printed", {{"date", doc::isolate(format_date(in.language, in.date))}}) + "   " +
            tr("receipt.qr_note"),
        st(8, false, 0.35), 0);
    if (with_ru())
      put(ru("receipt.printed", {{"date", format_date("ru", in.date)}}) + "   " + ru("receipt.qr_note"),
          st(8, false, 0.35), 0);
  }

  void body() {
    sample_band();
    title();
    reference();
    warning();
    hand_over();
    deadline();
    office();
    next_steps();
    help();
    closing();
  }
};

}  // namespace

// [SECTION] 3. render ----------------------------------------------------------

Result<Pdf> render_receipt(const ReceiptInput& in) {
  if (!in.tr) return make_error(Errc::internal, "render_receipt needs translations", "print.render_failed");
  if (!find_language(in.language))
    return make_error(Errc::invalid_input, "unknown language \"" + in.language + "\"",
                      "print.render_failed");
  if (in.width_mm != 0 && (in.width_mm < 58 || in.width_mm > 210))
    return make_error(Errc::invalid_input, "the receipt width must be 0 (A4) or 58..210 mm",
                      "print.render_failed");
  if (in.reference.empty())
    return make_error(Errc::invalid_input, "the receipt needs a reference code", "print.render_failed");
  const bool roll = in.width_mm != 0;
  const double w = roll ? in.width_mm * kPt : 210 * kPt;
  const double a4_h = 297 * kPt;
  const double scale = roll ? std::clamp(in.width_mm / 80.0, 0.8, 1.0) : 1.0;
  auto setup = [&](Canvas& c) {
    if (roll) {
      c.margin_left = c.margin_right = 4 * kPt;
      c.margin_top = c.margin_bottom = 5 * kPt;
    } else {
      c.margin_left = c.margin_right = c.margin_top = 15 * kPt;
      c.margin_bottom = 12 * kPt;
    }
    c.y = c.margin_top;
    c.single_page = roll;
  };
  // First pass: how long the roll page must be.
  double content_end = 0;
  {
    Canvas measure(nullptr, w, roll ? 3000 * kPt : a4_h);
    setup(measure);
    Writer wr{measure, in, scale, roll};
    wr.body();
    content_end = measure.y;
    measure.finish();
    if (const auto e = measure.error(); !e.empty())
      return make_error(Errc::internal, "cairo could not lay out the receipt: " + e, "print.render_failed");
  }
  Pdf pdf;
  {
    Canvas c(&pdf, w, roll ? content_end + 5 * kPt : a4_h);
    setup(c);
    Writer wr{c, in, scale, roll};
    wr.body();
    const int pages = c.finish();
    if (!wr.qr_ok)
      return make_error(Errc::internal, "libqrencode could not encode the reference code",
                        "print.render_failed");
    if (const auto e = c.error(); !e.empty())
      return make_error(Errc::internal, "cairo could not write the receipt: " + e, "print.render_failed");
    pdf.set_pages(pages);
  }
  return pdf;
}

}  // namespace kiosk
