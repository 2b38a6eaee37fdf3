#pragma once
// Shot-length statistics as film scholars use them (Salt's ASL, Cinemetrics' MSL): pure functions
// over a shot list, shared by `herlens shots` and `herlens report`.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "herlens/metrics/shot.hpp"

namespace herlens::metrics {

struct ShotStats {
  int64_t shot_count = 0;
  double total_seconds = 0;     // from the first shot's start to the last shot's end
  double asl_seconds = 0;       // average shot length (mean duration)
  double msl_seconds = 0;       // median shot length
  double stdev_seconds = 0;     // sample standard deviation of the durations (0 for one shot)
  double shortest_seconds = 0;
  double longest_seconds = 0;
  double cuts_per_minute = 0;   // shot changes (any transition into a new shot) per minute of running time
};

// All zero for an empty list.
ShotStats shot_stats(std::span<const Shot> shots);

// Positions in `shots` of the `count` longest shots, longest first (earlier first among equals).
std::vector<size_t> longest_takes(std::span<const Shot> shots, size_t count);

struct CuttingRateWindow {
  double start_time = 0;  // seconds
  double end_time = 0;    // seconds; the last window ends with the last shot
  int64_t shot_changes = 0;  // shots that begin inside the window, the opening shot excluded
  double cuts_per_minute = 0;
};

// Shot changes per consecutive window of `window_seconds` (> 0), from time 0 to the last shot's
// end; the last window may be shorter. Throws Error(usage) for a window that is not positive.
std::vector<CuttingRateWindow> cutting_rate(std::span<const Shot> shots, double window_seconds);

}  // namespace herlens::metrics
