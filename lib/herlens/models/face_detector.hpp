#pragma once
// Face detection for framing analysis (docs: metrics.md, "Framing"). Two detectors share one interface and
// one box convention, BlazeFace's, so that face sizes mean the same whichever detector found them.
#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

namespace herlens::models {

struct Face {
  // In pixels of the picture given to detect(): origin at its top-left corner, x right, y down.
  // BlazeFace convention: about square, brow to chin and cheek to cheek (about 0.75 of the full head
  // height). A face cut by the picture edge may have a box reaching past it.
  cv::Rect2f box;
  // Confidence in [0, 1]: BlazeFace's probability; always 1 for Haar, whose cascade gives none.
  float score = 0;
};

class FaceDetector {
 public:
  virtual ~FaceDetector() = default;
  // `bgr`: 8-bit, 3-channel BGR picture of any size (the active picture: bars already cropped).
  // Returns every face found, highest score first. Keeps state between calls: one detector per thread.
  virtual std::vector<Face> detect(const cv::Mat& bgr) = 0;
  // The model files it runs, for a run's provenance.
  virtual std::vector<std::filesystem::path> model_files() const = 0;
};

enum class FaceDetectorKind {
  blazeface,         // MediaPipe BlazeFace, the default: finds faces from 6% of the picture height up
  blazeface_opencv,  // the same, its graphs run by OpenCV's dnn module: equal results, 2.5x slower; to check
  haar,              // OpenCV's frontal-face Haar cascade, for comparison: frontal faces only, more false faces
};

// "blazeface", "blazeface-opencv", "haar": as the command line names them.
std::string_view name(FaceDetectorKind kind);
std::optional<FaceDetectorKind> face_detector_named(std::string_view name);
inline constexpr FaceDetectorKind all_face_detectors[] = {FaceDetectorKind::blazeface,
                                                          FaceDetectorKind::blazeface_opencv, FaceDetectorKind::haar};

// A detector of `kind` with its default parameters. `model_dir` is searched first, as in find_model().
// Throws Error(model) when a model or cascade file is missing or cannot be loaded.
std::unique_ptr<FaceDetector> make_face_detector(FaceDetectorKind kind,
                                                 const std::filesystem::path& model_dir = {});

}  // namespace herlens::models
