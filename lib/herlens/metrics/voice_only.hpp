#pragma once
// What is on screen while someone speaks: speech segments joined by time with the picture's state
// (black, no face, faces none of which speaks, a speaking face). Pure functions over time-stamped observations; the speech detector, the
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

// Faces seen on one sampled picture. A sample holds from its time until the next sample's (the
// first one also covers the time before it, the last one runs to the end of the picture).
struct FaceSample {
  double time = 0;  // seconds
  int faces = 0;    // >= 0
  // How many of them speak (mouth_activity.hpp), when their mouths were measured; nothing when
  // they were not (no speech heard near the sample): such faces count as speaking, as a face on
  // screen always did before mouths were measured.
  std::optional<int> speaking{};
  // The largest spread of a measured face's mouth opening over its burst (mouth_activity.hpp), the
  // evidence for `speaking`; nothing when no mouth was measured.
  std::optional<double> largest_spread{};
  // The first sample after a change of picture (a cut, or the film's first): the faces before it
  // are not these.
  bool new_picture = false;
  // Time of the last picture of its mouth burst, seconds (its own time when it had none).
  double burst_end = 0;
};

// What the picture shows. `picture` is a picture that is not black where faces were not looked
// for; `no_picture` is before the first picture or after the last one.
enum class PictureState { black, no_face, listener, speaker, picture, no_picture };
inline constexpr std::array<PictureState, 6> all_picture_states{PictureState::black,    PictureState::no_face,
                                                                PictureState::listener, PictureState::speaker,
                                                                PictureState::picture,  PictureState::no_picture};
// "over_black", "no_face", "listener", "speaker_visible", "picture", "no_picture".
std::string_view name(PictureState state);
// Speech heard in this state is voice-only dialogue: over black, with no face on screen, or over
// faces none of which speaks (a listener).
constexpr bool voice_only(PictureState state) {
  return state == PictureState::black || state == PictureState::no_face || state == PictureState::listener;
}

struct PictureSpan {
  double start = 0, end = 0;  // seconds
  PictureState state = PictureState::picture;
};

// The picture's state through time: spans sorted, adjacent, never two of one state in a row.
// Before `start` and after `end` there is no picture.
struct PictureTimeline {
  double start = 0, end = 0;  // seconds, the picture's extent
  bool faces_checked = false;
  std::vector<PictureSpan> spans;

  // The state at `time` (no_picture outside the extent).
  PictureState at(double time) const;
};

// Builds the timeline over the picture's extent [start, end): black where `black` says (it wins
// over faces: a face too dark to see is not on screen), else speaker where `spoken` says (with
// faces: lines_spoken_on_screen()), else no_face / listener / speaker from the sample holding then
// in `faces` when given, else `picture`. `black` and `spoken` sorted and not overlapping, `faces`
// sorted by time. Throws Error(usage) when end < start or a face count is negative.
PictureTimeline picture_timeline(double start, double end, std::span<const TimeInterval> black,
                                 std::optional<std::span<const FaceSample>> faces,
                                 std::span<const TimeInterval> spoken = {});

// The parts of the speech segments where a face on screen was seen speaking in the same line. A
// run of samples is consecutive samples with faces and no change of picture between them (one
// shot's faces, as they hold from the run's first sample to the sample after its last, or to
// `picture_end`); within a segment, a run is a speaker throughout when the mouth burst of any of
// its samples overlaps the segment and found a face speaking. So one burst on a smile, a pause or
// the quiet start of a line does not decide the second its sample holds, while a face's speech in
// an earlier line (a burst that ended before the segment) or in another shot never spreads.
// `samples` sorted by time, `segments` sorted and not overlapping; the result is sorted, touching
// parts merged.
std::vector<TimeInterval> lines_spoken_on_screen(std::span<const FaceSample> samples,
                                                 std::span<const SpeechSegment> segments, double picture_end);

// Seconds of a stretch of time spent in each state.
struct StateSeconds {
  double black = 0, no_face = 0, listener = 0, speaker = 0, picture = 0, no_picture = 0;
  // The state covering most of the stretch (the first in all_picture_states order on ties).
  PictureState majority() const;
  double voice_only() const { return black + no_face + listener; }
  // Voice-only as it was before speakers were told from listeners: no face on screen.
  double faceless() const { return black + no_face; }
  StateSeconds& operator+=(const StateSeconds& other);
};

StateSeconds split_by_picture(const SpeechSegment& segment, const PictureTimeline& timeline);

// A stretch of speech in one picture state.
struct SpeechPiece {
  size_t segment = 0;  // index in the segments
  double start = 0, end = 0;  // seconds
  PictureState state = PictureState::picture;
};
// The segments cut where the picture's state changes: what each stretch of speech was heard over.
std::vector<SpeechPiece> speech_pieces(std::span<const SpeechSegment> segments, const PictureTimeline& timeline);

// The parts of the segments heard as voice-only (over black, no face, or a listener), merged where
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
