// speak --lang CODE --out FILE.wav TEXT: read a text aloud with the kiosk's
// voice for a language into a WAV file (16-bit mono), for checks.
#include <iostream>

#include "command.hpp"
#include "speech/speech.hpp"

namespace {

int run(kioskctl::Context& ctx) {
  auto args = ctx.args;
  const std::string lang = kioskctl::take_option(args, "--lang");
  const std::string out = kioskctl::take_option(args, "--out");
  const std::string volume = kioskctl::take_option(args, "--volume", "100");
  if (lang.empty() || out.empty() || args.empty()) {
    std::cerr << "usage: asylum-kioskctl speak --lang CODE --out FILE.wav [--volume 0-100] TEXT\n";
    return 2;
  }
  std::string text;
  for (const auto& a : args) text += (text.empty() ? "" : " ") + a;
  if (kiosk::speech::voice_for(lang).empty() || !kiosk::speech::has_voice(lang)) {
    std::cerr << "no espeak-ng voice for " << lang << " on this machine\n";
    return 1;
  }
  int vol = 100;
  try {
    vol = std::stoi(volume);
  } catch (...) {
    std::cerr << "--volume must be a number 0-100\n";
    return 2;
  }
  auto pcm = kiosk::speech::synthesize(lang, text, vol);
  if (!pcm) {
    std::cerr << pcm.error().describe() << "\n";
    return 1;
  }
  if (auto st = kiosk::speech::write_wav(out, *pcm); !st) {
    std::cerr << st.error().describe() << "\n";
    return 1;
  }
  std::cout << out << ": " << pcm->seconds() << " s of speech in " << lang << " (voice "
            << kiosk::speech::voice_for(lang) << ")\n";
  return 0;
}

const kioskctl::Registration reg({"speak", "speak --lang CODE --out FILE.wav TEXT",
                                  "read a text aloud with the kiosk's voice into a WAV file", run});

}  // namespace
