#pragma once
// Shot scale (docs/metrics.md, "Framing"; docs/framing.md): how tightly a shot frames its people, by
// body framing (body_scale.hpp) and the face sizes seen on its sampled pictures. Pure functions over
// time-stamped samples, joined with the shots after the pass.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "herlens/metrics/shot.hpp"
#include "herlens/params/parameter.hpp"

namespace herlens::metrics {

// Tightest first; `none` = no person nor face found in the shot.
enum class ShotScale { ecu, cu, mcu, ms, mls, ls, els, none };
inline constexpr std::array<ShotScale, 8> all_shot_scales{ShotScale::ecu, ShotScale::cu,  ShotScale::mcu,
                                                          ShotScale::ms,  ShotScale::mls, ShotScale::ls,
                                                          ShotScale::els, ShotScale::none};
std::string_view name(ShotScale scale);  // "ECU", "CU", "MCU", "MS", "MLS", "LS", "ELS", "none"

// Lower bounds of each class's face size (face box height / active picture height), as shipped
// after calibration (docs/framing.md). Strictly decreasing from ecu to ls; ELS is everything
// below `ls`.
struct ScaleThresholds {
  double ecu = 0.65;
  double cu = 0.40;
  double mcu = 0.25;
  double ms = 0.15;
  double mls = 0.09;
  double ls = 0.045;
  static const params::Table<ScaleThresholds>& table();
  void validate() const;  // throws Error(usage) naming the bad value
};

// The class of a face size (> 0); `none` when there is no face.
ShotScale classify_face_size(std::optional<double> face_size, const ScaleThresholds& thresholds);

// What one sampled picture showed.
struct FramingSample {
  double time = 0;          // seconds
  int faces = 0;            // faces found, >= 0
  // The largest face the picture's class reads (body_scale.hpp, largest_face_read: one held by a
  // figure framed over the shoulder is passed over), box height / active picture height; 0 without.
  double largest_face = 0;
  int people = 0;           // people seen: those the pose model framed, or the faces if more; >= 0
  bool body_searched = false;  // whether the pose model looked at this picture (FaceObservation)
  // The class of the tightest-framed person by body framing (body_scale.hpp, classify_people): none
  // without one, or where it rests on one body level alone beside a face.
  ShotScale body_scale = ShotScale::none;
};

// How people's body parts are read (body_scale.hpp).
struct BodyScaleParams {
  // A body part is seen when the pose model scores it at least this and it lies inside the picture.
  double min_part_score = 0.3;
  // A whole figure (an ankle seen) shorter than this share of the picture height is an ELS, else LS.
  // Its height is measured from its highest seen part (eyes, ears or nose) to its lowest ankle.
  double els_height = 0.1;
  // A person turned from the camera (not both eyes seen) whose head lies within this share of the
  // picture's width from its left or right edge is framed over the shoulder: someone facing the
  // camera, when found, decides the class (classify_people).
  double over_shoulder_side = 0.25;
  // A person seen by one body level alone whose figure box (models::Person::figure) ends more than
  // this share of the picture's height above its bottom is seen whole: LS, or ELS by the box's height.
  double whole_figure_margin = 0.02;
  static const params::Table<BodyScaleParams>& table();
  void validate() const;  // throws Error(usage) naming the bad value
};

struct ShotScaleParams {
  ScaleThresholds thresholds;
  BodyScaleParams body;
  // A shot shows a face (a person) when at least this share of its samples found one (and at least
  // one did), so a single false face, or a face glimpsed in one sample, does not make a face shot.
  double min_face_share = 1.0 / 3.0;
  static const params::Table<ShotScaleParams>& table();
  void validate() const;  // throws Error(usage) naming the bad value
};

struct ShotFraming {
  int samples = 0;             // sampled pictures in the shot
  int samples_with_faces = 0;  // of which found at least one face
  int max_faces = 0;           // most faces on one sampled picture
  // Median of the largest face size over the samples with a face; empty when the shot shows none
  // (too few samples with a face, or no sample at all).
  std::optional<double> face_size;
  // The shot's class: by body framing, refined at the close end by the face size (combine_scales in
  // body_scale.hpp); `none` when the shot shows neither a person nor a face.
  ShotScale scale = ShotScale::none;
  int people = 0;  // most people on one sampled picture
};

// One entry per shot. A shot's body class is the median class (tightest first; the tighter of the
// middle two) of its samples showing a person, when at least `min_face_share` of the samples the
// pose model looked at do.
// `samples` sorted by time; a sample belongs to the shot whose
// [start_time, end_time) holds it. Shots without a sample (only shots shorter than the sampling
// gap after a cut the sampler missed) are classed `none`.
std::vector<ShotFraming> frame_shots(std::span<const FramingSample> samples, const std::vector<Shot>& shots,
                                     const ShotScaleParams& params);

// Shot counts and screen time per class, and the ratios the summary and claims use. Every ratio is
// over all shots (or all shots' screen time); 0 when there are no shots.
struct FramingSummary {
  int64_t shot_count = 0;
  double total_seconds = 0;
  std::array<int64_t, all_shot_scales.size()> shots_by_scale{};    // indexed by ShotScale
  std::array<double, all_shot_scales.size()> seconds_by_scale{};  // indexed by ShotScale
  double closeup_ratio = 0, closeup_time_ratio = 0;                // CU or ECU
  double mcu_or_tighter_ratio = 0, mcu_or_tighter_time_ratio = 0;  // MCU, CU or ECU
  double face_shot_ratio = 0, face_shot_time_ratio = 0;            // any class but none
  double wide_shot_ratio = 0, wide_shot_time_ratio = 0;            // LS or ELS
};
// `framing[i]` belongs to `shots[i]`; throws Error(internal) when the sizes differ.
FramingSummary summarise_framing(const std::vector<Shot>& shots, std::span<const ShotFraming> framing);

}  // namespace herlens::metrics
