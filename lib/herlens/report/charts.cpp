#include "herlens/report/charts.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <opencv2/imgproc.hpp>

namespace herlens::report {

namespace {

const cv::Scalar background(255, 255, 255), ink(40, 40, 40), faint(200, 200, 200), accent(180, 110, 40);
constexpr int font = cv::FONT_HERSHEY_SIMPLEX;
constexpr double text_scale = 0.4;

void text(cv::Mat& picture, const std::string& words, cv::Point at, const cv::Scalar& colour = ink) {
  cv::putText(picture, words, at, font, text_scale, colour, 1, cv::LINE_AA);
}

std::string shortened(std::string label, size_t most) {
  if (label.size() > most) label = label.substr(0, most - 2) + "..";
  return label;
}

}  // namespace

cv::Mat bar_chart(const std::string& title, const std::vector<Bar>& bars, int width) {
  constexpr int row = 18, top = 28, label_width = 170, value_width = 70;
  cv::Mat picture(top + row * int(bars.size()) + 8, width, CV_8UC3, background);
  text(picture, title, {6, 18});
  double largest = 0;
  for (const Bar& bar : bars) largest = std::max(largest, bar.value);
  const int span = width - label_width - value_width;
  for (size_t i = 0; i < bars.size(); ++i) {
    const int y = top + row * int(i);
    text(picture, shortened(bars[i].label, 26), {6, y + 13});
    const int length = largest > 0 ? int(span * std::max(0.0, bars[i].value) / largest) : 0;
    cv::rectangle(picture, cv::Rect(label_width, y + 3, std::max(1, length), row - 6), accent, cv::FILLED);
    text(picture, fmt::format("{:.3g}", bars[i].value), {label_width + length + 4, y + 13});
  }
  return picture;
}

cv::Mat scatter_plot(const std::string& title, const std::string& x_label, const std::vector<Point2>& points,
                     int width, int height) {
  cv::Mat picture(height, width, CV_8UC3, background);
  const cv::Rect plot(60, 30, width - 80, height - 70);
  text(picture, title, {6, 18});
  cv::rectangle(picture, plot, faint);
  if (points.empty()) return picture;
  const auto [x_min, x_max] = std::minmax_element(points.begin(), points.end(), [](auto a, auto b) { return a.x < b.x; });
  const auto [y_min, y_max] = std::minmax_element(points.begin(), points.end(), [](auto a, auto b) { return a.y < b.y; });
  // A range of one value still gets some width, so its dots land in the middle.
  const double x0 = x_min->x, x1 = x_max->x > x0 ? x_max->x : x0 + 1;
  const double y0 = std::min(0.0, y_min->y), y1 = y_max->y > y0 ? y_max->y : y0 + 1;
  for (const Point2& p : points) {
    const int px = plot.x + int(plot.width * (x_max->x > x0 ? (p.x - x0) / (x1 - x0) : 0.5));
    const int py = plot.y + plot.height - int(plot.height * (p.y - y0) / (y1 - y0));
    cv::circle(picture, {px, py}, 4, accent, cv::FILLED, cv::LINE_AA);
  }
  text(picture, fmt::format("{:g}", x0), {plot.x, plot.y + plot.height + 16});
  text(picture, fmt::format("{:g}", x_max->x), {plot.x + plot.width - 30, plot.y + plot.height + 16});
  text(picture, x_label, {plot.x + plot.width / 2 - 20, height - 8});
  text(picture, fmt::format("{:.3g}", y1), {4, plot.y + 10});
  text(picture, fmt::format("{:.3g}", y0), {4, plot.y + plot.height});
  return picture;
}

}  // namespace herlens::report
