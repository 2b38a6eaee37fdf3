#include "herlens/metrics/framing.hpp"

#include <algorithm>

namespace herlens::metrics {

FramingSection frame_film(FaceObservations faces, std::vector<Shot> shots, const ShotScaleParams& params) {
  FramingSection section;
  section.per_shot = frame_shots(framing_samples(faces.samples, params.body, faces.active_aspect), shots, params);
  section.summary = summarise_framing(shots, section.per_shot);
  section.samples_with_faces = std::count_if(faces.samples.begin(), faces.samples.end(),
                                             [](const FaceObservation& o) { return !o.faces.empty(); });
  section.samples_body_searched = std::count_if(faces.samples.begin(), faces.samples.end(),
                                                [](const FaceObservation& o) { return o.body_searched; });
  section.shots = std::move(shots);
  section.faces = std::move(faces);
  section.params = params;
  return section;
}

}  // namespace herlens::metrics
