#include "herlens/metrics/shot_stats.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "herlens/error.hpp"

namespace herlens::metrics {

ShotStats shot_stats(std::span<const Shot> shots) {
  ShotStats stats;
  if (shots.empty()) return stats;
  std::vector<double> durations;
  durations.reserve(shots.size());
  for (const Shot& shot : shots) durations.push_back(shot.duration());
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
  std::vector<size_t> order(shots.size());
  std::iota(order.begin(), order.end(), size_t{0});
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
  for (size_t k = 1; k < shots.size(); ++k) {
    const auto w = static_cast<size_t>(shots[k].start_time / window_seconds);
    if (w < windows.size()) ++windows[w].shot_changes;
  }
  for (CuttingRateWindow& w : windows)
    if (w.end_time > w.start_time) w.cuts_per_minute = w.shot_changes / ((w.end_time - w.start_time) / 60.0);
  return windows;
}

int64_t long_take_count(std::span<const Shot> shots) {
  return std::count_if(shots.begin(), shots.end(), [](const Shot& shot) { return shot.duration() >= long_take_seconds; });
}

const params::Table<ShotsParams>& ShotsParams::table() {
  static const params::Table<ShotsParams> table{
      "shot statistics",
      {{"window_minutes", "--window-minutes", "Length of the cutting-rate windows in minutes",
        &ShotsParams::window_minutes, 0.01, 600},
       {"longest_takes", "", "How many longest takes the summary lists", &ShotsParams::longest_takes, 0, 100}}};
  return table;
}

ShotsSection summarise_shots(ShotDetection detection, std::deque<ShotFrameScores> frames, const ShotsParams& params) {
  params.validate();
  ShotsSection section;
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
