#pragma once
// What the shots section is written as (docs/shots.md): tables shots (main), transitions and
// cutting_rate, the per-frame shot_scores table (`herlens shots --stats`), and its JSON.
#include <vector>

#include <nlohmann/json.hpp>

#include "herlens/metrics/shot_stats.hpp"
#include "herlens/report/table.hpp"

namespace herlens::report {

struct Picture;

// shot, start_frame, end_frame, start_time, end_time, duration, transition, transition_out,
// content (picture, or blank for a black stretch), confidence (of the boundary starting it; empty
// for the first). Shots are numbered from 1.
Table shots_table(const metrics::ShotsSection& section);
// transition, start_frame, end_frame, start_time, end_time, boundary_frame (empty for none), confidence.
Table transitions_table(const metrics::ShotsSection& section);
// window, start_time, end_time, shot_changes, cuts_per_minute.
Table cutting_rate_table(const metrics::ShotsSection& section);
// shots, transitions, cutting_rate.
std::vector<Table> shots_tables(const metrics::ShotsSection& section);
// Pictures boundaries-1, boundaries-2...: one strip per transition (the last frame before it, the
// middle of a gradual one, the first after it) captioned with its number, kind, time, frame and
// confidence, boundaries_per_page to a picture, so a reader can check each boundary by eye. Page n
// holds transitions from (n - 1) * boundaries_per_page; a page none of whose transitions kept a
// picture is left out. Drawn from `section` when written.
inline constexpr size_t boundaries_per_page = 30;
std::vector<Picture> boundary_strips(const metrics::ShotsSection& section);
std::vector<Picture> boundary_strips(metrics::ShotsSection&&) = delete;
// Per-frame detector scores and decisions, for plotting and tuning thresholds.
Table shot_scores_table(const metrics::ShotsSection& section);

// shot_count, duration and shot-length statistics, long_take_count, cuts_per_minute, longest_takes
// (with timecodes), transition counts, window_minutes, cutting_rate.
nlohmann::ordered_json shots_json(const metrics::ShotsSection& section);

}  // namespace herlens::report
