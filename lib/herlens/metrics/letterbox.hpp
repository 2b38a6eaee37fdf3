#pragma once
// Letterbox and pillarbox bars (metrics.md, "Picture area"): rows and columns at the picture's
// edges that stay near-black through the stream or through a shot. Pure functions over per-frame
// measurements, so any analyzer (colour, framing) can find the active picture the same way.
#include <cstdint>
#include <span>
#include <vector>

#include <opencv2/core.hpp>

#include "herlens/metrics/shot.hpp"
#include "herlens/params/parameter.hpp"

namespace herlens::metrics {

// Near-black rows and columns counted inward from each edge, in analysis pixels.
struct Border {
  int top = 0, bottom = 0, left = 0, right = 0;
  // The border leaves nothing inside: the whole picture is dark.
  bool covers(cv::Size size) const { return top + bottom >= size.height || left + right >= size.width; }
  int64_t area(cv::Size size) const;  // pixels inside the border bands (0 when none)
  cv::Rect inside(cv::Size size) const;  // the active picture (empty when covers())
  bool operator==(const Border&) const = default;
};

struct LetterboxParams {
  // Share of a row's or column's pixels that must be near-black (PixelClass) for it to be
  // a bar in that frame; below 1 so film grain or a stray bright pixel does not hide a bar. 0.5..1.
  double min_dark_fraction = 0.98;
  // A shot's own bars (beyond the stream's) count only with this many frames that are not
  // entirely dark, so a short dark moment is never cropped. 1..100000.
  int min_shot_frames = 12;
  // ... and only when centred, as letterbox and pillarbox bars are: opposite bars may differ by
  // this share of the picture's height or width (plus one pixel). 0..1.
  double symmetry_tolerance = 0.02;
  static const params::Table<LetterboxParams>& table();
  void validate() const { params::check(*this, table()); }  // throws Error(usage) naming the bad value
};

// One picture's dark border from its per-row and per-column counts of near-black pixels. A
// picture dark all over gets a border that covers() it.
Border dark_border(std::span<const int> row_near_black, std::span<const int> column_near_black,
                   cv::Size size, double min_dark_fraction);
// The same, measured on an 8-bit BGR picture.
Border measure_dark_border(const cv::Mat& bgr, double min_dark_fraction);

// Bars all the given frames share: per edge the narrowest border, ignoring frames that are dark
// all over (they are consistent with any bars). No bars when no frame shows anything.
Border common_bars(std::span<const Border> frames, cv::Size size);

struct ActiveAreas {
  Border stream;              // bars through the whole stream
  std::vector<Border> shots;  // per shot: the stream's bars, widened by the shot's own when trusted
};

// `frames[i]` is the border of frame i; shots index frames by start_frame/end_frame.
ActiveAreas active_areas(std::span<const Border> frames, const std::vector<Shot>& shots,
                         cv::Size size, const LetterboxParams& params);

}  // namespace herlens::metrics
