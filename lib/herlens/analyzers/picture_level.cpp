#include "herlens/analyzers/picture_level.hpp"

#include <algorithm>

namespace herlens::analyzers {

const params::Table<PictureLevelParams>& PictureLevelParams::table() {
  static const params::Table<PictureLevelParams> table{
      "picture level",
      {{"black_level", "--black-level", "A picture is black when its mean luma is below this fraction of full range",
        &PictureLevelParams::black_level, 0.001, 0.999}}};
  return table;
}

double mean_luma(const cv::Mat& bgr) {
  // Luma is linear in the channels, so the mean of luma is luma of the channel means.
  const cv::Scalar mean = cv::mean(bgr);
  return (0.114 * mean[0] + 0.587 * mean[1] + 0.299 * mean[2]) / 255.0;
}

PictureLevel::PictureLevel(const Params& params) : params_(params) { params_.validate(); }

void PictureLevel::on_video(const media::VideoFrame& frame) {
  if (!levels_) levels_ = metrics::PictureLevels{frame.time, frame.time, {}};
  std::vector<metrics::TimeInterval>& black_stretches = levels_->black;
  const bool black = mean_luma(frame.picture) < params_.black_level;
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
