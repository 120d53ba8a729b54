// Reading in parts: what read-aloud says on a long screen, one part at a
// time, and what it says elsewhere when the person only listens (the attract
// screen, a language's own name). Core decides every word spoken; the kiosk
// plays it (speaker.hpp) and draws the part being read highlighted.
//
// A part is at most about a minute of speech: whole lines of one section
// (a place's lines stay together where they fit), its title before its first
// line. The length is estimated from the characters (kSecondsPerChar, the
// slowest rate espeak-ng reads the kiosk's texts in that language); the
// bench measures the real WAV of every part.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "content/guidance.hpp"
#include "flow/session.hpp"
#include "locale/catalog.hpp"

namespace kiosk {

// Parts are cut to at most this many seconds of estimated speech.
constexpr double kPartSeconds = 50.0;

struct ReadingPart {
  size_t section = 0;          // index into the sections it was cut from
  size_t first = 0, end = 0;   // the lines [first, end) of that section it reads
  std::string text;            // what is said (the lines' spoken forms)
  double estimate = 0;         // estimated seconds of speech
};

// Characters that are said (no white space, no invisible marks), as
// speech::measure_speech() counts them.
size_t spoken_chars(std::string_view text);
// Estimated seconds to say `text` in `lang` at the kiosk's rate.
double estimate_seconds(std::string_view text, std::string_view lang);

// Lines joined into sentences the voice pauses between.
std::string join_sentences(const std::vector<std::string>& lines);

// The sections cut into parts of at most `max_seconds` each.
std::vector<ReadingPart> reading_parts(const std::vector<TextSection>& sections, std::string_view lang,
                                       double max_seconds = kPartSeconds);

// Whether the loudspeaker may say the person's answers: only into headphones
// (the person's choice, else the site's kiosk.headphones).
bool answers_aloud(const Session& s, const Config& config);

// The attract screen's "listen": touch to start, free, no name needed, in
// every language of the site that has a voice, each in its own voice (a
// language without one is left out: no other voice reads it).
std::vector<Utterance> attract_speech(const Translations& tr, const Config& config);
// The language screen's first touch: the language says its own name and
// how to choose it; an empty text for a language without a voice.
Utterance language_speech(const Translations& tr, const std::string& code);

}  // namespace kiosk
