#pragma once
// What `herlens shots` reports, as reusable pieces: `herlens report` builds the same tables and
// summary from the same detection.
#include "herlens/analyzers/shot_detector.hpp"
#include "herlens/report/outputs.hpp"

namespace herlens::report {

struct ShotsReportOptions {
  double window_minutes = 5;  // cutting-rate window, minutes (> 0)
  size_t longest_takes = 5;   // how many longest takes the summary lists
};

// shot, start_frame, end_frame, start_time, end_time, duration, transition, transition_out.
// Shots are numbered from 1.
Table shots_table(const analyzers::ShotDetection& detection);
// transition, start_frame, end_frame, start_time, end_time, boundary_frame (empty for none).
Table transitions_table(const analyzers::ShotDetection& detection);
// window, start_time, end_time, shot_changes, cuts_per_minute.
Table cutting_rate_table(const analyzers::ShotDetection& detection, double window_minutes);
// shot_count, asl/msl/stdev/shortest/longest seconds, cuts_per_minute, longest_takes, transition
// counts. Throws Error(usage) for a window that is not positive.
json::Value shots_summary(const analyzers::ShotDetection& detection, const ShotsReportOptions& options);
// Main table `shots`, tables `transitions` and `cutting_rate`, and the summary.
Outputs shots_outputs(const analyzers::ShotDetection& detection, const ShotsReportOptions& options);

// Per-frame detector scores (`herlens shots --stats`), for plotting and tuning thresholds.
Table shot_scores_table(const std::deque<analyzers::ShotFrameScores>& scores,
                        const analyzers::ShotDetection& detection);

}  // namespace herlens::report
