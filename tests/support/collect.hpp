#pragma once
// An analyzer that keeps what the pipeline hands it, for tests of the decode pass, and a pass over a file.
#include <filesystem>
#include <span>
#include <vector>

#include "herlens/pipeline/pass.hpp"

namespace herlens::test {

struct CollectedFrame {
  int64_t index;
  double time;
  double duration;
  cv::Mat picture;  // a copy
  bool had_detail;
  cv::Size detail_size;
};

class Collector final : public pipeline::Analyzer {
 public:
  explicit Collector(pipeline::Needs needs = {.video = true, .audio = true}, int detail_every = 0,
                     int detail_width = 0)
      : needs_(needs), detail_every_(detail_every), detail_width_(detail_width) {}
  std::string_view name() const override { return "collector"; }
  pipeline::Needs needs() const override { return needs_; }
  int detail_width(int64_t index, double) override {
    return detail_every_ > 0 && index % detail_every_ == 0 ? detail_width_ : 0;
  }
  void on_video(const media::VideoFrame& f) override {
    frames.push_back({f.index, f.time, f.duration, f.picture.clone(), !f.detail.empty(), f.detail.size()});
  }
  void on_audio(const media::AudioBlock& b) override {
    if (audio.empty()) first_audio_time = b.time;
    audio.insert(audio.end(), b.samples.begin(), b.samples.end());
  }
  void finish() override { finished = true; }

  std::vector<CollectedFrame> frames;
  std::vector<float> audio;
  double first_audio_time = -1;
  bool finished = false;

 private:
  pipeline::Needs needs_;
  int detail_every_, detail_width_;
};

// Opens `file` and runs one pass over it with `analyzers`, as analyse() does.
inline pipeline::PassResult pass_over(const std::filesystem::path& file, std::span<pipeline::Analyzer* const> analyzers,
                                      pipeline::PassOptions options = {.progress = false}) {
  const auto source = pipeline::open_for_pass(file, options);
  return pipeline::run_pass(*source, analyzers, options);
}

}  // namespace herlens::test
