#include "text/fonts.hpp"

#include <fontconfig/fontconfig.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb-ft.h>
#include <hb.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <toml++/toml.h>
#include <tuple>

#include "base/paths.hpp"

namespace kiosk::text {

namespace fs = std::filesystem;

// Light hinting: vertical only, so joined Arabic letters keep touching.
// Shaping (through hb-ft) and rasterising both use these flags.
constexpr int kLoadFlags = FT_LOAD_DEFAULT | FT_LOAD_TARGET_LIGHT;

Face::~Face() {
  if (hb_) hb_font_destroy(hb_);
  if (ft_) FT_Done_Face(ft_);
}

bool Face::has_char(char32_t c) const { return FT_Get_Char_Index(ft_, c) != 0; }

int Face::load_flags() { return kLoadFlags; }

struct FontSet::Impl {
  FT_Library library = nullptr;
  std::vector<FontSpec> specs;
  std::vector<FT_Face> coverage;  // regular file of each font, unsized, for cmap look-ups
  std::map<std::tuple<int, Weight, int>, std::unique_ptr<Face>> faces;

  ~Impl() {
    faces.clear();  // faces before the library they came from
    for (FT_Face f : coverage) FT_Done_Face(f);
    if (library) FT_Done_FreeType(library);
  }
};

namespace {

// Asks fontconfig for `file` of `family` when it is not in the listed dirs
// (another Debian layout, or fonts IT installed elsewhere).
fs::path find_with_fontconfig(const std::string& family, const std::string& file) {
  FcPattern* pattern = FcPatternCreate();
  FcPatternAddString(pattern, FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
  FcObjectSet* objects = FcObjectSetBuild(FC_FILE, nullptr);
  FcFontSet* found = FcFontList(nullptr, pattern, objects);
  fs::path result;
  if (found) {
    for (int i = 0; i < found->nfont && result.empty(); ++i) {
      FcChar8* path = nullptr;
      if (FcPatternGetString(found->fonts[i], FC_FILE, 0, &path) == FcResultMatch &&
          fs::path(reinterpret_cast<const char*>(path)).filename() == file)
        result = reinterpret_cast<const char*>(path);
    }
    FcFontSetDestroy(found);
  }
  FcObjectSetDestroy(objects);
  FcPatternDestroy(pattern);
  return result;
}

fs::path find_font_file(const std::vector<fs::path>& dirs, const std::string& family,
                        const std::string& file) {
  std::error_code ec;
  for (const auto& dir : dirs)
    if (fs::is_regular_file(dir / file, ec)) return dir / file;
  return find_with_fontconfig(family, file);
}

Error font_error(const std::string& what, const fs::path& toml_path, int line = 0,
                 Errc code = Errc::parse) {
  return make_error(code, what, {},
                    line > 0 ? toml_path.string() + ":" + std::to_string(line) : toml_path.string());
}

}  // namespace

FontSet::FontSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FontSet::FontSet(FontSet&&) noexcept = default;
FontSet& FontSet::operator=(FontSet&&) noexcept = default;
FontSet::~FontSet() = default;

Result<FontSet> FontSet::load(const fs::path& fonts_toml) {
  toml::table root;
  try {
    root = toml::parse_file(fonts_toml.string());
  } catch (const toml::parse_error& e) {
    return font_error(std::string("the font list is not valid TOML: ") + std::string(e.description()),
                      fonts_toml, static_cast<int>(e.source().begin.line));
  }
  std::vector<fs::path> dirs;
  if (const auto* list = root["dirs"].as_array())
    for (const auto& d : *list)
      if (const auto* s = d.as_string()) dirs.emplace_back(s->get());

  auto impl = std::make_unique<Impl>();
  const auto* fonts = root["font"].as_array();
  if (!fonts || fonts->empty())
    return font_error("the font list has no [[font]] entry", fonts_toml);
  for (const auto& node : *fonts) {
    const auto* t = node.as_table();
    const int line = static_cast<int>(node.source().begin.line);
    if (!t) return font_error("each [[font]] must be a table", fonts_toml, line);
    FontSpec spec;
    spec.family = (*t)["family"].value_or(std::string());
    spec.regular_file = (*t)["regular"].value_or(std::string());
    spec.bold_file = (*t)["bold"].value_or(spec.regular_file);
    spec.package = (*t)["package"].value_or(std::string("a font package"));
    if (const auto* scripts = (*t)["scripts"].as_array())
      for (const auto& s : *scripts)
        if (const auto* v = s.as_string()) spec.scripts.push_back(v->get());
    if (spec.family.empty() || spec.regular_file.empty())
      return font_error("a [[font]] needs family and regular", fonts_toml, line);
    for (const auto& code : spec.scripts)
      if (u_getPropertyValueEnum(UCHAR_SCRIPT, code.c_str()) == UCHAR_INVALID_CODE)
        return font_error("\"" + code + "\" is not an ISO 15924 script code", fonts_toml, line);
    spec.regular_path = find_font_file(dirs, spec.family, spec.regular_file);
    spec.bold_path = find_font_file(dirs, spec.family, spec.bold_file);
    for (const auto* p : {&spec.regular_path, &spec.bold_path})
      if (p->empty())
        return font_error("the font " + spec.family + " (" +
                              (p == &spec.regular_path ? spec.regular_file : spec.bold_file) +
                              ") is not installed; install the Debian package " + spec.package,
                          fonts_toml, line, Errc::not_found);
    impl->specs.push_back(std::move(spec));
  }

  if (FT_Init_FreeType(&impl->library) != 0)
    return make_error(Errc::internal, "FreeType could not be initialised");
  for (const auto& spec : impl->specs) {
    FT_Face f = nullptr;
    if (FT_New_Face(impl->library, spec.regular_path.c_str(), 0, &f) != 0)
      return make_error(Errc::io, "the font file " + spec.regular_path.string() +
                                      " cannot be read; reinstall " + spec.package);
    impl->coverage.push_back(f);
  }
  return FontSet(std::move(impl));
}

Result<FontSet> FontSet::load_default() { return load(data_dir() / "assets" / "fonts.toml"); }

size_t FontSet::font_count() const { return impl_->specs.size(); }
const FontSpec& FontSet::spec(int font) const { return impl_->specs.at(static_cast<size_t>(font)); }

int FontSet::font_for_script(int uscript) const {
  const char* code = uscript_getShortName(static_cast<UScriptCode>(uscript));
  for (size_t i = 0; i < impl_->specs.size(); ++i) {
    const auto& s = impl_->specs[i].scripts;
    if (code && std::find(s.begin(), s.end(), code) != s.end()) return static_cast<int>(i);
  }
  return 0;
}

bool FontSet::covers(int font, char32_t c) const {
  return FT_Get_Char_Index(impl_->coverage.at(static_cast<size_t>(font)), c) != 0;
}

Face& FontSet::face(int font, Weight weight, int size_px) {
  auto& slot = impl_->faces[{font, weight, size_px}];
  if (slot) return *slot;
  const FontSpec& spec = this->spec(font);
  const fs::path& path = weight == Weight::bold ? spec.bold_path : spec.regular_path;
  std::unique_ptr<Face> f(new Face());
  f->font_ = font;
  f->weight_ = weight;
  f->size_px_ = size_px;
  // The file opened at load already; a failure here means it vanished
  // since (a broken install), and nothing readable can be drawn.
  if (FT_New_Face(impl_->library, path.c_str(), 0, &f->ft_) != 0 &&
      FT_New_Face(impl_->library, spec.regular_path.c_str(), 0, &f->ft_) != 0) {
    std::fprintf(stderr, "asylum-kiosk: the font file %s can no longer be read; reinstall %s\n",
                 path.c_str(), spec.package.c_str());
    std::abort();
  }
  FT_Set_Pixel_Sizes(f->ft_, 0, static_cast<FT_UInt>(size_px));
  f->hb_ = hb_ft_font_create_referenced(f->ft_);
  hb_ft_font_set_load_flags(f->hb_, kLoadFlags);
  f->ascent_ = static_cast<float>(f->ft_->size->metrics.ascender) / 64.0f;
  f->descent_ = -static_cast<float>(f->ft_->size->metrics.descender) / 64.0f;
  slot = std::move(f);
  return *slot;
}

float FontSet::line_ascent(Weight weight, int size_px) {
  float a = 0;
  for (size_t i = 0; i < font_count(); ++i)
    a = std::max(a, face(static_cast<int>(i), weight, size_px).ascent());
  return a;
}

float FontSet::line_descent(Weight weight, int size_px) {
  float d = 0;
  for (size_t i = 0; i < font_count(); ++i)
    d = std::max(d, face(static_cast<int>(i), weight, size_px).descent());
  return d;
}

}  // namespace kiosk::text
