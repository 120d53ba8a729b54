// Read-aloud: espeak-ng speaks each of the five languages to PCM/WAV that is
// not silent and lasts about as long as the text; the Speaker worker stops
// at once and survives having no sound card (tests run without one).
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "locale/language.hpp"
#include "locale/catalog.hpp"
#include "speech/speaker.hpp"
#include "speech/speech.hpp"

namespace sp = kiosk::speech;

namespace {

class Recorder final : public sp::Player {
 public:
  kiosk::Status play(const sp::Pcm& pcm, const std::atomic<bool>& stop) override {
    // Pretend to play in real time in small steps, honouring stop.
    for (size_t i = 0; i < pcm.samples.size() && !stop.load(); i += 2205)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    samples += pcm.samples.size();
    return kiosk::Ok{};
  }
  std::atomic<size_t> samples{0};
};

class NoSoundCard final : public sp::Player {
 public:
  kiosk::Status play(const sp::Pcm&, const std::atomic<bool>&) override {
    return kiosk::make_error(kiosk::Errc::not_found, "no audio output");
  }
};

bool wait_idle(const sp::Speaker& s) {
  for (int i = 0; i < 500 && s.busy(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return !s.busy();
}

}  // namespace

TEST_CASE("every kiosk language the table gives a voice has it in espeak-ng (Dari through Persian)",
          "[speech]") {
  CHECK(sp::voice_for("fa-AF") == "fa");
  CHECK(sp::voice_for("xx").empty());
  for (const std::string& lang : kiosk::language_codes()) {
    INFO(lang);
    CHECK(sp::has_voice(lang) == kiosk::has_voice_in_table(lang));
  }
}

namespace {

// Counts the samples it is given to play.
class SamplesPlayed final : public sp::Player {
 public:
  kiosk::Status play(const sp::Pcm& pcm, const std::atomic<bool>&) override {
    samples += pcm.samples.size();
    return kiosk::Ok{};
  }
  std::atomic<size_t> samples{0};
};

}  // namespace

TEST_CASE("Pashto has no voice: nothing is read in it, rather than in another language's voice",
          "[speech][pashto]") {
  // espeak-ng has no Pashto voice (espeak-ng --voices lists none), and the
  // Persian one reads Pashto letters wrong: the table says voice = "".
  const auto* ps = kiosk::find_language("ps-AF");
  REQUIRE(ps);
  CHECK(ps->voice.empty());
  CHECK_FALSE(kiosk::has_voice_in_table("ps-AF"));
  CHECK_FALSE(sp::has_voice("ps-AF"));
  CHECK(sp::voice_for("ps-AF").empty());
  // Synthesis refuses: no sound at all, not Dari's Persian voice.
  auto pcm = sp::synthesize("ps-AF", "د پیل لپاره پر پرده لاس ووهئ", 100);
  REQUIRE_FALSE(pcm);
  CHECK(pcm.error().code == kiosk::Errc::not_found);
  // And the speaker says nothing: what it heard is what it played.
  auto heard = std::make_unique<SamplesPlayed>();
  SamplesPlayed* ear = heard.get();
  {
    sp::Speaker s(std::move(heard));
    s.say("ps-AF", "د پیل لپاره پر پرده لاس ووهئ", 80);
    for (int i = 0; i < 200 && s.busy(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK_FALSE(s.busy());
    CHECK(ear->samples == 0);
    CHECK(s.finished() == 0);
  }
}

TEST_CASE("each language's own title is spoken: not silent, plausible length", "[speech]") {
  auto tr = kiosk::Translations::load(std::filesystem::path(KIOSK_SOURCE_DIR) / "locales");
  REQUIRE(tr);
  for (const std::string& lang : kiosk::language_codes()) {
    if (!kiosk::has_voice_in_table(lang)) continue;  // Pashto: the test above
    const std::string text = tr->tr(lang, "nav.back") + ". " + tr->tr(lang, "idle.title");
    INFO(lang << ": " << text);
    auto pcm = sp::synthesize(lang, text, 100);
    REQUIRE(pcm);
    const auto m = sp::check_speech(*pcm, text);
    INFO((m ? "" : m.error().message));
    CHECK(m);
  }
}

TEST_CASE("a WAV read back from its bytes is the speech written", "[speech][wav]") {
  auto pcm = sp::synthesize("kk", "Тілді таңдаңыз", 100);
  REQUIRE(pcm);
  const std::string bytes = sp::wav_bytes(*pcm);
  auto back = sp::read_wav(bytes);
  REQUIRE(back);
  CHECK(back->sample_rate == pcm->sample_rate);
  CHECK(back->samples == pcm->samples);
  CHECK(sp::check_speech(*back, "Тілді таңдаңыз"));
}

TEST_CASE("broken WAV files are refused, naming what is wrong", "[speech][wav]") {
  auto pcm = sp::synthesize("en", "Choose your language", 100);
  REQUIRE(pcm);
  const std::string good = sp::wav_bytes(*pcm);
  auto why = [](const std::string& bytes) {
    auto r = sp::read_wav(bytes);
    return r ? std::string("accepted") : r.error().message;
  };
  CHECK_THAT(why(good.substr(0, good.size() - 1000)), Catch::Contains("truncated"));
  CHECK_THAT(why(good.substr(0, 30)), Catch::Contains("truncated"));
  CHECK_THAT(why("RIFX" + good.substr(4)), Catch::Contains("not a RIFF/WAVE"));
  CHECK_THAT(why(""), Catch::Contains("not a RIFF/WAVE"));
  std::string stereo = good;
  stereo[22] = 2;  // channels
  CHECK_THAT(why(stereo), Catch::Contains("not 16-bit mono"));
  std::string floats = good;
  floats[20] = 3;  // format 3: IEEE float
  CHECK_THAT(why(floats), Catch::Contains("not PCM"));
  // A data chunk that claims more than the file holds.
  std::string lying = good;
  lying[40] = static_cast<char>(0xFF);
  lying[41] = static_cast<char>(0xFF);
  lying[42] = static_cast<char>(0xFF);
  CHECK_THAT(why(lying), Catch::Contains("truncated"));
}

TEST_CASE("silent, cut-off or padded speech fails the length and level check", "[speech][wav]") {
  const std::string text = "Everything you typed has been deleted from this kiosk.";
  auto pcm = sp::synthesize("en", text, 100);
  REQUIRE(pcm);
  REQUIRE(sp::check_speech(*pcm, text));
  sp::Pcm silent = *pcm;
  std::fill(silent.samples.begin(), silent.samples.end(), int16_t{0});
  CHECK_THAT(sp::check_speech(silent, text).error().message, Catch::Contains("silent"));
  sp::Pcm cut = *pcm;
  cut.samples.resize(cut.samples.size() / 5);  // the first fifth of the text
  const auto short_one = sp::check_speech(sp::read_wav(sp::wav_bytes(cut)).value(), text);
  REQUIRE_FALSE(short_one);
  CHECK_THAT(short_one.error().message, Catch::Contains("too short"));
  sp::Pcm padded = *pcm;
  padded.samples.resize(padded.samples.size() * 5, 0);  // four times as long again in silence
  CHECK_THAT(sp::check_speech(padded, text).error().message, Catch::Contains("too long"));
  CHECK_FALSE(sp::check_speech(*pcm, ""));
  // White space and bidi marks are not characters to speak.
  CHECK(sp::measure_speech(*pcm, "a b\u2066c\u2069 ").chars == 3);
}

TEST_CASE("volume scales the speech and a WAV file is written", "[speech]") {
  auto loud = sp::synthesize("en", "Hello", 100);
  auto quiet = sp::synthesize("en", "Hello", 20);
  REQUIRE(loud);
  REQUIRE(quiet);
  CHECK(sp::rms(*quiet) < sp::rms(*loud) * 0.6);
  const auto file = std::filesystem::temp_directory_path() / "kiosk-speech-test.wav";
  REQUIRE(sp::write_wav(file, *loud));
  CHECK(std::filesystem::file_size(file) == 44 + loud->samples.size() * 2);
  std::ifstream f(file, std::ios::binary);
  std::string head(12, '\0');
  f.read(head.data(), 12);
  CHECK(head.substr(0, 4) == "RIFF");
  CHECK(head.substr(8, 4) == "WAVE");
  std::filesystem::remove(file);
}

TEST_CASE("the speaker works off the caller's thread and stops at once", "[speech]") {
  auto rec = std::make_unique<Recorder>();
  Recorder* r = rec.get();
  sp::Speaker s(std::move(rec));
  s.say("ru", "Добрый день", 100);
  REQUIRE(wait_idle(s));
  CHECK(s.finished() == 1);
  CHECK(r->samples > 0);
  // A long text, stopped right away, ends quickly and does not count.
  std::string long_text;
  for (int i = 0; i < 40; ++i) long_text += "This is a long sentence that takes a while. ";
  const auto t0 = std::chrono::steady_clock::now();
  s.say("en", long_text, 100);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  s.stop();
  REQUIRE(wait_idle(s));
  CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
  CHECK(s.finished() == 1);
}

TEST_CASE("no sound card: the speaker reports it and keeps going", "[speech]") {
  sp::Speaker s(std::make_unique<NoSoundCard>());
  s.say("fa-AF", "سلام", 80);
  REQUIRE(wait_idle(s));
  CHECK(s.last_error() == "no audio output");
  sp::Speaker pulse(sp::make_pulse_player());  // no server under the tests: fails softly
  pulse.say("en", "Hi", 50);
  REQUIRE(wait_idle(pulse));
}

namespace {

// Plays nothing: remembers the size of the last PCM it was given whole.
class LastHeard final : public sp::Player {
 public:
  kiosk::Status play(const sp::Pcm& pcm, const std::atomic<bool>& stop) override {
    if (!stop.load()) last = pcm.samples.size();
    return kiosk::Ok{};
  }
  std::atomic<size_t> last{0};
};

}  // namespace

TEST_CASE("the UI thread's speech calls return while a long synthesis holds the engine", "[speech]") {
  // A text that takes espeak-ng many seconds: it runs until `cancel` is set.
  std::string endless;
  for (int i = 0; i < 3000; ++i) endless += "This sentence is read again and again to keep the voice busy. ";
  std::atomic<bool> cancel{false};
  std::thread synthesis([&] { (void)sp::synthesize("en", endless, 100, &cancel); });
  for (int i = 0; i < 1000 && !sp::synthesizing(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  REQUIRE(sp::synthesizing());
  // What the kiosk calls every frame and on every screen change. Had any of
  // them waited for the engine's lock, it would return only after the
  // synthesis had ended, and synthesizing() would then be false.
  for (const std::string& lang : kiosk::language_codes()) CHECK(sp::has_voice(lang) == kiosk::has_voice_in_table(lang));
  {
    sp::Speaker s(std::make_unique<LastHeard>());
    s.say("ru", "Добрый день", 80);  // its worker waits for the engine, not the caller
    CHECK(s.busy());
    s.say("kk", "Сәлеметсіз бе", 80);
    (void)s.last_error();
    s.stop();
    CHECK(sp::synthesizing());
    cancel = true;  // the speaker's destructor may now wait for its worker
  }
  synthesis.join();
  CHECK_FALSE(sp::synthesizing());
}

TEST_CASE("a new request is never cancelled by the stop that cut the previous one", "[speech]") {
  // A fake synthesiser: as many samples as the text has bytes, at once.
  auto fake = [](const std::string&, const std::string& text, const std::atomic<bool>&) -> kiosk::Result<sp::Pcm> {
    sp::Pcm pcm;
    pcm.samples.assign(text.size(), 1000);
    return pcm;
  };
  auto player = std::make_unique<LastHeard>();
  LastHeard* heard = player.get();
  sp::Speaker s(std::move(player), fake);
  // Each round: one screen's text, then at once the next screen's, while the
  // worker is still busy with the first (or just finishing it). The second
  // is always heard whole.
  int missed = 0;
  for (int round = 0; round < 2000; ++round) {
    const std::string next(static_cast<size_t>(2 + round % 97), 'b');
    s.say("en", "a", 100);
    s.say("en", next, 100);
    for (int i = 0; i < 100000 && s.busy(); ++i) std::this_thread::yield();
    REQUIRE_FALSE(s.busy());
    if (heard->last != next.size()) ++missed;
  }
  CHECK(missed == 0);
}

namespace {

bool mapped(const std::string& library) {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line))
    if (line.find(library) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("espeak-ng and PulseAudio are loaded only when read-aloud is first used", "[speech]") {
  // CTest runs each case in its own process, so nothing has spoken yet; a
  // whole-binary run may have, and then only the second half is checked.
  if (!sp::engine_loaded()) {
    CHECK_FALSE(mapped("libespeak-ng"));
    CHECK_FALSE(mapped("libpulse"));
    CHECK(sp::has_voice("ru"));  // asking for a voice does not load it
    CHECK_FALSE(sp::engine_loaded());
    CHECK_FALSE(mapped("libespeak-ng"));
  }
  auto pcm = sp::synthesize("ru", "Добрый день", 100);
  REQUIRE(pcm);
  CHECK(sp::engine_loaded());
  CHECK(mapped("libespeak-ng"));
  std::atomic<bool> stop{false};
  (void)sp::make_pulse_player()->play(*pcm, stop);  // no server here: fails softly
  CHECK(mapped("libpulse-simple"));
}
