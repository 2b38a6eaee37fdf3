#pragma once
// Keeping the sound on the film's timeline. Sound is delivered as one run of samples timed from the
// first frame's timestamp, so blocks tile exactly; but a stream's timestamps may leave holes (lost
// packets; a film looped or joined whose sound is a little shorter than its picture each time) or
// overlap. Timed by its samples alone, the sound drifts from the pictures by every hole: 0.03 s a
// loop in the clean benchmark clip, 16 s by the end of the two-hour film made by repeating it.
// Each decoded frame's timestamp is therefore compared with where the samples so far end.

namespace herlens::media {

struct SoundTimelineCorrection {
  double silence = 0;    // seconds of silence to insert before the frame: a hole in the stream
  double drop = 0;       // seconds of sound to drop from the frame on: it overlaps what was heard
  bool restart = false;  // the timestamps jumped too far: time the sound from this frame anew
};

// Differences up to this are rounding (Matroska keeps milliseconds), not holes; smaller than a
// picture at 50 fps.
constexpr double sound_timestamp_tolerance = 0.02;
// Holes up to this are filled with silence, overlaps up to this dropped; a larger jump (a broken or
// restarted clock) restarts the sound's timing at the frame, as the pictures follow their timestamps.
constexpr double longest_sound_hole = 10.0;
constexpr double longest_sound_overlap = 1.0;

// What to do with a frame stamped `stamped` seconds when the samples so far end at `expected`.
// Nothing when `stamped` lies more than longest_film_seconds from the film's start (source.hpp).
SoundTimelineCorrection correct_sound_timeline(double expected, double stamped);

}  // namespace herlens::media
