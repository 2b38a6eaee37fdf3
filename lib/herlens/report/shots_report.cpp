#include "herlens/report/shots_report.hpp"

#include <map>

#include <fmt/format.h>

#include "herlens/media/image_codec.hpp"
#include "herlens/report/outputs.hpp"
#include "herlens/report/pictures.hpp"
#include "herlens/report/timecode.hpp"

namespace herlens::report {

namespace {

using metrics::ShotsSection;
using nlohmann::ordered_json;

Cell optional_frame(int64_t frame) { return frame >= 0 ? Cell(frame) : Cell(); }

}  // namespace

Table shots_table(const ShotsSection& section) {
  Table table{"shots",
              {{"shot"}, {"start_frame"}, {"end_frame"}, {"start_time"}, {"end_time"}, {"duration"},
               {"transition"}, {"transition_out"}, {"content"}, {"confidence", 3}},
              {}};
  std::map<int64_t, float> confidence;  // boundary frame -> confidence of the transition there
  for (const metrics::Transition& t : section.detection.transitions)
    if (t.boundary_frame >= 0) confidence[t.boundary_frame] = t.confidence;
  int64_t number = 1;
  for (const metrics::Shot& shot : section.detection.shots) {
    const auto found = confidence.find(shot.start_frame);
    table.add_row({number++, shot.start_frame, shot.end_frame, shot.start_time, shot.end_time, shot.duration(),
                   std::string(metrics::name(shot.begins)), std::string(metrics::name(shot.ends)),
                   std::string(shot.blank ? "blank" : "picture"),
                   found != confidence.end() ? Cell(double(found->second)) : Cell()});
  }
  return table;
}

Table transitions_table(const ShotsSection& section) {
  Table table{"transitions",
              {{"transition"}, {"start_frame"}, {"end_frame"}, {"start_time"}, {"end_time"}, {"boundary_frame"},
               {"confidence", 3}},
              {}};
  for (const metrics::Transition& t : section.detection.transitions)
    table.add_row({std::string(metrics::name(t.kind)), t.start_frame, t.end_frame, t.start_time, t.end_time,
                   optional_frame(t.boundary_frame), double(t.confidence)});
  return table;
}

Table cutting_rate_table(const ShotsSection& section) {
  Table table{"cutting_rate",
              {{"window"}, {"start_time"}, {"end_time"}, {"shot_changes"}, {"cuts_per_minute"}},
              {}};
  int64_t number = 1;
  for (const metrics::CuttingRateWindow& w : section.cutting_rate)
    table.add_row({number++, w.start_time, w.end_time, w.shot_changes, w.cuts_per_minute});
  return table;
}

namespace {

// One page of boundary strips, transitions [first, last), `columns` strips to a row.
cv::Mat boundary_page(const ShotsSection& section, size_t first, size_t last) {
  constexpr int columns = 2;
  std::vector<cv::Mat> strips;
  for (size_t k = first; k < last; ++k) {
    const metrics::Transition& t = section.detection.transitions[k];
    // Three framed slots whatever the kind, so every caption has the same room; a black frame
    // shows as its grey frame.
    std::vector<cv::Mat> slots;
    for (const int64_t frame : metrics::strip_frames(t))
      if (const auto kept = section.boundary_pictures.find(frame); kept != section.boundary_pictures.end()) {
        cv::Mat framed;
        cv::copyMakeBorder(media::decode_jpeg(kept->second), framed, 1, 1, 1, 1, cv::BORDER_CONSTANT,
                           cv::Scalar::all(96));
        slots.push_back(framed);
      }
    if (slots.empty()) continue;
    while (slots.size() < 3) slots.push_back(cv::Mat(slots.front().size(), CV_8UC3, cv::Scalar::all(0)));
    cv::Mat strip;
    cv::hconcat(slots, strip);
    strips.push_back(captioned(strip, fmt::format("{} {} {} frame {} confidence {:.2f}", k + 1, metrics::name(t.kind),
                                                  timecode(t.start_time), t.start_frame, t.confidence)));
  }
  return strips.empty() ? cv::Mat() : grid(strips, columns);
}

// Whether any of transitions [first, last) kept a picture for its strip.
bool any_strip(const ShotsSection& section, size_t first, size_t last) {
  for (size_t k = first; k < last; ++k)
    for (const int64_t frame : metrics::strip_frames(section.detection.transitions[k]))
      if (section.boundary_pictures.contains(frame)) return true;
  return false;
}

}  // namespace

std::vector<Picture> boundary_strips(const ShotsSection& section) {
  std::vector<Picture> pages;
  const size_t count = section.detection.transitions.size();
  for (size_t first = 0; first < count; first += boundaries_per_page) {
    const size_t last = std::min(count, first + boundaries_per_page);
    if (any_strip(section, first, last))
      pages.push_back({fmt::format("boundaries-{}", first / boundaries_per_page + 1),
                       [&section, first, last] { return boundary_page(section, first, last); }});
  }
  return pages;
}

std::vector<Table> shots_tables(const ShotsSection& section) {
  return {shots_table(section), transitions_table(section), cutting_rate_table(section)};
}

ordered_json shots_json(const ShotsSection& section) {
  const metrics::ShotStats& stats = section.stats;
  ordered_json takes = ordered_json::array();
  for (const size_t k : section.longest_takes) {
    const metrics::Shot& shot = section.detection.shots[k];
    takes.push_back({{"shot", k + 1},
                     {"start", timecode(shot.start_time)},
                     {"end", timecode(shot.end_time)},
                     {"start_time", shot.start_time},
                     {"end_time", shot.end_time},
                     {"duration_seconds", shot.duration()}});
  }
  ordered_json transitions = ordered_json::object();
  for (const metrics::TransitionKind kind : metrics::all_transition_kinds)
    transitions[std::string(metrics::name(kind))] = section.transition_counts[size_t(kind)];
  ordered_json windows = ordered_json::array();
  for (const metrics::CuttingRateWindow& w : section.cutting_rate)
    windows.push_back({{"start_time", w.start_time},
                       {"end_time", w.end_time},
                       {"shot_changes", w.shot_changes},
                       {"cuts_per_minute", w.cuts_per_minute}});
  return {{"shot_count", stats.shot_count},
          {"duration_seconds", stats.total_seconds},
          {"asl_seconds", stats.asl_seconds},
          {"msl_seconds", stats.msl_seconds},
          {"shot_length_stdev_seconds", stats.stdev_seconds},
          {"shortest_shot_seconds", stats.shortest_seconds},
          {"longest_shot_seconds", stats.longest_seconds},
          {"long_take_count", section.long_take_count},
          {"cuts_per_minute", stats.cuts_per_minute},
          {"longest_takes", takes},
          {"transitions", transitions},
          {"window_minutes", section.window_minutes},
          {"cutting_rate", windows}};
}

Table shot_scores_table(const ShotsSection& section) {
  Table table{"shot_scores",
              {{"frame"}, {"time"}, {"content", 4}, {"histogram", 4}, {"cut_score", 4}, {"cut_ratio", 2},
               {"flash"}, {"luma", 4}, {"luma_sd", 4}, {"blend_span"}, {"blend_change", 4},
               {"blend_misfit", 4}, {"blend_coverage", 3}, {"blend_kind"}, {"boundary"}},
              {}};
  const auto& scores = section.frames;
  const metrics::ShotDetection& detection = section.detection;
  std::vector<std::string> boundary(scores.size());
  for (const metrics::Transition& t : detection.transitions)
    if (t.boundary_frame >= 0) boundary[t.boundary_frame] = metrics::name(t.kind);
  constexpr std::string_view blend_names[] = {"", "dissolve", "fade_in", "fade_out"};
  for (size_t i = 0; i < scores.size(); ++i) {
    const metrics::ShotFrameScores& s = scores[i];
    const metrics::FrameDecision& d = detection.decisions[i];
    // The window ending here that looks most like a blend, if any could be one.
    int best = -1;
    for (size_t w = 0; w < s.blend.size(); ++w)
      if (s.blend[w].kind != metrics::BlendKind::none && (best < 0 || s.blend[w].misfit < s.blend[best].misfit))
        best = static_cast<int>(w);
    std::vector<Cell> row{s.index, s.time, double(s.content), double(s.histogram), double(d.cut_score),
                          double(d.cut_ratio), d.flash, double(s.luma), double(s.luma_sd)};
    if (best < 0) {
      row.insert(row.end(), 5, Cell());
    } else {
      const metrics::BlendWindow& w = s.blend[best];
      row.insert(row.end(), {int64_t{metrics::blend_spans[best]}, double(w.change), double(w.misfit), double(w.coverage),
                             std::string(blend_names[static_cast<int>(w.kind)])});
    }
    row.push_back(boundary[i]);
    table.add_row(std::move(row));
  }
  return table;
}

}  // namespace herlens::report
