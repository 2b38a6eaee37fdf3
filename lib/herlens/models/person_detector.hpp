#pragma once
// People and their body keypoints, for shot scale by body framing (docs/metrics.md, "Framing").
#include <array>
#include <cstddef>
#include <filesystem>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

namespace herlens::models {

// The 17 COCO keypoints, in the order pose models give them.
enum class BodyPart {
  nose, left_eye, right_eye, left_ear, right_ear, left_shoulder, right_shoulder, left_elbow, right_elbow,
  left_wrist, right_wrist, left_hip, right_hip, left_knee, right_knee, left_ankle, right_ankle
};
inline constexpr size_t body_part_count = 17;
std::string_view name(BodyPart part);  // "nose", "left_eye", ...

struct BodyPoint {
  cv::Point2f at;    // in the coordinates of the picture given to detect() (or fractions, once moved)
  float score = 0;   // confidence in [0, 1] that this part is there
};

struct Person {
  std::array<BodyPoint, body_part_count> parts;
  float score = 0;  // the pose's confidence in [0, 1]: the mean of its parts' scores
  // The person detector's box around the whole figure, where the body was found through one (the
  // closer look); empty otherwise. In the same coordinates as the parts.
  cv::Rect2f figure;
  const BodyPoint& operator[](BodyPart part) const { return parts[static_cast<size_t>(part)]; }
  BodyPoint& operator[](BodyPart part) { return parts[static_cast<size_t>(part)]; }
  // The smallest box holding the parts scoring at least `min_part_score`; empty when none does.
  cv::Rect2f box(float min_part_score) const;
};

class PersonDetector {
 public:
  virtual ~PersonDetector() = default;
  // `bgr`: 8-bit, 3-channel BGR picture of any size (the active picture). Returns every person found,
  // highest score first, parts in its pixels. `face_seen`: a face was found on the picture, so a
  // small figure already has a class from its face's size, and a detector that would look closer
  // for small figures need not. Keeps state between calls: one detector per thread.
  virtual std::vector<Person> detect(const cv::Mat& bgr, bool face_seen) = 0;
  virtual std::vector<std::filesystem::path> model_files() const = 0;
};

}  // namespace herlens::models
