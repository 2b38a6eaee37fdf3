#include "herlens/analyzers/picture_level.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "herlens/error.hpp"

namespace herlens::analyzers {

void PictureLevelParams::validate() const {
  if (!(black_level > 0 && black_level < 1))
    throw Error(ErrorKind::usage, fmt::format("picture black_level {} is outside (0, 1)", black_level));
}

double mean_luma(const cv::Mat& bgr) {
  // Luma is linear in the channels, so the mean of luma is luma of the channel means.
  const cv::Scalar mean = cv::mean(bgr);
  return (0.114 * mean[0] + 0.587 * mean[1] + 0.299 * mean[2]) / 255.0;
}

PictureLevel::PictureLevel(const Params& params) : params_(params) { params_.validate(); }

void PictureLevel::on_video(const media::VideoFrame& frame) {
  if (!has_pictures_) start_time_ = frame.time;
  has_pictures_ = true;
  const bool black = mean_luma(frame.picture) < params_.black_level;
  // A picture lasts until the next one: the open black stretch ends where a picture that is not
  // black begins, and grows to each black picture's end meanwhile.
  if (in_black_ && !black) black_.back().end = frame.time;
  if (black && !in_black_) black_.push_back({frame.time, frame.time});
  if (black) black_.back().end = std::max(black_.back().end, frame.time + frame.duration);
  in_black_ = black;
  end_time_ = std::max(end_time_, frame.time + frame.duration);
}

void PictureLevel::finish() {
  // Pictures with no duration (a single-frame stream) leave empty stretches behind.
  std::erase_if(black_, [](const metrics::TimeInterval& i) { return !(i.end > i.start); });
}

}  // namespace herlens::analyzers
