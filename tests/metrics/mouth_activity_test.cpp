// Mouth opening and the active-speaker rule on synthetic landmark tracks.
#include "herlens/metrics/mouth_activity.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "herlens/error.hpp"

using herlens::metrics::LipLandmarks;
using herlens::metrics::mouth_opening;
using herlens::metrics::mouth_spread;
using herlens::metrics::MouthActivityParams;

namespace {

// An upright face 200 px tall (forehead at y 0, chin at 200) with its mouth 60 px wide at y 150,
// the lips `gap` pixels apart, turned by `degrees` about the mouth's centre and moved by (dx, dy).
LipLandmarks face(double gap, double degrees = 0, double dx = 0, double dy = 0) {
  const double a = degrees * M_PI / 180;
  const auto at = [&](double x, double y) {
    const double u = x - 100, v = y - 150;
    return cv::Point2f(float(100 + u * std::cos(a) - v * std::sin(a) + dx), float(150 + u * std::sin(a) + v * std::cos(a) + dy));
  };
  return {at(100, 150 - gap / 2), at(100, 150 + gap / 2), at(70, 150), at(130, 150), at(100, 0), at(100, 200)};
}

// Openings of a track of faces with these gaps.
std::vector<double> track(const std::vector<double>& gaps, double degrees = 0) {
  std::vector<double> openings;
  for (size_t k = 0; k < gaps.size(); ++k) openings.push_back(*mouth_opening(face(gaps[k], degrees, 3.0 * k, -2.0 * k)));
  return openings;
}

}  // namespace

TEST_CASE("mouth opening: the lips' gap over the face height, across the corners' line") {
  CHECK(*mouth_opening(face(0)) == doctest::Approx(0).epsilon(1e-6));
  CHECK(*mouth_opening(face(20)) == doctest::Approx(0.1));
  // A head tilted by 30 degrees or moved opens its mouth by the same amount.
  CHECK(*mouth_opening(face(20, 30, 15, -40)) == doctest::Approx(0.1).epsilon(1e-4));
  // Lips shifted sideways along the mouth (a crooked landmark) do not open it.
  LipLandmarks sideways = face(10);
  sideways.lower_lip.x += 8;
  CHECK(*mouth_opening(sideways) == doctest::Approx(0.05).epsilon(1e-4));
  // A face of no height has no opening.
  LipLandmarks flat = face(10);
  flat.chin = flat.forehead;
  CHECK_FALSE(mouth_opening(flat));
}

TEST_CASE("mouth activity: a speaking mouth spreads, a still or steadily open one does not") {
  const MouthActivityParams params;
  // Speech: the mouth opens and closes through the burst (gap 2..18 px of a 200 px face).
  CHECK(herlens::metrics::speaking(track({2, 14, 4, 18, 6}), params));
  // A listener: closed lips with landmark jitter of under a pixel.
  CHECK_FALSE(herlens::metrics::speaking(track({1, 1.6, 1, 1.5, 1.2}), params));
  // Held open (a smile, a gasp) without moving: not speaking.
  CHECK_FALSE(herlens::metrics::speaking(track({16, 16.8, 16, 16.5, 16.7}), params));
  // The same holds for a tilted head.
  CHECK(herlens::metrics::speaking(track({2, 14, 4, 18, 6}, 25), params));
  CHECK_FALSE(herlens::metrics::speaking(track({1, 1.6, 1, 1.5, 1.2}, 25), params));
  // Just under and just over the threshold (0.01 of 200 px: 2 px).
  CHECK_FALSE(herlens::metrics::speaking(track({4, 5.8, 4}), params));
  CHECK(herlens::metrics::speaking(track({4, 6.2, 4}), params));
}

TEST_CASE("mouth activity: too few openings measured is no speaker, parameters are checked") {
  const MouthActivityParams params;
  CHECK_FALSE(mouth_spread(track({2, 18}), params.min_openings));
  CHECK_FALSE(herlens::metrics::speaking(track({2, 18}), params));
  CHECK(*mouth_spread(track({2, 18, 2}), params.min_openings) == doctest::Approx(0.08));
  CHECK_FALSE(herlens::metrics::speaking({}, params));
  CHECK_THROWS_AS((MouthActivityParams{.min_spread = 0, .min_openings = 3}.validate()), herlens::Error);
  CHECK_THROWS_AS((MouthActivityParams{.min_spread = 0.01, .min_openings = 1}.validate()), herlens::Error);
}
