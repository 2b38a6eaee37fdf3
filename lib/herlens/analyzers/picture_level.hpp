#pragma once
// Picture level: the mean luma of every analysis picture and its spread, kept only as the stretches
// of time the picture is black (docs/metrics.md, "Dialogue"): dark and without detail, so that a
// night scene, dark but full of things to see, is a picture. Memory grows with the number of black
// stretches, not with the length of the film. Any analysis can ask what was black and when.
#include <optional>
#include <vector>

#include "herlens/metrics/voice_only.hpp"
#include "herlens/params/parameter.hpp"
#include "herlens/pipeline/analyzer.hpp"

namespace herlens::analyzers {

struct PictureLevelParams {
  // A picture is black when its mean luma is below this fraction of full range ...
  double black_level = 0.08;
  // ... and its luma's standard deviation over the picture is below this fraction of full range
  // (about 3 levels of 255: film grain and compression noise on black stay below it, a dim scene
  // with anything in it does not).
  double max_black_spread = 0.012;
  static const params::Table<PictureLevelParams>& table();
  void validate() const { params::check(*this, table()); }  // throws Error(usage) naming the bad value
};

// Mean luma (BT.601 weights, as the Y of 8-bit full-range BGR) of a picture, and its standard
// deviation over the pixels, both 0..1.
struct LumaLevel {
  double mean = 0, spread = 0;
};
LumaLevel luma_level(const cv::Mat& bgr);

class PictureLevel final : public pipeline::Analyzer {
 public:
  using Params = PictureLevelParams;
  explicit PictureLevel(const Params& params = {});

  std::string_view name() const override { return "picture level"; }
  // Wants pictures but does without them: an audio file simply has no picture.
  pipeline::Needs needs() const override { return {.video = true}; }
  void on_video(const media::VideoFrame& frame) override;
  void finish() override;

  // After finish(): nothing when no picture was seen, else the picture's extent and its black
  // stretches (each from a black picture's time to the next picture's time, or to the last
  // picture's end). Moves them out.
  std::optional<metrics::PictureLevels> take_result() { return std::move(levels_); }

 private:
  Params params_;
  std::optional<metrics::PictureLevels> levels_;
  bool in_black_ = false;
};

}  // namespace herlens::analyzers
