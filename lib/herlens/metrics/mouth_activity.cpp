#include "herlens/metrics/mouth_activity.hpp"

#include <algorithm>
#include <cmath>

namespace herlens::metrics {

const params::Table<MouthActivityParams>& MouthActivityParams::table() {
  using P = MouthActivityParams;
  static const params::Table<P> table{
      "mouth activity",
      {{"min_spread", "--min-mouth-spread",
        "Spread of the mouth opening (of face height) over a burst that makes a face a speaker", &P::min_spread, 0.001,
        1},
       {"min_openings", "", "Openings measured in a burst for its spread to count", &P::min_openings, 2, 100}}};
  return table;
}

std::optional<double> mouth_opening(const LipLandmarks& lips) {
  const cv::Point2f axis = lips.right_corner - lips.left_corner;
  const double face_height = cv::norm(lips.chin - lips.forehead);
  const double width = cv::norm(axis);
  if (!(face_height > 0)) return std::nullopt;
  const cv::Point2f gap = lips.lower_lip - lips.upper_lip;
  // Across the corners' line when the corners are apart; the plain distance for a mouth pursed to a
  // point.
  const double across = width > 0 ? std::abs(double(axis.x) * gap.y - double(axis.y) * gap.x) / width : cv::norm(gap);
  return across / face_height;
}

std::optional<double> mouth_spread(std::span<const double> openings, int min_openings) {
  if (openings.size() < size_t(std::max(min_openings, 1))) return std::nullopt;
  const auto [low, high] = std::minmax_element(openings.begin(), openings.end());
  return *high - *low;
}

bool speaking(std::span<const double> openings, const MouthActivityParams& params) {
  const std::optional<double> spread = mouth_spread(openings, params.min_openings);
  return spread && *spread >= params.min_spread;
}

}  // namespace herlens::metrics
