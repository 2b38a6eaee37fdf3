#pragma once
// What the exports show of a film (docs/exports.md), taken from a saved report: its shots with
// their scale and colours, its speech with what the picture showed, and the clock that turns film
// times into frames. Every export is a function of this, writing text; nothing here decodes.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "herlens/metrics/shot.hpp"
#include "herlens/metrics/shot_scale.hpp"
#include "herlens/report/saved_report.hpp"
#include "herlens/report/timecode.hpp"

namespace herlens::exports {

struct ExportShot {
  metrics::Shot shot;
  std::optional<metrics::ShotFraming> framing;      // when the report has framing
  std::optional<report::ShotFamilyShares> colours;  // when the report has the palette
};

struct Film {
  std::string input;  // the film as the report names it (as it was given to herlens)
  std::string path;   // its absolute path, which the exports link to
  std::string name;   // its file name without folders or extension, for titles
  report::SavedTimeline timeline;
  std::optional<report::FrameRate> rate;                   // frames are counted at, with a picture
  std::optional<std::vector<ExportShot>> shots;            // with the shots analysis
  std::optional<std::vector<report::SavedSpeech>> speech;  // with the dialogue analysis
};

// Reads every part of the report the exports use. Throws Error(input) when the report is damaged
// (a table missing, malformed, or disagreeing with the shots).
Film film_of(const report::SavedReport& report);

// The words cues and annotations use for what the picture showed while speech was heard: the one
// place the split of speech by picture becomes text ("voice only, no face on screen").
std::string_view on_screen_label(std::optional<metrics::PictureState> state);

// The colour families a shot shows: those covering at least metrics::shot_presence_share of its
// picture, largest first.
std::vector<metrics::Family> families_shown(const report::ShotFamilyShares& shares);
// The same with their shares as whole percentages: "blue 62%, grey 21%".
std::string colour_text(const report::ShotFamilyShares& shares);

// A shot's scale as the exports name it: "CU", ..., "no face" for none.
std::string_view scale_label(metrics::ShotScale scale);

// "shot 3: cut to dissolve, CU, 1 face, blue 62%": a shot in one line, for notes and comments
// ("shot 7: fade_out to fade_in, blank" for a blank stretch).
std::string describe(const ExportShot& shot, size_t number);

// A path as a URL: an absolute one as a file:// URL, a relative one as a relative reference, bytes
// outside the unreserved set percent-encoded.
std::string media_url(std::string_view path);

}  // namespace herlens::exports
