#include "herlens/metrics/colour_frames.hpp"

namespace herlens::metrics {

const params::Table<ColourParams>& ColourParams::table() {
  static const params::Table<ColourParams> table{
      "colour",
      {{"grid_width", "--colour-grid-width",
        "Columns of the decoded picture's own pixels tallied per frame (a grid moving from frame to frame; "
        "the picture's width or more: every pixel)",
        &ColourParams::grid_width, 16, 7680},
       {"samples_per_frame", "--samples-per-frame", "Pixels sampled from each frame for the palettes",
        &ColourParams::samples_per_frame, 1, 1024},
       {"max_palette_pixels", "", "k-means input per palette (evenly thinned)", &ColourParams::max_palette_pixels, 100,
        10000000},
       {"evidence_per_family", "--evidence", "Shots shown as evidence for each colour family (thumbnails with -o)",
        &ColourParams::evidence_per_family, 0, 50},
       {"evidence_pool", "", "Candidate frames kept per shown shot", &ColourParams::evidence_pool, 1, 100},
       {"evidence_gap_seconds", "", "Of two similar-looking candidates this close in time, keep the stronger",
        &ColourParams::evidence_gap_seconds, 0, 3600},
       {"evidence_min_share", "", "A frame shows a family only when it holds this share",
        &ColourParams::evidence_min_share, 0, 1},
       {"thumbnail_width", "", "Width of evidence thumbnails in pixels", &ColourParams::thumbnail_width, 16, 1920}}};
  return table;
}

void ColourParams::validate() const {
  params::check(*this, table());
  palette.validate();
  letterbox.validate();
}

ColourTally& ColourTally::operator+=(const ColourTally& other) {
  for (int f = 0; f < family_count; ++f) family[f] += other.family[f];
  pastel += other.pastel;
  pixels += other.pixels;
  lightness += other.lightness, a += other.a, b += other.b, chroma += other.chroma;
  return *this;
}

void ColourTally::remove_near_black(const ColourTally& part, double fraction) {
  const int64_t removed = std::llround(double(part.pixels) * fraction);
  family[size_t(Family::black)] -= removed;
  pixels -= removed;
  lightness -= part.lightness * fraction, a -= part.a * fraction, b -= part.b * fraction;
  chroma -= part.chroma * fraction;
}

int64_t ColourTally::chromatic() const {
  int64_t sum = 0;
  for (Family f : all_families)
    if (is_chromatic(f)) sum += family[size_t(f)];
  return sum;
}

Lab ColourTally::mean() const {
  if (pixels <= 0) return {};
  return {lightness / double(pixels), a / double(pixels), b / double(pixels)};
}

ColourTally FrameColour::active(const Border& bars, cv::Size size) const {
  // Only part of the frame's own border is bar when the border reaches further in.
  ColourTally tally = all;
  const int64_t border_area = border.area(size);
  if (border_area > 0) tally.remove_near_black(border_dark, double(bars.area(size)) / double(border_area));
  return tally;
}

}  // namespace herlens::metrics
