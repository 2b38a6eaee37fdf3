#pragma once
// OpenCV's frontal-face Haar cascade (Debian's opencv-data), kept to compare against BlazeFace.
// Its boxes, which sit higher on the forehead and are slightly smaller, are mapped to BlazeFace's convention.
#include <filesystem>
#include <vector>

#include <opencv2/core.hpp>
#include <opencv2/objdetect.hpp>

#include "herlens/models/face_detector.hpp"

namespace herlens::models {

inline const std::filesystem::path haar_default_cascade =
    "/usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml";

struct HaarParams {
  // Smallest face to find, as BlazeFace-convention box height / picture height; (0, 1].
  float min_face_height = 0.06f;
  // Neighbouring cascade hits needed to accept a face; >= 1. Fewer finds more faces and more false ones.
  int min_neighbours = 5;
  // Size ratio between the scales the cascade is tried at; (1, 2].
  double scale_step = 1.1;

  void validate() const;  // throws Error(usage) naming the bad value
};

// A Haar cascade box (pixels) expressed in BlazeFace's box convention (pixels, same image).
cv::Rect2f haar_to_blazeface_box(const cv::Rect2f& haar_box);

class HaarFaceDetector final : public FaceDetector {
 public:
  // Throws Error(model) when `cascade` is missing or not a cascade.
  explicit HaarFaceDetector(const std::filesystem::path& cascade = haar_default_cascade, HaarParams params = {});
  std::vector<Face> detect(const cv::Mat& bgr) override;
  std::vector<std::filesystem::path> model_files() const override { return {cascade_file_}; }

 private:
  HaarParams params_;
  std::filesystem::path cascade_file_;
  cv::CascadeClassifier cascade_;
};

}  // namespace herlens::models
