#pragma once
// What the decode pass delivered, counted: exact frame count, frame timing (constant or variable
// rate) and audio length. Backs `herlens probe --decode` and every summary's runtime.
#include <cstdint>
#include <limits>

#include "herlens/media/frames.hpp"
#include "herlens/media/media_info.hpp"

namespace herlens::metrics {

struct StreamTiming {
  int64_t video_frames = 0;
  double first_time = 0;   // seconds
  double end_time = 0;     // end of the last picture, seconds
  double shortest_interval = std::numeric_limits<double>::infinity();  // between pictures, seconds
  double longest_interval = 0;
  int64_t audio_samples = 0;  // at media::analysis_sample_rate

  // Intervals that differ by more than a millisecond: the stream has a variable frame rate. Exactly
  // a millisecond is a constant rate in millisecond timestamps (Matroska's 23.976: 41 and 42 ms),
  // so the comparison allows for the rounding of the difference itself.
  bool variable_frame_rate() const { return longest_interval - shortest_interval > 0.001 + 1e-9; }
  double audio_seconds() const { return static_cast<double>(audio_samples) / media::analysis_sample_rate; }
  // The film's length in seconds: the end of its last picture, or of its sound when it has none.
  double runtime() const { return video_frames > 0 ? end_time : audio_seconds(); }
};

// How the film's times stand to the file, from its headers: for writers that count frames or name
// the file's own timestamps (the exports).
struct FilmClock {
  double start_offset = 0;    // seconds: the file's timestamp at film time 0 (its container's start)
  media::Ratio frame_rate{0, 1};  // the picture's base rate (r_frame_rate); 0/1 without a picture
  int width = 0, height = 0;  // coded picture size; 0 without a picture
  bool has_audio = false;     // the file has sound that decodes (analysed or not)
};

}  // namespace herlens::metrics
