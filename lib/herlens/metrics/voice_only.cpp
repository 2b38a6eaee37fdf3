#include "herlens/metrics/voice_only.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "herlens/error.hpp"

namespace herlens::metrics {

namespace {

bool inside(double time, std::span<const TimeInterval> intervals) {
  const auto after = std::upper_bound(intervals.begin(), intervals.end(), time,
                                      [](double t, const TimeInterval& i) { return t < i.start; });
  return after != intervals.begin() && time < std::prev(after)->end;
}

// What a sample shows: no face, faces none of which speaks, or a face that speaks (or may: mouths
// not measured).
PictureState state_of(const FaceSample& sample) {
  if (sample.faces < 0 || (sample.speaking && (*sample.speaking < 0 || *sample.speaking > sample.faces)))
    throw Error(ErrorKind::usage, fmt::format("face count {} at {:.3f} s is negative or below its speakers",
                                              sample.faces, sample.time));
  if (sample.faces == 0) return PictureState::no_face;
  return sample.speaking && *sample.speaking == 0 ? PictureState::listener : PictureState::speaker;
}

// The sample holding at `time`: the last one at or before it, or the first.
const FaceSample& holding(std::span<const FaceSample> samples, double time) {
  const auto after = std::upper_bound(samples.begin(), samples.end(), time,
                                      [](double t, const FaceSample& s) { return t < s.time; });
  return after == samples.begin() ? *after : *std::prev(after);
}

double& seconds_of(StateSeconds& seconds, PictureState state) {
  switch (state) {
    case PictureState::black: return seconds.black;
    case PictureState::no_face: return seconds.no_face;
    case PictureState::listener: return seconds.listener;
    case PictureState::speaker: return seconds.speaker;
    case PictureState::picture: return seconds.picture;
    case PictureState::no_picture: break;
  }
  return seconds.no_picture;
}

// Calls visit(from, to, state) for the pieces of [start, end) in order, no_picture outside the
// extent.
template <typename Visit>
void for_each_piece(double start, double end, const PictureTimeline& timeline, Visit visit) {
  if (start < timeline.start) visit(start, std::min(end, timeline.start), PictureState::no_picture);
  auto span = std::upper_bound(timeline.spans.begin(), timeline.spans.end(), start,
                               [](double t, const PictureSpan& s) { return t < s.end; });
  for (; span != timeline.spans.end() && span->start < end; ++span) {
    const double from = std::max(start, span->start), to = std::min(end, span->end);
    if (to > from) visit(from, to, span->state);
  }
  if (end > timeline.end) visit(std::max(start, timeline.end), end, PictureState::no_picture);
}

}  // namespace

double covered_seconds(double start, double end, std::span<const TimeInterval> intervals) {
  auto interval = std::upper_bound(intervals.begin(), intervals.end(), start,
                                   [](double t, const TimeInterval& i) { return t < i.end; });
  double seconds = 0;
  for (; interval != intervals.end() && interval->start < end; ++interval)
    seconds += std::max(0.0, std::min(end, interval->end) - std::max(start, interval->start));
  return seconds;
}

std::string_view name(PictureState state) {
  switch (state) {
    case PictureState::black: return "over_black";
    case PictureState::no_face: return "no_face";
    case PictureState::listener: return "listener";
    case PictureState::speaker: return "speaker_visible";
    case PictureState::picture: return "picture";
    case PictureState::no_picture: return "no_picture";
  }
  return "picture";
}

PictureState PictureTimeline::at(double time) const {
  const auto span = std::upper_bound(spans.begin(), spans.end(), time,
                                     [](double t, const PictureSpan& s) { return t < s.end; });
  return span != spans.end() && span->start <= time ? span->state : PictureState::no_picture;
}

PictureTimeline picture_timeline(double start, double end, std::span<const TimeInterval> black,
                                 std::optional<std::span<const FaceSample>> faces,
                                 std::span<const TimeInterval> spoken) {
  if (!(end >= start))
    throw Error(ErrorKind::usage, fmt::format("picture ends at {} s, before its start {} s", end, start));
  PictureTimeline timeline{start, end, faces.has_value(), {}};
  if (faces)
    for (const FaceSample& sample : *faces) state_of(sample);  // refuses bad counts

  // The state only changes at black edges, spoken lines' edges and samples: classify each piece
  // between them by its midpoint.
  std::vector<double> edges{start, end};
  for (const TimeInterval& i : black) edges.insert(edges.end(), {i.start, i.end});
  if (faces) {
    for (const FaceSample& sample : *faces) edges.push_back(sample.time);
    for (const TimeInterval& i : spoken) edges.insert(edges.end(), {i.start, i.end});
  }
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  for (size_t k = 0; k + 1 < edges.size(); ++k) {
    const double from = std::max(start, edges[k]), to = std::min(end, edges[k + 1]);
    if (!(to > from)) continue;
    const double middle = (from + to) / 2;
    const PictureState state = inside(middle, black)   ? PictureState::black
                               : !faces                  ? PictureState::picture
                               : inside(middle, spoken)  ? PictureState::speaker
                               : faces->empty()          ? PictureState::no_face
                                                         : state_of(holding(*faces, middle));
    if (!timeline.spans.empty() && timeline.spans.back().state == state) timeline.spans.back().end = to;
    else timeline.spans.push_back({from, to, state});
  }
  return timeline;
}

std::vector<TimeInterval> lines_spoken_on_screen(std::span<const FaceSample> samples,
                                                 std::span<const SpeechSegment> segments, double picture_end) {
  std::vector<TimeInterval> spoken;
  for (size_t first = 0; first < samples.size();) {
    if (samples[first].faces <= 0) {
      ++first;
      continue;
    }
    size_t last = first + 1;  // one past the run
    while (last < samples.size() && samples[last].faces > 0 && !samples[last].new_picture) ++last;
    const double run_start = samples[first].time;
    const double run_end = last < samples.size() ? samples[last].time : picture_end;
    const std::span<const FaceSample> run = samples.subspan(first, last - first);
    // The segments the run holds over, from the first ending after its start.
    auto segment = std::upper_bound(segments.begin(), segments.end(), run_start,
                                    [](double t, const SpeechSegment& s) { return t < s.end; });
    for (; segment != segments.end() && segment->start < run_end; ++segment) {
      const bool seen_speaking = std::any_of(run.begin(), run.end(), [&](const FaceSample& s) {
        return s.speaking && *s.speaking > 0 && s.time < segment->end && std::max(s.time, s.burst_end) >= segment->start;
      });
      if (!seen_speaking) continue;
      const TimeInterval part{std::max(segment->start, run_start), std::min(segment->end, run_end)};
      if (!(part.end > part.start)) continue;
      if (!spoken.empty() && spoken.back().end >= part.start) spoken.back().end = std::max(spoken.back().end, part.end);
      else spoken.push_back(part);
    }
    first = last;
  }
  return spoken;
}

PictureState StateSeconds::majority() const {
  PictureState best = PictureState::black;
  double most = black;
  StateSeconds copy = *this;
  for (const PictureState state : all_picture_states)
    if (seconds_of(copy, state) > most) best = state, most = seconds_of(copy, state);
  return best;
}

StateSeconds& StateSeconds::operator+=(const StateSeconds& other) {
  StateSeconds copy = other;
  for (const PictureState state : all_picture_states) seconds_of(*this, state) += seconds_of(copy, state);
  return *this;
}

StateSeconds split_by_picture(const SpeechSegment& segment, const PictureTimeline& timeline) {
  StateSeconds seconds;
  for_each_piece(segment.start, segment.end, timeline,
                 [&](double from, double to, PictureState state) { seconds_of(seconds, state) += to - from; });
  return seconds;
}

std::vector<SpeechPiece> speech_pieces(std::span<const SpeechSegment> segments, const PictureTimeline& timeline) {
  std::vector<SpeechPiece> pieces;
  for (size_t k = 0; k < segments.size(); ++k)
    for_each_piece(segments[k].start, segments[k].end, timeline,
                   [&](double from, double to, PictureState state) { pieces.push_back({k, from, to, state}); });
  return pieces;
}

std::vector<TimeInterval> voice_only_parts(std::span<const SpeechSegment> segments, const PictureTimeline& timeline) {
  std::vector<TimeInterval> parts;
  for (const SpeechSegment& segment : segments)
    for_each_piece(segment.start, segment.end, timeline, [&](double from, double to, PictureState state) {
      if (!voice_only(state)) return;
      if (!parts.empty() && parts.back().end >= from) parts.back().end = to;
      else parts.push_back({from, to});
    });
  return parts;
}

std::vector<TimeInterval> to_intervals(std::span<const SpeechSegment> segments) {
  std::vector<TimeInterval> intervals;
  intervals.reserve(segments.size());
  for (const SpeechSegment& s : segments) intervals.push_back({s.start, s.end});
  return intervals;
}

std::vector<DialogueWindow> dialogue_per_window(std::span<const TimeInterval> speech,
                                                std::optional<std::span<const TimeInterval>> voice_only,
                                                double runtime, double window_seconds) {
  if (!(window_seconds > 0))
    throw Error(ErrorKind::usage, fmt::format("dialogue window {} s is not positive", window_seconds));
  std::vector<DialogueWindow> windows;
  for (int64_t k = 0; k * window_seconds < runtime; ++k) {
    const double start = k * window_seconds, end = std::min(runtime, (k + 1) * window_seconds);
    DialogueWindow& w = windows.emplace_back(DialogueWindow{start, end, covered_seconds(start, end, speech), {}});
    if (voice_only) w.voice_only_seconds = covered_seconds(start, end, *voice_only);
  }
  return windows;
}

}  // namespace herlens::metrics
