// Draws paragraphs through the kiosk's TextRenderer (atlas texture,
// ImDrawList quads, ImGui's OpenGL 3 backend) into an offscreen framebuffer
// and compares every pixel with core::draw_paragraph, the rasteriser of
// `asylum-kioskctl render-text`. Black text on white, so the screen's grey
// is 255 - coverage; blending may round by a step or two, no more.
#define GL_GLEXT_PROTOTYPES 1
#include <GLFW/glfw3.h>
#include <GL/glext.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include "text/raster.hpp"
#include "ui/offscreen.hpp"
#include "ui/text_renderer.hpp"

namespace {

struct Case {
  const char* what;
  std::string text;
  kiosk::text::LayoutOptions options;
  ImVec2 at;  // fractional on purpose: both paths must snap the same way
};

kiosk::text::LayoutOptions opts(const char* lang, bool rtl, float width, int size,
                                kiosk::text::Weight weight) {
  kiosk::text::LayoutOptions o;
  o.language = lang;
  o.direction = rtl ? kiosk::text::Direction::rtl : kiosk::text::Direction::ltr;
  o.max_width = width;
  o.style = {size, weight};
  return o;
}

}  // namespace

int main() {
  if (!glfwInit()) {
    std::fprintf(stderr, "no display: run under xvfb-run\n");
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_VISIBLE, GLFW_FALSE);
  GLFWwindow* window = glfwCreateWindow(320, 240, "text check", nullptr, nullptr);
  if (!window) {
    std::fprintf(stderr, "cannot create an OpenGL 3.3 window\n");
    return 1;
  }
  glfwMakeContextCurrent(window);
  const int w = 1200, h = 700;
  auto target = std::make_unique<app::ui::Offscreen>();
  if (!target->make(w, h)) return 1;

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
  ImGui_ImplGlfw_InitForOpenGL(window, false);
  ImGui_ImplOpenGL3_Init("#version 330 core");

  int failures = 0;
  auto cli_fonts = kiosk::text::FontSet::load_default();
  if (!cli_fonts) {
    std::fprintf(stderr, "%s\n", cli_fonts.error().describe().c_str());
    return 1;
  }
  kiosk::text::GlyphRasterizer cli_raster(*cli_fonts);
  using kiosk::text::Weight;
  const std::vector<Case> cases{
      {"Dari, phone number, Latin, ZWNJ, wrapped",
       "برای کمک با شماره +7 727 258 45 98 تماس بگیرید؛ برنامه‌های کمک حقوقی UNHCR رایگان "
       "هستند و مترجم حق شماست.",
       opts("fa-AF", true, 700, 34, Weight::regular), ImVec2(40.3f, 20.6f)},
      {"Kazakh title", "Қазақстанда баспана іздеушілерге ақпарат",
       opts("kk", false, 1100, 56, Weight::bold), ImVec2(30.5f, 260.2f)},
      {"Ukrainian button", "Безоплатна правова допомога: ґрунт, їжак",
       opts("uk", false, 1100, 38, Weight::bold), ImVec2(31.0f, 380.0f)},
      {"Dari title", "زبان خود را انتخاب کنید", opts("fa-AF", true, 1100, 56, Weight::bold),
       ImVec2(45.7f, 480.4f)},
  };
  kiosk::text::GrayImage expected(w, h);
  for (const auto& c : cases)
    kiosk::text::draw_paragraph(expected, kiosk::text::layout(*cli_fonts, c.text, c.options),
                                cli_raster, c.at.x, c.at.y);

  // The kiosk's page size, and small pages that force many atlas textures
  // (a texture switch inside one paragraph).
  for (int page_size : {app::ui::TextRenderer::kPageSize, 128}) {
    auto screen_fonts = kiosk::text::FontSet::load_default();
    if (!screen_fonts) return 1;
    app::ui::TextRenderer renderer(std::move(screen_fonts).value(),
                                   app::ui::make_gl_atlas_backend(), page_size);
    for (int frame = 0; frame < 2; ++frame) {  // the second frame draws from a warm atlas
      ImGui_ImplOpenGL3_NewFrame();
      ImGui_ImplGlfw_NewFrame();
      ImGui::GetIO().DisplaySize = ImVec2(static_cast<float>(w), static_cast<float>(h));
      ImGui::NewFrame();
      for (const auto& c : cases)
        renderer.draw(ImGui::GetForegroundDrawList(), renderer.layout(c.text, c.options), c.at,
                      IM_COL32(0, 0, 0, 255));
      ImGui::Render();
      glViewport(0, 0, w, h);
      glClearColor(1, 1, 1, 1);
      glClear(GL_COLOR_BUFFER_BIT);
      ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    }
    std::vector<unsigned char> rgba(static_cast<size_t>(w) * h * 4);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
    int worst = 0, ink = 0, off = 0;
    for (int y = 0; y < h; ++y)
      for (int x = 0; x < w; ++x) {
        const int gl = 255 - rgba[(static_cast<size_t>(h - 1 - y) * w + static_cast<size_t>(x)) * 4];
        const int want = expected.pixels[static_cast<size_t>(y) * w + static_cast<size_t>(x)];
        const int d = std::abs(gl - want);
        worst = std::max(worst, d);
        if (d > 2) ++off;
        if (want > 0) ++ink;
      }
    std::printf("atlas pages of %d px: %zu page(s), %zu glyphs; %d ink pixels compared; "
                "largest difference %d/255; %d pixels differ by more than 2\n",
                page_size, renderer.atlas_pages(), renderer.glyphs_in_atlas(), ink, worst, off);
    if (ink < 10000 || off > 0) ++failures;
    if (page_size == 128 && renderer.atlas_pages() < 2) ++failures;
  }
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  target.reset();  // before the GL context goes
  glfwDestroyWindow(window);
  glfwTerminate();
  std::printf(failures ? "FAIL: the screen and render-text disagree\n"
                       : "the screen draws exactly what render-text draws\n");
  return failures ? 1 : 0;
}
