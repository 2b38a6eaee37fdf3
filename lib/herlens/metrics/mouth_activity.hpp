#pragma once
// Whether a face on screen is speaking (docs/metrics.md, "Active speaker"): its mouth opening,
// measured from FaceMesh's lip landmarks on a short burst of pictures, varies while speech is heard.
// Pure functions over landmarks; the face analyzer measures the openings, the voice-only join
// (voice_only.hpp) decides with them.
#include <optional>
#include <span>

#include <opencv2/core.hpp>

#include "herlens/params/parameter.hpp"

namespace herlens::metrics {

// The landmarks the opening is measured from (FaceMesh's numbering in brackets).
struct LipLandmarks {
  cv::Point2f upper_lip;     // middle of the upper lip's inner edge (13)
  cv::Point2f lower_lip;     // middle of the lower lip's inner edge (14)
  cv::Point2f left_corner;   // inner corner of the mouth on the picture's left (78)
  cv::Point2f right_corner;  // the other inner corner (308)
  cv::Point2f forehead;      // top of the forehead, on the face's middle line (10)
  cv::Point2f chin;          // bottom of the chin (152)
};
inline constexpr int upper_lip_landmark = 13, lower_lip_landmark = 14, left_corner_landmark = 78,
                     right_corner_landmark = 308, forehead_landmark = 10, chin_landmark = 152;

// The gap between the inner lips, measured across the line through the mouth's corners (so a
// tilted head opens its mouth along its own axis), over the face's height (forehead to chin): 0
// for closed lips, about 0.1 for a mouth open in speech. Nothing for a face of no height.
std::optional<double> mouth_opening(const LipLandmarks& lips);

struct MouthActivityParams {
  // A face speaks when its mouth opening spreads (largest minus smallest over a burst) by at least
  // this much of its face height (docs/dialogue.md, "Active speaker": still listeners measured at
  // most 0.003, talking faces 0.012 to 0.09).
  double min_spread = 0.01;
  // Openings a burst needs for its spread to count; with fewer the face is taken as not speaking.
  int min_openings = 3;
  static const params::Table<MouthActivityParams>& table();
  void validate() const { params::check(*this, table()); }  // throws Error(usage) naming the bad value
};

// The spread of a face's openings over a burst (largest minus smallest), or nothing when fewer
// than `min_openings` were measured.
std::optional<double> mouth_spread(std::span<const double> openings, int min_openings);
// Whether the openings of one burst are those of a speaking face.
bool speaking(std::span<const double> openings, const MouthActivityParams& params);

}  // namespace herlens::metrics
