#pragma once
// Speech segments as subtitle cues, SubRip (.srt) and WebVTT (.vtt): one cue per segment, from its
// start to its end to the millisecond, its text saying what the picture showed ("[voice only, no
// face on screen]"). Players and editors show them as captions while the film plays.
#include <string>

#include "herlens/exports/film.hpp"

namespace herlens::exports {

// Both need film.speech.
std::string srt(const Film& film);
std::string vtt(const Film& film);

}  // namespace herlens::exports
