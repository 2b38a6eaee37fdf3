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

// Faces present, as intervals: each sample holds until the next one.
std::vector<TimeInterval> face_intervals(std::span<const FaceSample> samples, double start, double end) {
  std::vector<TimeInterval> present;
  for (size_t k = 0; k < samples.size(); ++k) {
    if (samples[k].faces < 0)
      throw Error(ErrorKind::usage, fmt::format("face count {} at {:.3f} s is negative", samples[k].faces,
                                                samples[k].time));
    if (samples[k].faces == 0) continue;
    const double from = k == 0 ? start : samples[k].time;
    const double to = k + 1 < samples.size() ? samples[k + 1].time : end;
    if (!present.empty() && present.back().end >= from) present.back().end = std::max(present.back().end, to);
    else if (to > from) present.push_back({from, to});
  }
  return present;
}

void add(StateSeconds& seconds, PictureState state, double amount) {
  switch (state) {
    case PictureState::black: seconds.black += amount; break;
    case PictureState::no_face: seconds.no_face += amount; break;
    case PictureState::face: seconds.face += amount; break;
    case PictureState::picture: seconds.picture += amount; break;
  }
}

// Calls visit(from, to, state) for the pieces of [start, end) in order, black outside the extent.
template <typename Visit>
void for_each_piece(double start, double end, const PictureTimeline& timeline, Visit visit) {
  if (start < timeline.start) visit(start, std::min(end, timeline.start), PictureState::black);
  auto span = std::upper_bound(timeline.spans.begin(), timeline.spans.end(), start,
                               [](double t, const PictureSpan& s) { return t < s.end; });
  for (; span != timeline.spans.end() && span->start < end; ++span) {
    const double from = std::max(start, span->start), to = std::min(end, span->end);
    if (to > from) visit(from, to, span->state);
  }
  if (end > timeline.end) visit(std::max(start, timeline.end), end, PictureState::black);
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
    case PictureState::black: return "black";
    case PictureState::no_face: return "no_face";
    case PictureState::face: return "face";
    case PictureState::picture: return "picture";
  }
  return "picture";
}

PictureState PictureTimeline::at(double time) const {
  const auto span = std::upper_bound(spans.begin(), spans.end(), time,
                                     [](double t, const PictureSpan& s) { return t < s.end; });
  return span != spans.end() && span->start <= time ? span->state : PictureState::black;
}

PictureTimeline picture_timeline(double start, double end, std::span<const TimeInterval> black,
                                 std::optional<std::span<const FaceSample>> faces) {
  if (!(end >= start))
    throw Error(ErrorKind::usage, fmt::format("picture ends at {} s, before its start {} s", end, start));
  PictureTimeline timeline{start, end, faces.has_value(), {}};
  const std::vector<TimeInterval> with_faces =
      faces ? face_intervals(*faces, start, end) : std::vector<TimeInterval>{};

  // The state only changes at interval edges: classify each piece between them by its midpoint.
  std::vector<double> edges{start, end};
  for (const TimeInterval& i : black) edges.insert(edges.end(), {i.start, i.end});
  for (const TimeInterval& i : with_faces) edges.insert(edges.end(), {i.start, i.end});
  std::sort(edges.begin(), edges.end());
  edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
  for (size_t k = 0; k + 1 < edges.size(); ++k) {
    const double from = std::max(start, edges[k]), to = std::min(end, edges[k + 1]);
    if (!(to > from)) continue;
    const double middle = (from + to) / 2;
    const PictureState state = inside(middle, black)        ? PictureState::black
                               : !faces                     ? PictureState::picture
                               : inside(middle, with_faces) ? PictureState::face
                                                            : PictureState::no_face;
    if (!timeline.spans.empty() && timeline.spans.back().state == state) timeline.spans.back().end = to;
    else timeline.spans.push_back({from, to, state});
  }
  return timeline;
}

PictureState StateSeconds::majority() const {
  PictureState best = PictureState::black;
  double most = black;
  for (const auto& [state, seconds] : {std::pair{PictureState::no_face, no_face}, std::pair{PictureState::face, face},
                                      std::pair{PictureState::picture, picture}})
    if (seconds > most) best = state, most = seconds;
  return best;
}

StateSeconds split_by_picture(const SpeechSegment& segment, const PictureTimeline& timeline) {
  StateSeconds seconds;
  for_each_piece(segment.start, segment.end, timeline,
                 [&](double from, double to, PictureState state) { add(seconds, state, to - from); });
  return seconds;
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
