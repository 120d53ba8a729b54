// Language choice: one big button per language, each name in its own script.
#include "locale/language.hpp"
#include "screens/screen.hpp"
#include "ui/widgets.hpp"

namespace app {

void draw_language(ScreenContext& ctx) {
  ui::begin_screen("language");
  ui::title(ctx, ctx.t("language.title"));
  for (const auto& code : ctx.config.kiosk.languages) {
    const auto* lang = kiosk::find_language(code);
    if (lang && ui::big_button(ctx, code, lang->native_name, 600))
      ctx.intents.emplace_back(kiosk::intent::ChooseLanguage{code});
  }
  ui::nav_bar(ctx);
  ui::end_screen();
}

}  // namespace app
