#pragma once
// What is on screen while someone speaks: speech segments joined by time with the picture's state
// (black, no face, face). Pure functions over time-stamped observations; the speech detector, the
// picture-level analyzer and the face analyzer never see each other (docs/dialogue.md).
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "herlens/metrics/speech_segments.hpp"

namespace herlens::metrics {

// [start, end) in seconds, end > start.
struct TimeInterval {
  double start = 0;
  double end = 0;
  double duration() const { return end - start; }
};

// What the picture-level analyzer saw: from the first picture's time to the last one's end, and
// the stretches of time within that the picture was black (sorted, not overlapping).
struct PictureLevels {
  double start = 0, end = 0;  // seconds
  std::vector<TimeInterval> black;
};

// Seconds of [start, end) covered by `intervals` (sorted by start, not overlapping).
double covered_seconds(double start, double end, std::span<const TimeInterval> intervals);

// Face count seen on one sampled picture. A sample holds from its time until the next sample's
// (the first one also covers the time before it, the last one runs to the end of the picture).
struct FaceSample {
  double time = 0;  // seconds
  int faces = 0;    // >= 0
};

// What the picture shows. `picture` is a picture that is not black where faces were not looked for.
enum class PictureState { black, no_face, face, picture };
inline constexpr std::array<PictureState, 4> all_picture_states{PictureState::black, PictureState::no_face,
                                                                PictureState::face, PictureState::picture};
std::string_view name(PictureState state);
// Speech heard in this state is voice-only dialogue: black, or no face on screen.
constexpr bool voice_only(PictureState state) { return state == PictureState::black || state == PictureState::no_face; }

struct PictureSpan {
  double start = 0, end = 0;  // seconds
  PictureState state = PictureState::picture;
};

// The picture's state through time: spans sorted, adjacent, never two of one state in a row.
// Before `start` and after `end` nothing is shown, which counts as black.
struct PictureTimeline {
  double start = 0, end = 0;  // seconds, the picture's extent
  bool faces_checked = false;
  std::vector<PictureSpan> spans;

  // The state at `time` (black outside the extent).
  PictureState at(double time) const;
};

// Builds the timeline over the picture's extent [start, end): black where `black` says (it wins
// over faces: a face too dark to see is not on screen), else face/no_face from `faces` when given,
// else `picture`. `black` sorted and not overlapping, `faces` sorted by time. Throws Error(usage)
// when end < start or a face count is negative.
PictureTimeline picture_timeline(double start, double end, std::span<const TimeInterval> black,
                                 std::optional<std::span<const FaceSample>> faces);

// Seconds of a stretch of time spent in each state.
struct StateSeconds {
  double black = 0, no_face = 0, face = 0, picture = 0;
  // The state covering most of the stretch (the first of black, no_face, face, picture on ties).
  PictureState majority() const;
  double voice_only() const { return black + no_face; }
};

StateSeconds split_by_picture(const SpeechSegment& segment, const PictureTimeline& timeline);

// The parts of the segments heard with no face on screen (black, or no face found), merged where
// they touch. Sorted; at most a few per segment.
std::vector<TimeInterval> voice_only_parts(std::span<const SpeechSegment> segments,
                                           const PictureTimeline& timeline);

std::vector<TimeInterval> to_intervals(std::span<const SpeechSegment> segments);

struct DialogueWindow {
  double start_time = 0, end_time = 0;  // seconds
  double speech_seconds = 0;
  std::optional<double> voice_only_seconds;  // only when voice-only parts were given
  double speech_share() const { return end_time > start_time ? speech_seconds / (end_time - start_time) : 0.0; }
};
// Seconds of `speech` (and of `voice_only`, when given) per consecutive window of `window_seconds`
// from 0 to `runtime`; the last window may be shorter. Both sorted and not overlapping. Throws
// Error(usage) for a window that is not positive.
std::vector<DialogueWindow> dialogue_per_window(std::span<const TimeInterval> speech,
                                                std::optional<std::span<const TimeInterval>> voice_only,
                                                double runtime, double window_seconds);

}  // namespace herlens::metrics
