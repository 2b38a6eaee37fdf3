// Corpus page charts: a bar per entry, each as long as its share of the largest; dots inside the plot.
#include <doctest/doctest.h>

#include <opencv2/core.hpp>

#include "herlens/report/charts.hpp"

using namespace herlens::report;

namespace {

// Accent-coloured pixels (the bars and dots) in a row of the picture.
int accent_pixels(const cv::Mat& picture, int row) {
  int count = 0;
  for (int x = 0; x < picture.cols; ++x)
    if (picture.at<cv::Vec3b>(row, x) == cv::Vec3b(180, 110, 40)) ++count;
  return count;
}

}  // namespace

TEST_CASE("charts: bars scale to the largest value, a row each") {
  const cv::Mat chart = bar_chart("asl", {{"a", 2}, {"b", 4}, {"none", 0}});
  CHECK(chart.type() == CV_8UC3);
  CHECK(chart.rows == 28 + 3 * 18 + 8);
  const int half = accent_pixels(chart, 28 + 9), full = accent_pixels(chart, 28 + 18 + 9);
  CHECK(full == 640 - 170 - 70);
  CHECK(half == doctest::Approx(full / 2.0).epsilon(0.01));
  CHECK(accent_pixels(chart, 28 + 36 + 9) == 1);  // zero still shows a hairline
  CHECK_FALSE(bar_chart("empty", {}).empty());
}

TEST_CASE("charts: a scatter plot of one point or none still draws") {
  CHECK_FALSE(scatter_plot("x", "year", {}).empty());
  const cv::Mat one = scatter_plot("x", "year", {{1962, 0.5}});
  int dots = 0;
  for (int y = 0; y < one.rows; ++y) dots += accent_pixels(one, y);
  CHECK(dots > 10);
}
