#include "herlens/report/pictures.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include <opencv2/imgproc.hpp>

namespace herlens::report {

namespace {

cv::Scalar bgr(const metrics::Lab& lab) {
  const metrics::Rgb8 c = metrics::lab_to_srgb(lab);
  return {double(c.b), double(c.g), double(c.r)};
}

}  // namespace

cv::Mat barcode(std::span<const double> frame_times, std::span<const metrics::Lab> frame_means,
                const std::vector<metrics::Shot>& shots, int width, int height) {
  const size_t frames = std::min(frame_times.size(), frame_means.size());
  if (frames == 0 || width <= 0 || height <= 0) return {};
  const int columns = int(std::min<size_t>(size_t(width), frames));
  const double start = frame_times[0];
  const double span = std::max(frame_times[frames - 1] - start, 1e-9);
  cv::Mat picture(height, columns, CV_8UC3, cv::Scalar(0, 0, 0));
  size_t next = 0;
  cv::Scalar previous(0, 0, 0);
  for (int column = 0; column < columns; ++column) {
    // Frames whose time falls in this slice, summed per shot (sorted shots: -1 before the first).
    std::map<int64_t, std::pair<int64_t, metrics::Lab>> by_shot;
    const double slice_end = start + span * (column + 1) / columns;
    while (next < frames && (frame_times[next] < slice_end || column == columns - 1)) {
      auto& [count, sum] = by_shot[metrics::shot_at(shots, frame_times[next])];
      ++count;
      sum.L += frame_means[next].L, sum.a += frame_means[next].a, sum.b += frame_means[next].b;
      ++next;
    }
    if (!by_shot.empty()) {
      const auto& [count, sum] = std::max_element(by_shot.begin(), by_shot.end(), [](const auto& x, const auto& y) {
                                   return x.second.first < y.second.first;
                                 })->second;
      previous = bgr({sum.L / double(count), sum.a / double(count), sum.b / double(count)});
    }
    // A slice without frames (a gap in time) repeats its neighbour rather than showing black.
    picture.col(column).setTo(previous);
  }
  return picture;
}

cv::Mat swatch(std::span<const metrics::PaletteColour> palette, int width, int height) {
  cv::Mat picture(height, width, CV_8UC3, cv::Scalar(0, 0, 0));
  double total = 0;
  for (const auto& colour : palette) total += colour.share;
  double left = 0;
  for (const auto& colour : palette) {
    const double right = left + width * colour.share / total;
    const int x0 = int(std::lround(left)), x1 = int(std::lround(right));
    if (x1 > x0) picture(cv::Rect(x0, 0, x1 - x0, height)).setTo(bgr(colour.lab));
    left = right;
  }
  return picture;
}

cv::Mat with_boxes(const cv::Mat& image, std::span<const cv::Rect2f> boxes) {
  cv::Mat out = image.clone();
  const cv::Size2f size = out.size();
  for (const cv::Rect2f& box : boxes)
    cv::rectangle(out,
                  cv::Rect(cv::Point(std::lround(box.x * size.width), std::lround(box.y * size.height)),
                           cv::Point(std::lround(box.br().x * size.width), std::lround(box.br().y * size.height))),
                  cv::Scalar(0, 255, 0), 1, cv::LINE_AA);
  return out;
}

cv::Mat with_people(const cv::Mat& image, std::span<const models::Person> people, double min_part_score) {
  using models::BodyPart;
  static constexpr std::pair<BodyPart, BodyPart> bones[] = {
      {BodyPart::left_shoulder, BodyPart::right_shoulder}, {BodyPart::left_hip, BodyPart::right_hip},
      {BodyPart::left_shoulder, BodyPart::left_hip},       {BodyPart::right_shoulder, BodyPart::right_hip},
      {BodyPart::left_shoulder, BodyPart::left_elbow},     {BodyPart::left_elbow, BodyPart::left_wrist},
      {BodyPart::right_shoulder, BodyPart::right_elbow},   {BodyPart::right_elbow, BodyPart::right_wrist},
      {BodyPart::left_hip, BodyPart::left_knee},           {BodyPart::left_knee, BodyPart::left_ankle},
      {BodyPart::right_hip, BodyPart::right_knee},         {BodyPart::right_knee, BodyPart::right_ankle}};
  cv::Mat out = image.clone();
  const cv::Size2f size = out.size();
  const auto pixel = [&](cv::Point2f at) {
    return cv::Point(int(std::lround(at.x * size.width)), int(std::lround(at.y * size.height)));
  };
  const cv::Scalar colour(0, 200, 255);
  for (const models::Person& person : people) {
    for (const auto& [a, b] : bones)
      if (person[a].score >= min_part_score && person[b].score >= min_part_score)
        cv::line(out, pixel(person[a].at), pixel(person[b].at), colour, 1, cv::LINE_AA);
    for (const models::BodyPoint& part : person.parts)
      if (part.score >= min_part_score) cv::circle(out, pixel(part.at), 2, colour, cv::FILLED, cv::LINE_AA);
    // The box a closer look found the body through: where the figure reaches, for a reader to check.
    if (!person.figure.empty())
      cv::rectangle(out, pixel(person.figure.tl()), pixel(person.figure.br()), colour, 1, cv::LINE_AA);
  }
  return out;
}

cv::Mat captioned(const cv::Mat& image, const std::string& caption) {
  constexpr int line_height = 16, margin = 3;
  constexpr double font_scale = 0.38;
  const auto width_of = [&](const std::string& text) {
    int baseline = 0;
    return cv::getTextSize(text, cv::FONT_HERSHEY_SIMPLEX, font_scale, 1, &baseline).width;
  };
  // Fields (separated by two spaces) fill lines as wide as the picture, so that a thumbnail's
  // caption is read whole; a field wider than the picture keeps a line of its own.
  std::vector<std::string> lines{""};
  for (size_t start = 0; start <= caption.size();) {
    const size_t end = std::min(caption.find("  ", start), caption.size());
    const std::string field = caption.substr(start, end - start);
    start = end + 2;
    if (field.empty()) continue;
    const std::string longer = lines.back().empty() ? field : lines.back() + "  " + field;
    if (lines.back().empty() || width_of(longer) <= image.cols - 2 * margin) lines.back() = longer;
    else lines.push_back(field);
  }
  const int strip = line_height * int(lines.size());
  cv::Mat tile(image.rows + strip, image.cols, CV_8UC3, cv::Scalar(24, 24, 24));
  image.copyTo(tile(cv::Rect(0, 0, image.cols, image.rows)));
  for (size_t i = 0; i < lines.size(); ++i)
    cv::putText(tile, lines[i], cv::Point(margin, image.rows + line_height * int(i + 1) - 4), cv::FONT_HERSHEY_SIMPLEX,
                font_scale, cv::Scalar(235, 235, 235), 1, cv::LINE_AA);
  return tile;
}

cv::Mat grid(const std::vector<cv::Mat>& tiles, int columns) {
  constexpr int gap = 4;
  int width = 0, height = 0;
  for (const cv::Mat& t : tiles) width = std::max(width, t.cols), height = std::max(height, t.rows);
  const int used_columns = std::min<int>(columns, int(tiles.size()));
  const int rows = (int(tiles.size()) + columns - 1) / columns;
  cv::Mat sheet(rows * (height + gap) + gap, used_columns * (width + gap) + gap, CV_8UC3, cv::Scalar(0, 0, 0));
  for (size_t i = 0; i < tiles.size(); ++i) {
    const int x = gap + int(i % columns) * (width + gap), y = gap + int(i / columns) * (height + gap);
    tiles[i].copyTo(sheet(cv::Rect(x, y, tiles[i].cols, tiles[i].rows)));
  }
  return sheet;
}

}  // namespace herlens::report
