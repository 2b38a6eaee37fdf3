#pragma once
// Turns decoded audio of any layout, sample format and rate into the analysis audio:
// mono float at analysis_sample_rate.
#include <span>
#include <vector>

#include "herlens/media/av_ptr.hpp"

namespace herlens::media {

// Where films put dialogue: the centre channel of a surround mix; other layouts are downmixed.
// Returns the centre's index in `layout`, or -1 when the layout has no separate centre.
int dialogue_centre_index(const AVChannelLayout& layout);

class AudioConverter {
 public:
  // `centre_index` >= 0 takes that channel alone; -1 averages all channels.
  AudioConverter(const AVChannelLayout& layout, AVSampleFormat format, int sample_rate,
                 int centre_index);
  // Converts `samples` per channel from `planes` (one pointer for packed formats).
  // The returned view is valid until the next call.
  std::span<const float> convert(const uint8_t* const* planes, int samples);
  // What the resampler still holds at the end of the stream.
  std::span<const float> flush();
  // Seconds of sound given and not yet converted out (the resampler's filter delay).
  double held_seconds() const;
  // Silence fed in as if decoded, converted out by the next call: fills a hole in the stream.
  void insert_silence(double seconds);
  // The next `seconds` of converted sound are dropped: an overlap with what was converted.
  void drop(double seconds);

 private:
  int input_rate_;
  SwrContextPtr swr_;
  std::vector<float> output_;
};

}  // namespace herlens::media
