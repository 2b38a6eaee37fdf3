#include "herlens/metrics/shot_scale.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "herlens/error.hpp"
#include "herlens/metrics/body_scale.hpp"

namespace herlens::metrics {

std::string_view name(ShotScale scale) {
  switch (scale) {
    case ShotScale::ecu: return "ECU";
    case ShotScale::cu: return "CU";
    case ShotScale::mcu: return "MCU";
    case ShotScale::ms: return "MS";
    case ShotScale::mls: return "MLS";
    case ShotScale::ls: return "LS";
    case ShotScale::els: return "ELS";
    case ShotScale::none: return "none";
  }
  return "none";
}

const params::Table<ScaleThresholds>& ScaleThresholds::table() {
  using T = ScaleThresholds;
  static const params::Table<T> table{"scale thresholds",
                                      {{"ecu", "", "Smallest face size of an ECU", &T::ecu, 0.001, 1},
                                       {"cu", "", "Smallest face size of a CU", &T::cu, 0.001, 1},
                                       {"mcu", "", "Smallest face size of an MCU", &T::mcu, 0.001, 1},
                                       {"ms", "", "Smallest face size of an MS", &T::ms, 0.001, 1},
                                       {"mls", "", "Smallest face size of an MLS", &T::mls, 0.001, 1},
                                       {"ls", "", "Smallest face size of an LS", &T::ls, 0.001, 1}}};
  return table;
}

void ScaleThresholds::validate() const {
  params::check(*this, table());
  const auto& bounds = table().parameters;
  for (size_t i = 1; i < bounds.size(); ++i)
    if (bounds[i].value(*this) >= bounds[i - 1].value(*this))
      throw Error(ErrorKind::usage, fmt::format("scale threshold {} = {} must be below {} = {}", bounds[i].name,
                                                bounds[i].value(*this), bounds[i - 1].name, bounds[i - 1].value(*this)));
}

ShotScale classify_face_size(std::optional<double> face_size, const ScaleThresholds& t) {
  if (!face_size || *face_size <= 0) return ShotScale::none;
  const double size = *face_size;
  if (size >= t.ecu) return ShotScale::ecu;
  if (size >= t.cu) return ShotScale::cu;
  if (size >= t.mcu) return ShotScale::mcu;
  if (size >= t.ms) return ShotScale::ms;
  if (size >= t.mls) return ShotScale::mls;
  if (size >= t.ls) return ShotScale::ls;
  return ShotScale::els;
}

const params::Table<BodyScaleParams>& BodyScaleParams::table() {
  using B = BodyScaleParams;
  static const params::Table<B> table{
      "body scale",
      {{"min_part_score", "", "Pose model score from which a body part counts as seen", &B::min_part_score, 0.01, 0.99},
       {"els_height", "", "Height of a whole figure, as a share of the picture, below which it is an ELS",
        &B::els_height, 0.01, 1},
       {"over_shoulder_side", "",
        "Share of the picture's width from a side edge within which a person turned from the camera is "
        "framed over the shoulder",
        &B::over_shoulder_side, 0, 0.5},
       {"whole_figure_margin", "",
        "Share of the picture's height above its bottom at which the box of a figure seen by one body level "
        "ends, for the figure to count as whole",
        &B::whole_figure_margin, 0, 0.5}}};
  return table;
}

void BodyScaleParams::validate() const { params::check(*this, table()); }

const params::Table<ShotScaleParams>& ShotScaleParams::table() {
  static const params::Table<ShotScaleParams> table{
      "shot scale",
      {{"min_face_share", "--min-face-share",
        "Share of a shot's samples that must show a face for the shot to count as showing one",
        &ShotScaleParams::min_face_share, 0.01, 1}}};
  return table;
}

void ShotScaleParams::validate() const {
  params::check(*this, table());
  thresholds.validate();
  body.validate();
}

namespace {

double median(std::vector<double> values) {
  const size_t middle = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + middle, values.end());
  if (values.size() % 2 == 1) return values[middle];
  const double upper = values[middle];
  return (*std::max_element(values.begin(), values.begin() + middle) + upper) / 2;
}

double ratio(double part, double whole) { return whole > 0 ? part / whole : 0; }

}  // namespace

std::vector<ShotFraming> frame_shots(std::span<const FramingSample> samples, const std::vector<Shot>& shots,
                                     const ShotScaleParams& params) {
  params.validate();
  std::vector<ShotFraming> framing(shots.size());
  std::vector<std::vector<double>> sizes(shots.size());
  std::vector<std::vector<ShotScale>> bodies(shots.size());
  std::vector<size_t> body_searched(shots.size(), 0);
  for (const FramingSample& sample : samples) {
    const int64_t k = shot_at(shots, sample.time);
    if (k < 0) continue;
    ShotFraming& shot = framing[k];
    ++shot.samples;
    shot.max_faces = std::max(shot.max_faces, sample.faces);
    shot.people = std::max(shot.people, sample.people);
    if (sample.body_searched) ++body_searched[k];
    if (sample.body_scale != ShotScale::none) bodies[k].push_back(sample.body_scale);
    if (sample.faces > 0) {
      ++shot.samples_with_faces;
      sizes[k].push_back(sample.largest_face);
    }
  }
  for (size_t k = 0; k < shots.size(); ++k) {
    ShotFraming& shot = framing[k];
    const auto shown = [&](size_t count, size_t of) {
      return count > 0 && double(count) >= params.min_face_share * double(of) - 1e-9;
    };
    if (shown(size_t(shot.samples_with_faces), size_t(shot.samples))) shot.face_size = median(std::move(sizes[k]));
    ShotScale body = ShotScale::none;
    if (shown(bodies[k].size(), body_searched[k])) {
      std::sort(bodies[k].begin(), bodies[k].end());
      body = bodies[k][(bodies[k].size() - 1) / 2];
    }
    shot.scale = combine_scales(classify_face_size(shot.face_size, params.thresholds), body);
  }
  return framing;
}

FramingSummary summarise_framing(const std::vector<Shot>& shots, std::span<const ShotFraming> framing) {
  if (framing.size() != shots.size())
    throw Error(ErrorKind::internal, "framing: one entry per shot expected");
  FramingSummary summary;
  for (size_t k = 0; k < shots.size(); ++k) {
    if (shots[k].blank) continue;  // black between shots: no shot to frame
    ++summary.shot_count;
    const auto scale = static_cast<size_t>(framing[k].scale);
    ++summary.shots_by_scale[scale];
    summary.seconds_by_scale[scale] += shots[k].duration();
    summary.total_seconds += shots[k].duration();
  }
  // Shots and seconds of the classes from `tightest` to `loosest`, as ratios of all shots and all time.
  const auto share = [&](ShotScale tightest, ShotScale loosest, double& by_shots, double& by_time) {
    int64_t count = 0;
    double seconds = 0;
    for (auto c = static_cast<size_t>(tightest); c <= static_cast<size_t>(loosest); ++c) {
      count += summary.shots_by_scale[c];
      seconds += summary.seconds_by_scale[c];
    }
    by_shots = ratio(static_cast<double>(count), static_cast<double>(summary.shot_count));
    by_time = ratio(seconds, summary.total_seconds);
  };
  share(ShotScale::ecu, ShotScale::cu, summary.closeup_ratio, summary.closeup_time_ratio);
  share(ShotScale::ecu, ShotScale::mcu, summary.mcu_or_tighter_ratio, summary.mcu_or_tighter_time_ratio);
  share(ShotScale::ecu, ShotScale::els, summary.face_shot_ratio, summary.face_shot_time_ratio);
  share(ShotScale::ls, ShotScale::els, summary.wide_shot_ratio, summary.wide_shot_time_ratio);
  return summary;
}

}  // namespace herlens::metrics
