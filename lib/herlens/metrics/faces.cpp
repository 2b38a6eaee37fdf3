#include "herlens/metrics/faces.hpp"

namespace herlens::metrics {

std::vector<FramingSample> framing_samples(std::span<const FaceObservation> samples) {
  std::vector<FramingSample> framing;
  for (const FaceObservation& seen : samples) framing.push_back({seen.time, int(seen.faces.size()), seen.largest_face});
  return framing;
}

std::vector<FaceSample> face_samples(std::span<const FaceObservation> samples) {
  std::vector<FaceSample> faces;
  for (const FaceObservation& seen : samples) faces.push_back({seen.time, int(seen.faces.size())});
  return faces;
}

}  // namespace herlens::metrics
