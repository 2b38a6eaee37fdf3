#pragma once
// Plain charts for report pages (8-bit BGR pictures, drawn with OpenCV, embedded by html.hpp).
#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace herlens::report {

struct Bar {
  std::string label;
  double value = 0;
};

// One horizontal bar per entry, labelled, scaled to the largest value (0 at the left edge).
cv::Mat bar_chart(const std::string& title, const std::vector<Bar>& bars, int width = 640);

struct Point2 {
  double x = 0, y = 0;
};

// Dots at (x, y) with the axes' ranges written at their ends (y from 0 or below); the title names y.
cv::Mat scatter_plot(const std::string& title, const std::string& x_label, const std::vector<Point2>& points,
                     int width = 480, int height = 320);

}  // namespace herlens::report
