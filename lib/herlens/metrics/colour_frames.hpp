#pragma once
// What the colour analyzer (analyzers/colour_analyzer.hpp) records for every frame (metrics.md,
// "Colour"): family counts, pastel count and L*a*b* sums over its pixel grid (media/pixel_grid.hpp), the frame's
// near-black border, a few sampled pixels for palettes and, per family, a bounded pool of
// thumbnails of the frames where it is strongest. Joined with the shots after the pass by
// summarise_colour() (colour_summary.hpp).
#include <array>
#include <cstdint>
#include <vector>

#include <opencv2/core.hpp>

#include "herlens/metrics/colour.hpp"
#include "herlens/metrics/letterbox.hpp"
#include "herlens/metrics/palette.hpp"
#include "herlens/params/parameter.hpp"
#include "herlens/storage/frame_records.hpp"

namespace herlens::metrics {

struct ColourParams {
  int grid_width = 160;                // columns of the decoded picture's own pixels tallied per frame, 16..7680
  int samples_per_frame = 32;          // pixels kept per frame for palettes, 1..1024
  int max_palette_pixels = 50000;      // k-means input per palette (evenly thinned), 100..10000000
  int evidence_per_family = 3;         // shots shown per family, 0..50
  int evidence_pool = 8;               // candidate frames kept per shown shot, 1..100
  double evidence_gap_seconds = 2.0;   // of two similar-looking candidates this close in time keep the stronger, 0..3600
  double evidence_min_share = 0.01;   // a frame shows a family only when it holds this share, 0..1
  int thumbnail_width = 160;           // evidence thumbnails, pixels, 16..1920
  PaletteParams palette;
  LetterboxParams letterbox;
  static const params::Table<ColourParams>& table();
  void validate() const;  // throws Error(usage) naming the bad value
};

// Pixel counts and L*a*b* sums over some set of pixels.
struct ColourTally {
  std::array<int64_t, family_count> family{};
  int64_t pastel = 0;
  int64_t pixels = 0;
  double lightness = 0, a = 0, b = 0, chroma = 0;  // sums of L*, a*, b*, C*

  ColourTally& operator+=(const ColourTally& other);
  // Removes `fraction` (0..1) of `part`, a near-black part of these pixels (so family black).
  void remove_near_black(const ColourTally& part, double fraction);
  int64_t chromatic() const;
  double share(Family f) const { return pixels > 0 ? double(family[size_t(f)]) / double(pixels) : 0; }
  Lab mean() const;  // mean L*, a*, b*; zeros when empty
};

struct FrameColour {
  int64_t index = 0;
  double time = 0;      // seconds
  double duration = 0;  // seconds
  ColourTally all;          // the pixels of the frame's grid (media/pixel_grid.hpp)
  ColourTally border_dark;  // near-black pixels inside this frame's own dark border
  Border border;            // this frame's dark border

  // The frame's active pixels: its tally less the near-black pixels under `bars`, which lie inside
  // the frame's own dark border. `size`: the picture's.
  ColourTally active(const Border& bars, cv::Size size) const;
};

struct EvidenceCandidate {
  int64_t frame = 0;
  double time = 0;
  double share = 0;  // family share of the frame's picture inside its own border
  Lab mean;  // mean colour of that picture
  cv::Mat thumbnail;
};

// Everything the colour analyzer saw in a pass.
struct ColourObservations {
  cv::Size picture_size;  // of the first frame's pixel grid; later ones were fitted to it
  storage::FrameRecords<FrameColour> frames;
  // samples_per_frame pixels of frame i at [i * samples_per_frame, (i + 1) * samples_per_frame).
  storage::FrameRecords<Rgb8> samples;
  std::array<std::vector<EvidenceCandidate>, family_count> candidates;  // per family
};

}  // namespace herlens::metrics
