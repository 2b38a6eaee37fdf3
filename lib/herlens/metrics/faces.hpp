#pragma once
// What the face analyzer (analyzers/face_analyzer.hpp) saw on its sampled pictures, as the framing
// and voice-only joins read it.
#include <cstdint>
#include <span>
#include <vector>

#include <opencv2/core.hpp>

#include "herlens/metrics/mouth_activity.hpp"
#include "herlens/metrics/shot_scale.hpp"
#include "herlens/metrics/voice_only.hpp"
#include "herlens/models/face_detector.hpp"
#include "herlens/models/person_detector.hpp"

namespace herlens::metrics {

// One sampled picture.
struct FaceObservation {
  int64_t frame = 0;  // index of the picture
  double time = 0;    // seconds
  // Faces found, highest score first. Boxes in fractions of the active picture (the stream's bars
  // removed): x, width of its width; y, height of its height.
  std::vector<models::Face> faces;
  double largest_face = 0;  // tallest face box height / active picture height; 0 without a face
  // Whether the pose model looked at this picture, and the people it found, highest score first,
  // parts in fractions of the active picture.
  bool body_searched = false;
  std::vector<models::Person> people{};
  // Whether mouths were measured here (speech was heard near this sample and there were faces);
  // then `mouths` has, for each face in `faces`, its mouth openings (mouth_activity.hpp) over the
  // burst of pictures starting here: empty for a face not measured (beyond the largest few, or
  // whose landmarks FaceMesh was not sure of).
  bool mouths_checked = false;
  std::vector<std::vector<double>> mouths{};
  // The first sample after a change of picture (a cut), or the film's first.
  bool new_picture = false;
  // Time of the last picture of the mouth burst starting here (seconds; its own time without one).
  double burst_end = 0;
  // Faces the detector missed here that FaceMesh still found where the previous sample of the same
  // picture had them (a head turned to profile): they count as faces on screen for dialogue, after
  // `faces` in `mouths`, but have no box and are not framing's faces.
  int carried_faces = 0;
};

// A small copy of a sampled picture, for contact sheets.
struct FaceThumbnail {
  int64_t frame = 0;
  double time = 0;    // seconds
  cv::Mat image;      // BGR, the whole picture (bars included)
  std::vector<cv::Rect2f> boxes;  // its faces, in fractions of the whole picture
  std::vector<models::Person> people{};  // its people, parts in fractions of the whole picture
};

struct FaceObservations {
  std::vector<FaceObservation> samples;  // every sampled picture, by time
  cv::Rect2d active_picture{0, 0, 1, 1};  // the stream's bars removed, in fractions of the picture
  double active_aspect = 1;               // the active picture's width / its height, in pixels
  std::vector<FaceThumbnail> thumbnails;  // a bounded selection of the samples, by time
  // A bounded selection of the samples whose measured faces none speak over their burst
  // (listeners, as the face analyzer saw them before the join), by time.
  std::vector<FaceThumbnail> listener_thumbnails;
  int64_t mouth_measurements = 0;         // FaceMesh runs: mouths measured, carried-face looks
};

// The samples as the shot-scale join and the voice-only join take them.
// Each sample's body class follows `body`; `aspect`: the active picture's width / its height.
std::vector<FramingSample> framing_samples(std::span<const FaceObservation> samples, const BodyScaleParams& body,
                                           double aspect);
// Each sample's speaking faces follow `mouths` where they were checked.
std::vector<FaceSample> face_samples(std::span<const FaceObservation> samples, const MouthActivityParams& mouths);

}  // namespace herlens::metrics
