#pragma once
// Picture level: the mean luma of every analysis picture, kept only as the stretches of time the
// picture is black (docs/metrics.md, "Dialogue"), so memory grows with the number of black
// stretches, not with the length of the film. Any analysis can ask what was black and when.
#include <vector>

#include "herlens/metrics/voice_only.hpp"
#include "herlens/pipeline/analyzer.hpp"

namespace herlens::analyzers {

struct PictureLevelParams {
  // A picture is black when its mean luma is below this fraction of full range. (0, 1).
  double black_level = 0.08;
  void validate() const;  // throws Error(usage) naming the bad value
};

// Mean luma (BT.601 weights, as the Y of 8-bit full-range BGR) of a picture, 0..1.
double mean_luma(const cv::Mat& bgr);

class PictureLevel final : public pipeline::Analyzer {
 public:
  using Params = PictureLevelParams;
  explicit PictureLevel(const Params& params = {});

  std::string_view name() const override { return "picture level"; }
  // Wants pictures but does without them: an audio file simply has no picture.
  pipeline::Needs needs() const override { return {.video = true}; }
  void on_video(const media::VideoFrame& frame) override;
  void finish() override;

  // After finish(): whether any picture was seen, from the first picture's time to the last one's
  // end, and the black stretches within, sorted (each from a black picture's time to the next
  // picture's time, or to the last picture's end).
  bool has_pictures() const { return has_pictures_; }
  double start_time() const { return start_time_; }
  double end_time() const { return end_time_; }
  const std::vector<metrics::TimeInterval>& black() const { return black_; }

 private:
  Params params_;
  bool has_pictures_ = false;
  double start_time_ = 0, end_time_ = 0;
  bool in_black_ = false;
  std::vector<metrics::TimeInterval> black_;
};

}  // namespace herlens::analyzers
