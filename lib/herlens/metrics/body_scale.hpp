#pragma once
// Shot scale by body framing (docs/metrics.md, "Framing"): which of a person's body parts are inside
// the active picture, and how tall a whole figure stands in it. Pure functions over a pose model's
// people, their parts in fractions of the active picture.
#include <span>
#include <vector>

#include "herlens/metrics/shot_scale.hpp"
#include "herlens/models/face_detector.hpp"
#include "herlens/models/person_detector.hpp"

namespace herlens::metrics {

// The class of one person, parts in fractions of the active picture (docs/metrics.md): the wider of
// - the lowest body level seen: an ankle LS, a knee MLS, a hip MS, a shoulder or the head CU;
// - where the picture's bottom edge cuts the figure, below its head's centre in shares of its height
//   (head to ankles): CU under 0.17, MCU under 0.30, MS under 0.55, MLS under 1.0 (above the
//   ankles: the whole figure is not in the picture), else LS. The
//   height is told by the body between the highest and the lowest level seen (head or shoulders,
//   hips, knees: at 0, 0.12, 0.45 and 0.72 of it), measured along the body, and the body below the
//   lowest level seen is taken to hang straight down; at least two levels must be seen.
// An LS whose figure is shorter than `els_height` is an ELS. One level alone gives only its least
// class, unless the person's figure box ends more than `whole_figure_margin` above the picture's
// bottom: a figure seen whole, LS (ELS when the box is shorter than `els_height`). `none` when
// neither a head part, a shoulder, a hip, a knee nor an ankle is seen (arms alone frame no one).
// `aspect`: the picture's width / its height, so that distances across and down it are measured in
// one unit.
ShotScale classify_person(const models::Person& person, const BodyScaleParams& params, double aspect);

// Which of a picture's people are framed over the shoulder: turned from the camera (not both eyes
// seen), the head in the outer `over_shoulder_side` of the picture's width, while someone found
// shows both eyes. The shot looks past them at whom it frames, and is classed by that.
std::vector<bool> framed_over_shoulder(std::span<const models::Person> people, const BodyScaleParams& params);

// The tallest face box of a picture (boxes and parts in fractions of the same picture; 0 without a
// face) that its class reads: a face holding the head of a figure framed over the shoulder (a
// profile at the edge) is passed over, as the figure is.
double largest_face_read(std::span<const models::Face> faces, std::span<const models::Person> people,
                         const BodyScaleParams& params);

// Whether two body levels of `person` are seen, so that where the picture cuts the figure is
// measured; one level alone gives only the least class (a head alone: CU or wider).
bool cut_measured(const models::Person& person, const BodyScaleParams& params);

// The class of the tightest-framed (nearest) person of a picture; `none` without one, and when that
// class rests on one body level alone and the picture shows a face (`face_seen`): the face's size
// then tells more (a head alone says CU, the face's size may say MCU, its shoulders missed).
// Figures framed over the shoulder (framed_over_shoulder) do not decide.
ShotScale classify_people(std::span<const models::Person> people, const BodyScaleParams& params, double aspect,
                          bool face_seen);

// A shot's class from both views. The body decides, as the classes are defined by body framing:
// its cut tells CU from MCU where the face's size only suggests it (a bowed head's box is small, and
// headroom varies). The face decides an ECU (the parts show a head, not how much of it), where no
// body was seen, and where the body reads two classes or more wider than it: a face that size
// belongs to someone nearer than any body found (the pose model missed its owner).
ShotScale combine_scales(ShotScale by_face, ShotScale by_body);

}  // namespace herlens::metrics
