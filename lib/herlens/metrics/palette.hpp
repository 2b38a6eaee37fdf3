#pragma once
// A palette: the k colours (k-means in CIE L*a*b*) that best summarise a set of pixels, each with
// the share of the pixels nearest to it.
#include <cstdint>
#include <span>
#include <vector>

#include "herlens/metrics/colour.hpp"
#include "herlens/params/parameter.hpp"

namespace herlens::metrics {

struct PaletteParams {
  int colours = 8;          // k
  int max_iterations = 50;  // Lloyd iterations
  int seed = 1;             // k-means++ seeding; fixed so results repeat
  static const params::Table<PaletteParams>& table();
  void validate() const { params::check(*this, table()); }  // throws Error(usage) naming the bad value
};

struct PaletteColour {
  Lab lab;
  Rgb8 rgb;      // lab_to_srgb(lab)
  double share;  // fraction (0..1) of the pixels nearest to this colour
};

// Palette of `pixels` (any order), sorted by share, largest first; fewer than k colours when the
// pixels hold fewer distinct colours. Empty for no pixels. Deterministic for a given seed.
std::vector<PaletteColour> palette(std::span<const Lab> pixels, const PaletteParams& params);

}  // namespace herlens::metrics
