#include "herlens/analyzers/picture_level.hpp"

#include <doctest/doctest.h>

#include "herlens/error.hpp"

namespace {

using herlens::analyzers::PictureLevel;

// Feeds 25 fps frames whose grey level (0..1) is given per frame; returns what the analyzer saw.
std::optional<herlens::metrics::PictureLevels> feed(PictureLevel& level, const std::vector<double>& grey,
                                                    double start = 0) {
  cv::Mat picture(24, 32, CV_8UC3);
  for (size_t k = 0; k < grey.size(); ++k) {
    picture.setTo(cv::Scalar::all(grey[k] * 255));
    level.on_video({static_cast<int64_t>(k), start + 0.04 * static_cast<double>(k), 0.04, picture, {}, {}});
  }
  level.finish();
  return level.take_result();
}

}  // namespace

TEST_CASE("picture level: mean luma uses BT.601 weights on BGR") {
  cv::Mat red(4, 4, CV_8UC3, cv::Scalar(0, 0, 255));
  CHECK(herlens::analyzers::mean_luma(red) == doctest::Approx(0.299));
  cv::Mat half(4, 4, CV_8UC3, cv::Scalar(0, 0, 0));
  half.rowRange(0, 2).setTo(cv::Scalar(255, 255, 255));
  CHECK(herlens::analyzers::mean_luma(half) == doctest::Approx(0.5));
}

TEST_CASE("picture level: black stretches run from a black picture to the next picture that is not") {
  PictureLevel level;
  // Frames 0-2 black, 3-4 at 9% (not black), 5 at 7% (black), 6 bright, 7-8 black to the end.
  const auto seen = feed(level, {0, 0, 0.02, 0.09, 0.09, 0.07, 0.5, 0, 0}, 10);
  REQUIRE(seen);
  CHECK(seen->start == doctest::Approx(10));
  CHECK(seen->end == doctest::Approx(10.36));
  const auto& black = seen->black;
  REQUIRE(black.size() == 3);
  CHECK(black[0].start == doctest::Approx(10.00));
  CHECK(black[0].end == doctest::Approx(10.12));
  CHECK(black[1].start == doctest::Approx(10.20));
  CHECK(black[1].end == doctest::Approx(10.24));
  CHECK(black[2].start == doctest::Approx(10.28));
  CHECK(black[2].end == doctest::Approx(10.36));
}

TEST_CASE("picture level: the black level is a parameter, checked") {
  PictureLevel strict({.black_level = 0.01});
  const auto seen = feed(strict, {0.02, 0.005});
  REQUIRE(seen);
  REQUIRE(seen->black.size() == 1);
  CHECK(seen->black[0].start == doctest::Approx(0.04));
  PictureLevel none;
  none.finish();
  CHECK_FALSE(none.take_result());
  CHECK_THROWS_AS(PictureLevel({.black_level = 0}), herlens::Error);
  CHECK_THROWS_AS(PictureLevel({.black_level = 1}), herlens::Error);
}
