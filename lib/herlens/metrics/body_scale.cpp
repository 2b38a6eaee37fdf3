#include "herlens/metrics/body_scale.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace herlens::metrics {

namespace {

using models::BodyPart;

bool tighter(ShotScale a, ShotScale b) { return static_cast<int>(a) < static_cast<int>(b); }

// A standing figure's proportions, as shares of its height from the centre of its head (the mean of
// the eyes, ears and nose) down to the ankles (standard proportions: shoulders at 82% of the
// stature, hip joints at 53%, knees at 28.5%, ankles at 4%, eyes at 94%): the body levels a pose
// model finds, each the least class a figure seen down to it can be.
const BodyPart head_parts[] = {BodyPart::nose, BodyPart::left_eye, BodyPart::right_eye, BodyPart::left_ear,
                               BodyPart::right_ear};
const BodyPart shoulder_parts[] = {BodyPart::left_shoulder, BodyPart::right_shoulder};
const BodyPart hip_parts[] = {BodyPart::left_hip, BodyPart::right_hip};
const BodyPart knee_parts[] = {BodyPart::left_knee, BodyPart::right_knee};
const BodyPart ankle_parts[] = {BodyPart::left_ankle, BodyPart::right_ankle};
struct Level {
  std::span<const BodyPart> parts;
  double depth;        // share of the height below the head's centre
  ShotScale at_least;  // the class of a figure seen down to this level and no lower
};
const Level levels[] = {
    {head_parts, 0, ShotScale::cu},
    {shoulder_parts, 0.12, ShotScale::cu},
    {hip_parts, 0.45, ShotScale::ms},
    {knee_parts, 0.72, ShotScale::mls},
    {ankle_parts, 1.0, ShotScale::ls}};
constexpr size_t ankles = 4;

// Where the picture's bottom edge cuts the figure, below the head's centre in shares of that
// height, and the class from there down: head and shoulders (shoulders at 0.12) are a CU; a cut
// through the chest (0.22) an MCU; at the waist or hips (0.37 to 0.45) an MS; through the thighs,
// the knees (0.72) or the shins an MLS; at or below the ankles (1.0) an LS. The last bound is the
// ankles themselves, as a long shot holds the whole figure; each other bound lies between two of
// those cuts.
constexpr std::pair<double, ShotScale> cut_bounds[] = {
    {0.17, ShotScale::cu}, {0.30, ShotScale::mcu}, {0.55, ShotScale::ms}, {1.0, ShotScale::mls}};

ShotScale wider(ShotScale a, ShotScale b) { return tighter(a, b) ? b : a; }

bool seen(const models::Person& person, BodyPart part, const BodyScaleParams& params) {
  const models::BodyPoint& p = person[part];
  return p.score >= params.min_part_score && p.at.x >= 0 && p.at.x <= 1 && p.at.y >= 0 && p.at.y <= 1;
}

// Each level's centre: the mean position of its seen parts; empty when none is seen.
using LevelCentres = std::array<std::optional<cv::Point2f>, std::size(levels)>;
LevelCentres level_centres(const models::Person& person, const BodyScaleParams& params) {
  LevelCentres at;
  for (size_t i = 0; i < std::size(levels); ++i) {
    cv::Point2f sum(0, 0);
    int count = 0;
    for (const BodyPart part : levels[i].parts)
      if (seen(person, part, params)) sum += person[part].at, ++count;
    if (count > 0) at[i] = sum / count;
  }
  return at;
}

// Whether the person shows both eyes: faces the camera rather than turning to a profile or away.
bool faces_camera(const models::Person& person, const BodyScaleParams& params) {
  return seen(person, BodyPart::left_eye, params) && seen(person, BodyPart::right_eye, params);
}

// A figure turned from the camera, its head (or shoulders, the head unseen) in the outer
// `over_shoulder_side` of the picture's width on either side.
bool turned_at_side(const models::Person& person, const BodyScaleParams& params) {
  if (faces_camera(person, params)) return false;
  const LevelCentres at = level_centres(person, params);
  const std::optional<cv::Point2f>& top = at[0] ? at[0] : at[1];
  return top && (top->x < params.over_shoulder_side || top->x > 1 - params.over_shoulder_side);
}

}  // namespace

std::vector<bool> framed_over_shoulder(std::span<const models::Person> people, const BodyScaleParams& params) {
  const bool someone_faces = std::any_of(people.begin(), people.end(),
                                         [&](const models::Person& person) { return faces_camera(person, params); });
  std::vector<bool> over(people.size(), false);
  if (someone_faces)
    for (size_t i = 0; i < people.size(); ++i) over[i] = turned_at_side(people[i], params);
  return over;
}

double largest_face_read(std::span<const models::Face> faces, std::span<const models::Person> people,
                         const BodyScaleParams& params) {
  const std::vector<bool> over = framed_over_shoulder(people, params);
  std::vector<cv::Point2f> passed_heads;
  for (size_t i = 0; i < people.size(); ++i)
    if (over[i])
      if (const std::optional<cv::Point2f> head = level_centres(people[i], params)[0]) passed_heads.push_back(*head);
  double largest = 0;
  for (const models::Face& face : faces)
    if (std::none_of(passed_heads.begin(), passed_heads.end(), [&](const cv::Point2f& head) { return face.box.contains(head); }))
      largest = std::max(largest, double(face.box.height));
  return largest;
}

ShotScale classify_person(const models::Person& person, const BodyScaleParams& params, double aspect) {
  const LevelCentres at = level_centres(person, params);
  const auto first = std::find_if(at.begin(), at.end(), [](const auto& p) { return p.has_value(); });
  if (first == at.end()) return ShotScale::none;  // arms alone frame no one
  const size_t top = size_t(first - at.begin());
  size_t bottom = top;
  for (size_t i = top; i < at.size(); ++i)
    if (at[i]) bottom = i;

  // One level alone says only the least class (a head: CU or wider). The person detector's box
  // around the figure, where there is one, tells more: ending above the picture's bottom, it holds
  // the whole figure (a body lying, bent or turned, whose other levels the pose model missed).
  if (bottom == top && !person.figure.empty() && person.figure.br().y < 1 - params.whole_figure_margin)
    return person.figure.height < params.els_height ? ShotScale::els : ShotScale::ls;

  // At least the class of the lowest body level seen.
  ShotScale scale = levels[bottom].at_least;

  // The figure's height from the chain of levels seen between its highest and lowest (the longest
  // stretch of body the model found, so the least affected by its error in each part, and measured
  // along the body, so a torso leaning or turned in depth keeps its length better than its upright
  // extent would). Where the picture's bottom cuts it, taking the body below its lowest seen level
  // to hang straight down: a part hidden by the frame's edge, by something in front, or missed by
  // the model then still counts.
  std::optional<double> height;
  if (bottom > top) {
    double length = 0;
    std::optional<cv::Point2f> previous;
    for (size_t i = top; i <= bottom; ++i) {
      if (!at[i]) continue;
      if (previous) length += std::hypot((at[i]->x - previous->x) * aspect, at[i]->y - previous->y);
      previous = at[i];
    }
    height = length / (levels[bottom].depth - levels[top].depth);
    if (*height > 0) {
      const double cut = levels[bottom].depth + (1.0 - at[bottom]->y) / *height;
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
  // ankle is seen, else told by the chain of levels.
  if (at[ankles]) {
    float highest = 1, lowest = 0;
    for (size_t part = 0; part < models::body_part_count; ++part)
      if (seen(person, BodyPart(part), params)) highest = std::min(highest, person.parts[part].at.y);
    for (const BodyPart part : levels[ankles].parts)
      if (seen(person, part, params)) lowest = std::max(lowest, person[part].at.y);
    height = lowest - highest;
  }
  return height && *height < params.els_height ? ShotScale::els : ShotScale::ls;
}

bool cut_measured(const models::Person& person, const BodyScaleParams& params) {
  const LevelCentres at = level_centres(person, params);
  return std::count_if(at.begin(), at.end(), [](const auto& p) { return p.has_value(); }) >= 2;
}

ShotScale classify_people(std::span<const models::Person> people, const BodyScaleParams& params, double aspect,
                          bool face_seen) {
  const std::vector<bool> over = framed_over_shoulder(people, params);
  ShotScale tightest = ShotScale::none;
  bool measured = false;
  for (size_t i = 0; i < people.size(); ++i) {
    if (over[i]) continue;  // the shot is classed by whom it looks at
    const ShotScale scale = classify_person(people[i], params, aspect);
    if (tighter(scale, tightest)) tightest = scale, measured = cut_measured(people[i], params);
  }
  return measured || !face_seen ? tightest : ShotScale::none;
}

ShotScale combine_scales(ShotScale by_face, ShotScale by_body) {
  if (by_face == ShotScale::ecu || by_body == ShotScale::none) return by_face;
  // Two classes or more wider than the face's: the pose model missed the face's owner, who is
  // nearer than anyone it found.
  if (by_face != ShotScale::none && static_cast<int>(by_body) - static_cast<int>(by_face) >= 2) return by_face;
  return by_body;
}

}  // namespace herlens::metrics
