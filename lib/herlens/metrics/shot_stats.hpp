#pragma once
// Shot-length statistics as film scholars use them (Salt's ASL, Cinemetrics' MSL): pure functions
// over a shot list, and the film summary's shots section built from them. Blank stretches (black
// between shots) are no shots: every statistic leaves them out, but they count in running time.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "herlens/metrics/shot.hpp"
#include "herlens/metrics/shot_boundaries.hpp"
#include "herlens/params/parameter.hpp"

namespace herlens::metrics {

struct ShotStats {
  int64_t shot_count = 0;
  double total_seconds = 0;     // running time: from the first shot's (or stretch's) start to the last one's end
  double asl_seconds = 0;       // average shot length (mean duration)
  double msl_seconds = 0;       // median shot length
  double stdev_seconds = 0;     // sample standard deviation of the durations (0 for one shot)
  double shortest_seconds = 0;
  double longest_seconds = 0;
  double cuts_per_minute = 0;   // shot changes (any transition into a new shot, through black or not) per minute of running time
};

// All zero for a list without shots.
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

// A long take, for claims such as "several long takes": a shot of this many seconds or more.
inline constexpr double long_take_seconds = 20;
// A shot lasting that long; a blank stretch is no take.
inline bool long_take(const Shot& shot) { return !shot.blank && shot.duration() >= long_take_seconds; }
int64_t long_take_count(std::span<const Shot> shots);

struct ShotsParams {
  double window_minutes = 5;  // cutting-rate window, minutes
  int longest_takes = 5;      // how many longest takes the summary lists
  static const params::Table<ShotsParams>& table();
  void validate() const { params::check(*this, table()); }  // throws Error(usage) naming the bad value
};

// The shots section of a film's summary.
struct ShotsSection {
  ShotDetection detection;                     // shots, transitions, per-frame decisions
  ShotScores frames;                           // what the decision read, one per frame
  FramePictures boundary_pictures;             // the strip_frames() of every transition, as kept
  ShotStats stats;
  int64_t long_take_count = 0;
  std::vector<size_t> longest_takes;           // positions in detection.shots, longest first
  std::array<int64_t, all_transition_kinds.size()> transition_counts{};  // indexed by TransitionKind
  double window_minutes = 0;
  std::vector<CuttingRateWindow> cutting_rate;
};

// `pictures`: as the detector kept them; only the frames of the transitions' strips are read.
ShotsSection summarise_shots(ShotDetection detection, ShotScores frames, const CandidatePictures& pictures,
                             const ShotsParams& params);

}  // namespace herlens::metrics
