#include "herlens/report/shots_report.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "herlens/metrics/shot_stats.hpp"

namespace herlens::report {

namespace {

using analyzers::ShotDetection;
using json::Array;
using json::Object;

Cell optional_frame(int64_t frame) { return frame >= 0 ? Cell(frame) : Cell(); }

// A long take, for claims such as "several long takes": a shot of 20 seconds or more.
constexpr double long_take_seconds = 20;

int64_t long_take_count(const std::vector<metrics::Shot>& shots) {
  return std::count_if(shots.begin(), shots.end(),
                       [](const metrics::Shot& shot) { return shot.duration() >= long_take_seconds; });
}

}  // namespace

Table shots_table(const ShotDetection& detection) {
  Table table{"shots",
              {{"shot"}, {"start_frame"}, {"end_frame"}, {"start_time"}, {"end_time"}, {"duration"},
               {"transition"}, {"transition_out"}},
              {}};
  int64_t number = 1;
  for (const metrics::Shot& shot : detection.shots)
    table.add_row({number++, shot.start_frame, shot.end_frame, shot.start_time, shot.end_time, shot.duration(),
                   std::string(metrics::name(shot.begins)), std::string(metrics::name(shot.ends))});
  return table;
}

Table transitions_table(const ShotDetection& detection) {
  Table table{"transitions",
              {{"transition"}, {"start_frame"}, {"end_frame"}, {"start_time"}, {"end_time"}, {"boundary_frame"}},
              {}};
  for (const analyzers::Transition& t : detection.transitions)
    table.add_row({std::string(analyzers::name(t.kind)), t.start_frame, t.end_frame, t.start_time, t.end_time,
                   optional_frame(t.boundary_frame)});
  return table;
}

Table cutting_rate_table(const ShotDetection& detection, double window_minutes) {
  Table table{"cutting_rate",
              {{"window"}, {"start_time"}, {"end_time"}, {"shot_changes"}, {"cuts_per_minute"}},
              {}};
  int64_t number = 1;
  for (const auto& w : metrics::cutting_rate(detection.shots, window_minutes * 60))
    table.add_row({number++, w.start_time, w.end_time, w.shot_changes, w.cuts_per_minute});
  return table;
}

json::Value shots_summary(const ShotDetection& detection, const ShotsReportOptions& options) {
  const metrics::ShotStats stats = metrics::shot_stats(detection.shots);
  Array takes;
  for (const size_t k : metrics::longest_takes(detection.shots, options.longest_takes)) {
    const metrics::Shot& shot = detection.shots[k];
    takes.push_back(Object{{"shot", static_cast<int64_t>(k + 1)},
                           {"start", timecode(shot.start_time)},
                           {"end", timecode(shot.end_time)},
                           {"start_time", shot.start_time},
                           {"end_time", shot.end_time},
                           {"duration_seconds", shot.duration()}});
  }
  Object transitions{{"cut", 0}, {"dissolve", 0}, {"fade_in", 0}, {"fade_out", 0}};
  for (const analyzers::Transition& t : detection.transitions)
    for (auto& [kind, count] : transitions)
      if (kind == analyzers::name(t.kind)) count = count.as_integer() + 1;
  Array windows;
  for (const auto& w : metrics::cutting_rate(detection.shots, options.window_minutes * 60))
    windows.push_back(Object{{"start_time", w.start_time},
                             {"end_time", w.end_time},
                             {"shot_changes", w.shot_changes},
                             {"cuts_per_minute", w.cuts_per_minute}});
  return Object{{"shot_count", stats.shot_count},
                {"duration_seconds", stats.total_seconds},
                {"asl_seconds", stats.asl_seconds},
                {"msl_seconds", stats.msl_seconds},
                {"stdev_seconds", stats.stdev_seconds},
                {"shortest_shot_seconds", stats.shortest_seconds},
                {"longest_shot_seconds", stats.longest_seconds},
                {"long_take_count", long_take_count(detection.shots)},
                {"cuts_per_minute", stats.cuts_per_minute},
                {"longest_takes", takes},
                {"transitions", transitions},
                {"window_minutes", options.window_minutes},
                {"cutting_rate", windows}};
}

Outputs shots_outputs(const ShotDetection& detection, const ShotsReportOptions& options) {
  Outputs outputs;
  outputs.main = shots_table(detection);
  outputs.tables.push_back(transitions_table(detection));
  outputs.tables.push_back(cutting_rate_table(detection, options.window_minutes));
  outputs.summary = shots_summary(detection, options);
  return outputs;
}

Table shot_scores_table(const std::deque<analyzers::ShotFrameScores>& scores, const ShotDetection& detection) {
  Table table{"shot_scores",
              {{"frame"}, {"time"}, {"content", 4}, {"histogram", 4}, {"cut_score", 4}, {"cut_ratio", 2},
               {"flash"}, {"luma", 4}, {"luma_sd", 4}, {"blend_span"}, {"blend_change", 4},
               {"blend_misfit", 4}, {"blend_kind"}, {"boundary"}},
              {}};
  std::vector<std::string> boundary(scores.size());
  for (const analyzers::Transition& t : detection.transitions)
    if (t.boundary_frame >= 0) boundary[t.boundary_frame] = analyzers::name(t.kind);
  constexpr std::string_view blend_names[] = {"", "dissolve", "fade_in", "fade_out"};
  for (size_t i = 0; i < scores.size(); ++i) {
    const analyzers::ShotFrameScores& s = scores[i];
    const analyzers::FrameDecision& d = detection.decisions[i];
    // The window ending here that looks most like a blend, if any could be one.
    int best = -1;
    for (size_t w = 0; w < s.blend.size(); ++w)
      if (s.blend[w].kind != analyzers::BlendKind::none && (best < 0 || s.blend[w].misfit < s.blend[best].misfit))
        best = static_cast<int>(w);
    std::vector<Cell> row{s.index, s.time, double(s.content), double(s.histogram), double(d.cut_score),
                          double(d.cut_ratio), d.flash, double(s.luma), double(s.luma_sd)};
    if (best < 0) {
      row.insert(row.end(), 4, Cell());
    } else {
      const analyzers::BlendWindow& w = s.blend[best];
      row.insert(row.end(), {int64_t{analyzers::blend_spans[best]}, double(w.change), double(w.misfit),
                             std::string(blend_names[static_cast<int>(w.kind)])});
    }
    row.push_back(boundary[i]);
    table.add_row(std::move(row));
  }
  return table;
}

}  // namespace herlens::report
