#include "herlens/models/face_detector.hpp"

#include "herlens/error.hpp"
#include "herlens/models/blazeface.hpp"
#include "herlens/models/haar_face_detector.hpp"

namespace herlens::models {

std::string_view name(FaceDetectorKind kind) {
  switch (kind) {
    case FaceDetectorKind::blazeface: return "blazeface";
    case FaceDetectorKind::blazeface_opencv: return "blazeface-opencv";
    case FaceDetectorKind::haar: return "haar";
  }
  return "?";
}

std::optional<FaceDetectorKind> face_detector_named(std::string_view text) {
  for (const FaceDetectorKind kind : all_face_detectors)
    if (name(kind) == text) return kind;
  return std::nullopt;
}

std::unique_ptr<FaceDetector> make_face_detector(FaceDetectorKind kind, const std::filesystem::path& model_dir) {
  switch (kind) {
    case FaceDetectorKind::blazeface: return std::make_unique<BlazeFaceDetector>(model_dir);
    case FaceDetectorKind::blazeface_opencv:
      return std::make_unique<BlazeFaceDetector>(model_dir, BlazeFaceParams{.runtime = BlazeFaceRuntime::opencv_dnn});
    case FaceDetectorKind::haar: return std::make_unique<HaarFaceDetector>();
  }
  throw Error(ErrorKind::internal, "unknown face detector kind");
}

}  // namespace herlens::models
