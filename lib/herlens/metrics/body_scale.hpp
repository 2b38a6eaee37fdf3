#pragma once
// Shot scale by body framing (docs/metrics.md, "Framing"): which of a person's body parts are inside
// the active picture, and how tall a whole figure stands in it. Pure functions over a pose model's
// people, their parts in fractions of the active picture.
#include <span>

#include "herlens/metrics/shot_scale.hpp"
#include "herlens/models/person_detector.hpp"

namespace herlens::metrics {

// The class of one person, parts in fractions of the active picture (docs/metrics.md): the wider of
// - the lowest body level seen: an ankle LS, a knee MLS, a hip MS, a shoulder or the head CU;
// - where the picture's bottom edge cuts the figure, whose height the head-to-shoulders distance
//   tells (0.12 of it): above 0.17 of that height below the head CU, above 0.30 MCU, above 0.55
//   MS, above 0.90 MLS, else LS (when a head part and a shoulder are seen).
// An LS whose figure is shorter than `els_height` is an ELS. `none` when neither a head part, a
// shoulder, a hip, a knee nor an ankle is seen (arms alone frame no one).
ShotScale classify_person(const models::Person& person, const BodyScaleParams& params);

// The class of the tightest-framed (nearest) person of a picture; `none` without one.
ShotScale classify_people(std::span<const models::Person> people, const BodyScaleParams& params);

// A shot's class from both views: the body's, refined at the close end by the face's. The face
// decides when it says MCU or tighter and the body says MCU or tighter (or no body was seen): the
// face's size tells ECU, CU and MCU apart, which the parts cannot. Otherwise the body decides, and
// the face only when no body was seen.
ShotScale combine_scales(ShotScale by_face, ShotScale by_body);

}  // namespace herlens::metrics
