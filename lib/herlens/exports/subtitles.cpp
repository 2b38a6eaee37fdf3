#include "herlens/exports/subtitles.hpp"

#include <fmt/format.h>

namespace herlens::exports {

namespace {

// Numbered cues, a blank line after each; the formats differ only in their header and in the mark
// before the milliseconds.
std::string cues(const Film& film, char decimal_mark) {
  std::string text;
  size_t number = 1;
  for (const report::SavedSpeech& speech : *film.speech)
    text += fmt::format("{}\n{} --> {}\n[{}]\n\n", number++, report::timecode(speech.segment.start, decimal_mark),
                        report::timecode(speech.segment.end, decimal_mark), on_screen_label(speech.on_screen));
  return text;
}

}  // namespace

std::string srt(const Film& film) { return cues(film, ','); }

std::string vtt(const Film& film) { return "WEBVTT\n\n" + cues(film, '.'); }

}  // namespace herlens::exports
