#pragma once
// Counts what the decode pass delivers: exact frame count, frame timing (constant or variable
// rate) and audio length. Backs `herlens probe --decode` and the decode-only benchmark.
#include <cstdint>
#include <limits>

#include "herlens/pipeline/analyzer.hpp"

namespace herlens::analyzers {

struct FrameCount {
  int64_t video_frames = 0;
  double first_time = 0;   // seconds
  double end_time = 0;     // end of the last picture, seconds
  double shortest_interval = std::numeric_limits<double>::infinity();  // between pictures, seconds
  double longest_interval = 0;
  int64_t audio_samples = 0;  // at media::analysis_sample_rate
  // Intervals that differ by more than a millisecond: the stream has a variable frame rate.
  bool variable_frame_rate() const { return longest_interval - shortest_interval > 0.001; }
};

class FrameCounter final : public pipeline::Analyzer {
 public:
  std::string_view name() const override { return "frame count"; }
  // Counts pictures; sound too when asked (an audio file has nothing else to count).
  explicit FrameCounter(bool count_audio) : count_audio_(count_audio) {}
  pipeline::Needs needs() const override {
    return {.video = true, .audio = count_audio_, .picture = false};
  }
  void on_video(const media::VideoFrame& frame) override;
  void on_audio(const media::AudioBlock& block) override;
  const FrameCount& result() const { return count_; }

 private:
  bool count_audio_;
  FrameCount count_;
  double last_time_ = 0;
};

}  // namespace herlens::analyzers
