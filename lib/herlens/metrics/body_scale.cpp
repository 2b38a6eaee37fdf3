#include "herlens/metrics/body_scale.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>


namespace herlens::metrics {

namespace {

using models::BodyPart;

bool tighter(ShotScale a, ShotScale b) { return static_cast<int>(a) < static_cast<int>(b); }

}  // namespace


namespace {

// A standing figure's proportions, as shares of its height from the eyes to the ankles: the centre
// of the head's seen parts lies this far above the line between the shoulders.
constexpr double head_to_shoulders = 0.12;
// Where the picture's bottom edge cuts the figure, below the head's centre in shares of that
// height, and the class from there down: head and shoulders (shoulders at 0.12) are a CU; a cut
// through the chest (0.22) an MCU; at the waist or hips (0.37 to 0.46) an MS; through the thighs or
// at the knees (0.72) an MLS; at or below the ankles (1.0) an LS. Each bound lies between two of
// those cuts.
constexpr std::pair<double, ShotScale> cut_bounds[] = {
    {0.17, ShotScale::cu}, {0.30, ShotScale::mcu}, {0.55, ShotScale::ms}, {0.90, ShotScale::mls}};

const BodyPart head_parts[] = {BodyPart::nose, BodyPart::left_eye, BodyPart::right_eye, BodyPart::left_ear,
                               BodyPart::right_ear};

ShotScale wider(ShotScale a, ShotScale b) { return tighter(a, b) ? b : a; }

}  // namespace

ShotScale classify_person(const models::Person& person, const BodyScaleParams& params) {
  const auto seen = [&](BodyPart part) {
    const models::BodyPoint& p = person[part];
    return p.score >= params.min_part_score && p.at.x >= 0 && p.at.x <= 1 && p.at.y >= 0 && p.at.y <= 1;
  };
  // The mean position of the seen parts among `parts`; empty when none is seen.
  const auto centre = [&](std::span<const BodyPart> parts) -> std::optional<cv::Point2f> {
    cv::Point2f sum(0, 0);
    int count = 0;
    for (const BodyPart part : parts)
      if (seen(part)) sum += person[part].at, ++count;
    if (count == 0) return std::nullopt;
    return sum / count;
  };
  const BodyPart shoulder_parts[] = {BodyPart::left_shoulder, BodyPart::right_shoulder};
  const std::optional<cv::Point2f> head = centre(head_parts), shoulders = centre(shoulder_parts);
  const auto either = [&](BodyPart left, BodyPart right) { return seen(left) || seen(right); };

  // At least the class of the lowest body level seen.
  ShotScale scale = ShotScale::none;
  if (either(BodyPart::left_ankle, BodyPart::right_ankle)) scale = ShotScale::ls;
  else if (either(BodyPart::left_knee, BodyPart::right_knee)) scale = ShotScale::mls;
  else if (either(BodyPart::left_hip, BodyPart::right_hip)) scale = ShotScale::ms;
  else if (head || shoulders) scale = ShotScale::cu;
  else return ShotScale::none;  // arms alone frame no one

  // Where the picture's bottom cuts the figure, its height told by the head and shoulders: a part
  // hidden by the frame's edge, by something in front, or missed by the model then still counts.
  std::optional<double> height;
  if (head && shoulders) {
    const cv::Point2f neck = *shoulders - *head;
    height = std::hypot(neck.x, neck.y) / head_to_shoulders;
    if (*height > 0) {
      const double cut = (1.0 - head->y) / *height;
      ShotScale by_cut = ShotScale::ls;
      for (const auto& [bound, below] : cut_bounds)
        if (cut < bound) {
          by_cut = below;
          break;
        }
      scale = wider(scale, by_cut);
    }
  }
  if (scale != ShotScale::ls) return scale;
  // A whole figure: its height measured from its highest seen part to its lowest ankle when an
  // ankle is seen, else told by the head and shoulders.
  if (either(BodyPart::left_ankle, BodyPart::right_ankle)) {
    float top = 1, bottom = 0;
    for (size_t part = 0; part < models::body_part_count; ++part)
      if (seen(BodyPart(part))) top = std::min(top, person.parts[part].at.y);
    for (const BodyPart part : {BodyPart::left_ankle, BodyPart::right_ankle})
      if (seen(part)) bottom = std::max(bottom, person[part].at.y);
    height = bottom - top;
  }
  return height && *height < params.els_height ? ShotScale::els : ShotScale::ls;
}

ShotScale classify_people(std::span<const models::Person> people, const BodyScaleParams& params) {
  ShotScale tightest = ShotScale::none;
  for (const models::Person& person : people) {
    const ShotScale scale = classify_person(person, params);
    if (tighter(scale, tightest)) tightest = scale;
  }
  return tightest;
}

ShotScale combine_scales(ShotScale by_face, ShotScale by_body) {
  const bool close_face = !tighter(ShotScale::mcu, by_face);  // ECU, CU or MCU
  const bool close_body = by_body == ShotScale::none || !tighter(ShotScale::mcu, by_body);
  if (close_face && close_body) return by_face;
  return by_body != ShotScale::none ? by_body : by_face;
}

}  // namespace herlens::metrics
