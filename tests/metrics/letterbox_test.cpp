#include <doctest/doctest.h>

#include <opencv2/core.hpp>

#include "herlens/metrics/letterbox.hpp"

using namespace herlens::metrics;

namespace {

const cv::Scalar grey(128, 128, 128);  // BGR

}  // namespace

TEST_CASE("letterbox: one picture's dark border, and bars common to frames") {
  cv::Mat picture(180, 320, CV_8UC3, cv::Scalar(0, 0, 0));
  picture(cv::Rect(40, 23, 240, 134)).setTo(grey);
  picture.at<cv::Vec3b>(5, 100) = {255, 255, 255};  // a speck in the bar does not end it
  const Border border = measure_dark_border(picture, 0.98);
  CHECK(border == Border{23, 23, 40, 40});
  CHECK(border.inside(picture.size()) == cv::Rect(40, 23, 240, 134));
  CHECK(border.area(picture.size()) == 320 * 180 - 240 * 134);
  const Border dark_all_over = measure_dark_border(cv::Mat(180, 320, CV_8UC3, cv::Scalar(0, 0, 0)), 0.98);
  CHECK(dark_all_over.covers(picture.size()));
  const Border frames[] = {border, dark_all_over, {10, 30, 0, 50}};
  CHECK(common_bars(frames, picture.size()) == Border{10, 23, 0, 40});
}
