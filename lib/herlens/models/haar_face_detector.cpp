#include "herlens/models/haar_face_detector.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <opencv2/imgproc.hpp>

#include "herlens/error.hpp"

namespace herlens::models {
namespace {

// BlazeFace's box against the cascade's on the same face (the astronaut portrait at six scales, 51 to
// 315 px): its side is 0.96 to 1.14 times the cascade's (median 1.08) and its centre lies 0.09 to 0.15
// cascade sides lower (median 0.12), the cascade box starting higher on the forehead.
constexpr float kSizeRatio = 1.08f;
constexpr float kCentreDrop = 0.12f;

}  // namespace

cv::Rect2f haar_to_blazeface_box(const cv::Rect2f& haar_box) {
  const float side = haar_box.height * kSizeRatio;
  const float cx = haar_box.x + haar_box.width / 2;
  const float cy = haar_box.y + haar_box.height / 2 + kCentreDrop * haar_box.height;
  return {cx - side / 2, cy - side / 2, side, side};
}

void HaarParams::validate() const {
  if (!(min_face_height > 0 && min_face_height <= 1))
    throw Error(ErrorKind::usage, fmt::format("Haar face detector: min_face_height = {} is outside (0, 1]", min_face_height));
  if (min_neighbours < 1)
    throw Error(ErrorKind::usage, fmt::format("Haar face detector: min_neighbours = {} is below 1", min_neighbours));
  if (!(scale_step > 1 && scale_step <= 2))
    throw Error(ErrorKind::usage, fmt::format("Haar face detector: scale_step = {} is outside (1, 2]", scale_step));
}

HaarFaceDetector::HaarFaceDetector(const std::filesystem::path& cascade, HaarParams params)
    : params_(params), cascade_file_(cascade) {
  params_.validate();
  std::error_code ec;
  bool loaded = false;
  try {
    // Checked first because OpenCV logs its own error for a missing file.
    loaded = std::filesystem::is_regular_file(cascade, ec) && cascade_.load(cascade.string());
  } catch (const cv::Exception&) {
    // A malformed cascade: reported below like a missing one.
  }
  if (!loaded)
    throw Error(ErrorKind::model, fmt::format("Haar cascade {} is missing or unreadable; run scripts/setup "
                                              "(it installs Debian's opencv-data)", cascade.string()));
}

std::vector<Face> HaarFaceDetector::detect(const cv::Mat& bgr) {
  if (bgr.empty() || bgr.type() != CV_8UC3)
    throw Error(ErrorKind::internal, "face detection needs an 8-bit BGR picture");
  cv::Mat grey;
  cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);
  cv::equalizeHist(grey, grey);
  const int min_side = std::max(1, static_cast<int>(params_.min_face_height * bgr.rows / kSizeRatio));
  std::vector<cv::Rect> boxes;
  cascade_.detectMultiScale(grey, boxes, params_.scale_step, params_.min_neighbours, 0, {min_side, min_side});
  std::vector<Face> faces;
  for (const auto& box : boxes) faces.push_back({haar_to_blazeface_box(box), 1.0f});
  // All scores are equal: the largest face first is the most useful order for framing.
  std::stable_sort(faces.begin(), faces.end(),
                   [](const Face& a, const Face& b) { return a.box.height > b.box.height; });
  return faces;
}

}  // namespace herlens::models
