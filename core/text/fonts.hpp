// The fonts of the text engine: which file draws which script, and one
// FreeType face + HarfBuzz font per (file, weight, pixel size).
//
// The list is data (assets/fonts.toml) so that IT can change it without a
// rebuild. Shaping (HarfBuzz over the FreeType face, light hinting) and
// rasterising (raster.hpp) use the very same FT_Face at the same size, so
// advances and bitmaps always agree. Not thread-safe: one FontSet per thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/result.hpp"

// Opaque library types, so that users of the engine need no FreeType or
// HarfBuzz headers.
struct FT_FaceRec_;
struct hb_font_t;

namespace kiosk::text {

enum class Weight : uint8_t { regular, bold };

// One [[font]] entry of assets/fonts.toml.
struct FontSpec {
  std::string family;                // e.g. "Noto Sans Arabic UI"
  std::vector<std::string> scripts;  // ISO 15924 codes this font draws: "Latn", "Arab"
  std::string regular_file;          // file name, searched in `dirs` then via fontconfig
  std::string bold_file;
  std::string package;               // Debian package to install when the file is missing
  std::filesystem::path regular_path;  // resolved at load
  std::filesystem::path bold_path;
};

// One font file at one pixel size.
class Face {
 public:
  Face(const Face&) = delete;
  Face& operator=(const Face&) = delete;
  ~Face();

  [[nodiscard]] FT_FaceRec_* ft() const { return ft_; }
  [[nodiscard]] hb_font_t* hb() const { return hb_; }
  [[nodiscard]] int font() const { return font_; }        // index in the FontSet
  [[nodiscard]] Weight weight() const { return weight_; }
  [[nodiscard]] int size_px() const { return size_px_; }
  [[nodiscard]] float ascent() const { return ascent_; }   // px above the baseline
  [[nodiscard]] float descent() const { return descent_; } // px below, positive
  [[nodiscard]] bool has_char(char32_t c) const;
  // FreeType load flags of shaping and rasterising: light hinting.
  static int load_flags();

 private:
  friend class FontSet;
  Face() = default;
  FT_FaceRec_* ft_ = nullptr;
  hb_font_t* hb_ = nullptr;
  int font_ = 0;
  Weight weight_ = Weight::regular;
  int size_px_ = 0;
  float ascent_ = 0;
  float descent_ = 0;
};

class FontSet {
 public:
  // Reads the font list and checks that every file exists and opens.
  // Fails naming the missing font and the Debian package that has it.
  static Result<FontSet> load(const std::filesystem::path& fonts_toml);
  // load(data_dir() / "assets/fonts.toml").
  static Result<FontSet> load_default();

  FontSet(FontSet&&) noexcept;
  FontSet& operator=(FontSet&&) noexcept;
  ~FontSet();

  [[nodiscard]] size_t font_count() const;
  [[nodiscard]] const FontSpec& spec(int font) const;
  // The font listed for an ICU UScriptCode; 0 (the first font) when none is.
  [[nodiscard]] int font_for_script(int uscript) const;
  // Whether the font's character map has `c` (checked on the regular file).
  [[nodiscard]] bool covers(int font, char32_t c) const;
  // The face of `font` at `size_px`, opened on first use and kept.
  Face& face(int font, Weight weight, int size_px);
  // Ascent and descent every line of this size uses: the largest over all
  // fonts, so a line's height does not depend on its script.
  [[nodiscard]] float line_ascent(Weight weight, int size_px);
  [[nodiscard]] float line_descent(Weight weight, int size_px);

 private:
  struct Impl;
  explicit FontSet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::text
