#pragma once
// Counts what the decode pass delivers (metrics/timing.hpp): frames and their timing, and the
// audio's length when asked.
#include "herlens/metrics/timing.hpp"
#include "herlens/pipeline/analyzer.hpp"

namespace herlens::analyzers {

class FrameCounter final : public pipeline::Analyzer {
 public:
  std::string_view name() const override { return "frame count"; }
  // Counts pictures; sound too when asked (an audio file has nothing else to count).
  explicit FrameCounter(bool count_audio) : count_audio_(count_audio) {}
  pipeline::Needs needs() const override { return {.video = true, .audio = count_audio_, .picture = false}; }
  void on_video(const media::VideoFrame& frame) override;
  void on_audio(const media::AudioBlock& block) override;
  const metrics::StreamTiming& result() const { return count_; }

 private:
  bool count_audio_;
  metrics::StreamTiming count_;
  double last_time_ = 0;
};

}  // namespace herlens::analyzers
