#include "herlens/analyzers/picture_level.hpp"

#include <algorithm>

#include <opencv2/imgproc.hpp>

namespace herlens::analyzers {

const params::Table<PictureLevelParams>& PictureLevelParams::table() {
  static const params::Table<PictureLevelParams> table{
      "picture level",
      {{"black_level", "--black-level", "A picture is black when its mean luma is below this fraction of full range",
        &PictureLevelParams::black_level, 0.001, 0.999},
       {"max_black_spread", "--max-black-spread",
        "A black picture's luma varies less than this fraction of full range (its detail)",
        &PictureLevelParams::max_black_spread, 0, 1}}};
  return table;
}

LumaLevel luma_level(const cv::Mat& bgr) {
  cv::Mat grey;
  cv::cvtColor(bgr, grey, cv::COLOR_BGR2GRAY);  // BT.601 weights
  cv::Scalar mean, deviation;
  cv::meanStdDev(grey, mean, deviation);
  return {mean[0] / 255.0, deviation[0] / 255.0};
}

PictureLevel::PictureLevel(const Params& params) : params_(params) { params_.validate(); }

void PictureLevel::on_video(const media::VideoFrame& frame) {
  if (!levels_) levels_ = metrics::PictureLevels{frame.time, frame.time, {}};
  std::vector<metrics::TimeInterval>& black_stretches = levels_->black;
  const LumaLevel level = luma_level(frame.picture);
  const bool black = level.mean < params_.black_level && level.spread < params_.max_black_spread;
  // A picture lasts until the next one: the open black stretch ends where a picture that is not
  // black begins, and grows to each black picture's end meanwhile.
  if (in_black_ && !black) black_stretches.back().end = frame.time;
  if (black && !in_black_) black_stretches.push_back({frame.time, frame.time});
  if (black) black_stretches.back().end = std::max(black_stretches.back().end, frame.time + frame.duration);
  in_black_ = black;
  levels_->end = std::max(levels_->end, frame.time + frame.duration);
}

void PictureLevel::finish() {
  // Pictures with no duration (a single-frame stream) leave empty stretches behind.
  if (levels_) std::erase_if(levels_->black, [](const metrics::TimeInterval& i) { return !(i.end > i.start); });
}

}  // namespace herlens::analyzers
