#include "herlens/analyzers/frame_count.hpp"

#include <algorithm>

namespace herlens::analyzers {

void FrameCounter::on_video(const media::VideoFrame& frame) {
  if (count_.video_frames == 0) {
    count_.first_time = frame.time;
  } else {
    const double interval = frame.time - last_time_;
    count_.shortest_interval = std::min(count_.shortest_interval, interval);
    count_.longest_interval = std::max(count_.longest_interval, interval);
  }
  ++count_.video_frames;
  last_time_ = frame.time;
  count_.end_time = frame.time + frame.duration;
}

void FrameCounter::on_audio(const media::AudioBlock& block) {
  count_.audio_samples += static_cast<int64_t>(block.samples.size());
}

}  // namespace herlens::analyzers
