#pragma once
// The framing section of a film's summary (docs/framing.md): the face analyzer's samples joined
// with the shots, each shot's scale, and the ratios claims use.
#include <vector>

#include "herlens/metrics/faces.hpp"
#include "herlens/metrics/shot.hpp"
#include "herlens/metrics/shot_scale.hpp"

namespace herlens::metrics {

struct FramingSection {
  std::vector<Shot> shots;
  std::vector<ShotFraming> per_shot;  // per_shot[i] belongs to shots[i]
  FramingSummary summary;
  FaceObservations faces;             // every sample, the active picture, kept thumbnails
  int64_t samples_with_faces = 0;     // sampled pictures where at least one face was found
  int64_t samples_body_searched = 0;  // sampled pictures the pose model looked at
  ShotScaleParams params;             // what the shots were classed with
};

// Throws Error(usage) for bad parameters.
FramingSection frame_film(FaceObservations faces, std::vector<Shot> shots, const ShotScaleParams& params);

}  // namespace herlens::metrics
