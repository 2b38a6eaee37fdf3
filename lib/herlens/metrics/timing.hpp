#pragma once
// What the decode pass delivered, counted: exact frame count, frame timing (constant or variable
// rate) and audio length. Backs `herlens probe --decode` and every summary's runtime.
#include <cstdint>
#include <limits>

#include "herlens/media/frames.hpp"

namespace herlens::metrics {

struct StreamTiming {
  int64_t video_frames = 0;
  double first_time = 0;   // seconds
  double end_time = 0;     // end of the last picture, seconds
  double shortest_interval = std::numeric_limits<double>::infinity();  // between pictures, seconds
  double longest_interval = 0;
  int64_t audio_samples = 0;  // at media::analysis_sample_rate

  // Intervals that differ by more than a millisecond: the stream has a variable frame rate.
  bool variable_frame_rate() const { return longest_interval - shortest_interval > 0.001; }
  double audio_seconds() const { return static_cast<double>(audio_samples) / media::analysis_sample_rate; }
  // The film's length in seconds: the end of its last picture, or of its sound when it has none.
  double runtime() const { return video_frames > 0 ? end_time : audio_seconds(); }
};

}  // namespace herlens::metrics
