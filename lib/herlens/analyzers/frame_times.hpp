#pragma once
// The start of every picture, for a shot list given in frames (metrics/shot_list.hpp): what the
// shot detector's scores carry when it runs, without its work on every picture.
#include <vector>

#include "herlens/pipeline/analyzer.hpp"

namespace herlens::analyzers {

class FrameTimes final : public pipeline::Analyzer {
 public:
  std::string_view name() const override { return "frame times"; }
  pipeline::Needs needs() const override { return {.video = true, .audio = false, .picture = false}; }
  void on_video(const media::VideoFrame& frame) override { times_.push_back(frame.time); }

  // Seconds on the film timeline, one per picture in order. Moves them out.
  std::vector<double> take_result() { return std::move(times_); }

 private:
  std::vector<double> times_;
};

}  // namespace herlens::analyzers
