#pragma once
// The film's colour (metrics.md, "Colour"): the colour analyzer's frames joined with the shots
// after the pass: bars removed per shot, per-shot tallies and palettes, family shares of the film
// (by pixel, chromatic pixel, shot and time), the film's palette and evidence frames per family.
#include <array>
#include <vector>

#include "herlens/metrics/colour_frames.hpp"
#include "herlens/metrics/shot.hpp"

namespace herlens::metrics {

struct FamilyShares {
  double pixel = 0;      // family pixels / active pixels
  double chromatic = 0;  // family pixels / chromatic pixels (0 for achromatic families)
  double shot = 0;       // shots where the family covers >= 10% of the shot's pixels / shots
  double time = 0;       // the same weighted by shot duration
};

struct ShotColour {
  Shot shot;
  Border bars;         // removed from this shot's pictures
  ColourTally tally;   // active pixels of the shot
  std::vector<PaletteColour> palette;
};

struct Evidence {
  Family family = Family::black;
  int rank = 1;        // 1 = strongest
  size_t shot = 0;     // index into ColourSummary::shots
  int64_t frame = 0;
  double time = 0;     // seconds
  double share = 0;    // family share of the frame's active picture
  cv::Mat thumbnail;   // BGR
};

struct ColourSummary {
  ColourTally total;  // every active pixel analysed
  std::array<FamilyShares, family_count> families;
  double warm_share = 0, cool_share = 0, pastel_share = 0;  // of active pixels
  double mean_lightness = 0, mean_chroma = 0;
  std::vector<PaletteColour> palette;
  std::vector<ShotColour> shots;
  std::vector<Evidence> evidence;  // by family, then rank
  ActiveAreas areas;  // bars in rows and columns of the pixel grid
  cv::Size grid;      // the pixel grid's size (ColourObservations::picture_size)
  std::vector<double> frame_times;        // seconds, one per frame
  std::vector<Lab> frame_means;  // mean colour of each frame's active picture
};

// A shot covers the family when it holds at least this share of the shot's pixels (metrics.md).
inline constexpr double shot_presence_share = 0.10;

// Joins the colour analyzer's frames with `shots` (sorted, from the shot detector); no shots means
// the whole stream is one shot. `params`: those the analyzer recorded the frames with.
ColourSummary summarise_colour(const ColourObservations& seen, std::vector<Shot> shots, const ColourParams& params);

}  // namespace herlens::metrics
