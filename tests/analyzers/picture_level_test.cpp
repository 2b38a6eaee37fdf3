#include "herlens/analyzers/picture_level.hpp"

#include <doctest/doctest.h>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "herlens/error.hpp"
#include "support/fixtures.hpp"

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

TEST_CASE("picture level: mean luma uses BT.601 weights on BGR, its spread is the deviation over the picture") {
  cv::Mat red(4, 4, CV_8UC3, cv::Scalar(0, 0, 255));
  CHECK(herlens::analyzers::luma_level(red).mean == doctest::Approx(0.299).epsilon(0.01));
  CHECK(herlens::analyzers::luma_level(red).spread == 0);
  cv::Mat half(4, 4, CV_8UC3, cv::Scalar(0, 0, 0));
  half.rowRange(0, 2).setTo(cv::Scalar(255, 255, 255));
  CHECK(herlens::analyzers::luma_level(half).mean == doctest::Approx(0.5));
  CHECK(herlens::analyzers::luma_level(half).spread == doctest::Approx(0.5));
}

TEST_CASE("picture level: a real dark picture with detail is never black, black with noise is") {
  // The coffee photograph darkened to a sixth of its levels: mean luma about 6%, a night scene.
  cv::Mat photo = cv::imread(herlens::test::source_file("tests/data/faces/coffee.jpg").string());
  REQUIRE(!photo.empty());
  cv::resize(photo, photo, {320, 213}, 0, 0, cv::INTER_AREA);
  cv::Mat night;
  photo.convertTo(night, -1, 0.17);
  const herlens::analyzers::LumaLevel dark = herlens::analyzers::luma_level(night);
  CAPTURE(dark.mean);
  CAPTURE(dark.spread);
  CHECK(dark.mean < 0.08);  // dark enough that the mean alone would call it black
  // Black with grain: level 4 of 255 plus noise of 1.5 levels.
  cv::Mat noisy(213, 320, CV_8UC3);
  cv::randn(noisy, cv::Scalar::all(4), cv::Scalar::all(1.5));
  PictureLevel level;
  for (int k = 0; k < 4; ++k)
    level.on_video({k, 0.04 * k, 0.04, k < 2 ? night : noisy, {}, {}});
  level.finish();
  const auto seen = level.take_result();
  REQUIRE(seen);
  REQUIRE(seen->black.size() == 1);
  CHECK(seen->black[0].start == doctest::Approx(0.08));  // the night pictures are pictures
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
  PictureLevel strict({.black_level = 0.01, .max_black_spread = 0.012});
  const auto seen = feed(strict, {0.02, 0.005});
  REQUIRE(seen);
  REQUIRE(seen->black.size() == 1);
  CHECK(seen->black[0].start == doctest::Approx(0.04));
  PictureLevel none;
  none.finish();
  CHECK_FALSE(none.take_result());
  CHECK_THROWS_AS(PictureLevel({.black_level = 0, .max_black_spread = 0.012}), herlens::Error);
  CHECK_THROWS_AS(PictureLevel({.black_level = 1, .max_black_spread = 0.012}), herlens::Error);
}
