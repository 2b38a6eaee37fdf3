#include "herlens/metrics/faces.hpp"

#include <algorithm>

#include "herlens/metrics/body_scale.hpp"

namespace herlens::metrics {

std::vector<FramingSample> framing_samples(std::span<const FaceObservation> samples, const BodyScaleParams& body,
                                           double aspect) {
  std::vector<FramingSample> framing;
  for (const FaceObservation& seen : samples) {
    // Someone is a person when a part that frames them is seen (arms alone are not).
    const auto framed = std::count_if(seen.people.begin(), seen.people.end(), [&](const models::Person& person) {
      return classify_person(person, body, aspect) != ShotScale::none;
    });
    // A face is a person seen too (where the pose model did not look, or missed the body).
    const int people = std::max(int(framed), int(seen.faces.size()));
    const double largest = largest_face_read(seen.faces, seen.people, body);
    framing.push_back({seen.time, int(seen.faces.size()), largest, people, seen.body_searched,
                       classify_people(seen.people, body, aspect, largest > 0)});
  }
  return framing;
}

std::vector<FaceSample> face_samples(std::span<const FaceObservation> samples, const MouthActivityParams& mouths) {
  mouths.validate();
  std::vector<FaceSample> faces;
  for (const FaceObservation& seen : samples) {
    FaceSample& sample = faces.emplace_back(FaceSample{seen.time, int(seen.faces.size()) + seen.carried_faces});
    sample.new_picture = seen.new_picture;
    sample.burst_end = std::max(seen.time, seen.burst_end);
    if (!seen.mouths_checked) continue;
    sample.speaking = int(std::count_if(seen.mouths.begin(), seen.mouths.end(),
                                        [&](const std::vector<double>& openings) { return speaking(openings, mouths); }));
    for (const std::vector<double>& openings : seen.mouths)
      if (const std::optional<double> spread = mouth_spread(openings, mouths.min_openings))
        sample.largest_spread = std::max(sample.largest_spread.value_or(0), *spread);
  }
  return faces;
}

}  // namespace herlens::metrics
