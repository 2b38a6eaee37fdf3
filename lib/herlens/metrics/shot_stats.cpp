#include "herlens/metrics/shot_stats.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "herlens/error.hpp"

namespace herlens::metrics {

ShotStats shot_stats(std::span<const Shot> shots) {
  ShotStats stats;
  std::vector<double> durations;
  for (const Shot& shot : shots)
    if (!shot.blank) durations.push_back(shot.duration());
  if (durations.empty()) return stats;
  const double n = static_cast<double>(durations.size());
  stats.shot_count = static_cast<int64_t>(durations.size());
  stats.total_seconds = shots.back().end_time - shots.front().start_time;
  stats.asl_seconds = std::accumulate(durations.begin(), durations.end(), 0.0) / n;
  double squares = 0;
  for (const double d : durations) squares += (d - stats.asl_seconds) * (d - stats.asl_seconds);
  stats.stdev_seconds = durations.size() > 1 ? std::sqrt(squares / (n - 1)) : 0.0;
  std::sort(durations.begin(), durations.end());
  const size_t half = durations.size() / 2;
  stats.msl_seconds = durations.size() % 2 ? durations[half] : 0.5 * (durations[half - 1] + durations[half]);
  stats.shortest_seconds = durations.front();
  stats.longest_seconds = durations.back();
  if (stats.total_seconds > 0) stats.cuts_per_minute = (n - 1) / (stats.total_seconds / 60.0);
  return stats;
}

std::vector<size_t> longest_takes(std::span<const Shot> shots, size_t count) {
  std::vector<size_t> order;
  for (size_t k = 0; k < shots.size(); ++k)
    if (!shots[k].blank) order.push_back(k);
  std::stable_sort(order.begin(), order.end(),
                   [&shots](size_t a, size_t b) { return shots[a].duration() > shots[b].duration(); });
  order.resize(std::min(count, order.size()));
  return order;
}

std::vector<CuttingRateWindow> cutting_rate(std::span<const Shot> shots, double window_seconds) {
  if (!(window_seconds > 0))
    throw Error(ErrorKind::usage, fmt::format("cutting rate window of {} seconds: must be positive", window_seconds));
  std::vector<CuttingRateWindow> windows;
  if (shots.empty()) return windows;
  const double end = shots.back().end_time;
  for (int64_t k = 0; k * window_seconds < end; ++k)
    windows.push_back({k * window_seconds, std::min((k + 1) * window_seconds, end), 0, 0});
  bool first = true;  // the opening shot is no change
  for (const Shot& shot : shots) {
    if (shot.blank) continue;
    const auto w = static_cast<size_t>(shot.start_time / window_seconds);
    if (!first && w < windows.size()) ++windows[w].shot_changes;
    first = false;
  }
  for (CuttingRateWindow& w : windows)
    if (w.end_time > w.start_time) w.cuts_per_minute = w.shot_changes / ((w.end_time - w.start_time) / 60.0);
  return windows;
}

int64_t long_take_count(std::span<const Shot> shots) {
  return std::count_if(shots.begin(), shots.end(), long_take);
}

const params::Table<ShotsParams>& ShotsParams::table() {
  static const params::Table<ShotsParams> table{
      "shot statistics",
      {{"window_minutes", "--window-minutes", "Length of the cutting-rate windows in minutes",
        &ShotsParams::window_minutes, 0.01, 600},
       {"longest_takes", "", "How many longest takes the summary lists", &ShotsParams::longest_takes, 0, 100}}};
  return table;
}

ShotsSection summarise_shots(ShotDetection detection, ShotScores frames, const CandidatePictures& pictures,
                             const ShotsParams& params) {
  params.validate();
  ShotsSection section;
  for (const Transition& t : detection.transitions)
    for (const int64_t frame : strip_frames(t))
      if (auto kept = pictures.get(frame)) section.boundary_pictures.emplace(frame, std::move(*kept));
  const std::vector<Shot>& shots = detection.shots;
  section.stats = shot_stats(shots);
  section.long_take_count = long_take_count(shots);
  section.longest_takes = longest_takes(shots, size_t(params.longest_takes));
  for (const Transition& t : detection.transitions) ++section.transition_counts[size_t(t.kind)];
  section.window_minutes = params.window_minutes;
  section.cutting_rate = cutting_rate(shots, params.window_minutes * 60);
  section.detection = std::move(detection);
  section.frames = std::move(frames);
  return section;
}

}  // namespace herlens::metrics
