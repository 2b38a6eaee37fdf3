#include "herlens/analyzers/shot_detector.hpp"

#include <algorithm>
#include <cmath>

#include <opencv2/imgproc.hpp>

namespace herlens::analyzers {

namespace {

using metrics::blend_spans;
using metrics::BlendKind;
using metrics::BlendWindow;
using metrics::ShotFrameScores;

// Thumbnail width: enough to tell shots apart, small enough that the per-frame work stays far
// below the decoder's (64 x 36 for 16:9).
constexpr int thumb_width = 64;
constexpr int histogram_levels = 4;  // per channel
// Blends are also tested this coarse: a dissolve into a busy shot (leaves, crowds, cellular
// automata) is no blend pixel by pixel, yet its 4-pixel blocks are.
constexpr int coarse_width = 16;

// Zooms tried between frames: only fast ones (2.5% a frame and more) matter, slow ones change little.
constexpr std::array<float, 4> camera_zooms = {0.95f, 0.975f, 1.025f, 1.05f};

// Phase correlation tapers the thumbnail to its edges with a window: thinner thumbnails (of very
// wide or very tall pictures) leave nothing to correlate and get no motion estimate.
constexpr int min_motion_side = 8;

// Dissolves join different pictures: ends whose luma correlates above this are one shot whose
// light changed.
constexpr float same_picture_correlation = 0.75f;

float mean_difference(const cv::Mat& a, const cv::Mat& b) {
  return static_cast<float>(cv::norm(a, b, cv::NORM_L1) / (double(a.total()) * a.channels() * 255.0));
}

// Sum of |2 mid - start - end| over every byte: twice the distance of `mid` from the average of
// the ends.
int64_t blend_residual(const cv::Mat& start, const cv::Mat& mid, const cv::Mat& end) {
  const size_t count = start.total() * start.channels();
  const uint8_t* s = start.ptr<uint8_t>();
  const uint8_t* m = mid.ptr<uint8_t>();
  const uint8_t* e = end.ptr<uint8_t>();
  int64_t sum = 0;
  for (size_t i = 0; i < count; ++i) sum += std::abs(2 * int(m[i]) - int(s[i]) - int(e[i]));
  return sum;
}

}  // namespace

ShotDetector::ShotDetector(const metrics::ShotBoundaryParams& params) : params_(params) { params_.validate(); }

void ShotDetector::measure(const cv::Mat& picture, Thumb& thumb, metrics::ShotFrameScores& scores) const {
  const int width = std::min(thumb_width, picture.cols);
  const int height = std::max(1, static_cast<int>(std::lround(double(picture.rows) * width / picture.cols)));
  cv::resize(picture, thumb.bgr, cv::Size(width, height), 0, 0, cv::INTER_AREA);
  const int coarse_height = std::max(1, height * coarse_width / std::max(width, coarse_width));
  cv::resize(thumb.bgr, thumb.coarse, cv::Size(std::min(coarse_width, width), coarse_height), 0, 0, cv::INTER_AREA);

  const size_t pixels = thumb.bgr.total();
  thumb.zluma.create(thumb.bgr.size(), CV_32F);
  float* zluma = thumb.zluma.ptr<float>();
  thumb.histogram.fill(0);
  const uint8_t* p = thumb.bgr.ptr<uint8_t>();
  double sum = 0, sum_squares = 0;
  constexpr int shift = 8 - 2;  // 256 levels -> histogram_levels
  static_assert(1 << (8 - shift) == histogram_levels);
  for (size_t i = 0; i < pixels; ++i, p += 3) {
    const float y = (0.114f * p[0] + 0.587f * p[1] + 0.299f * p[2]) / 255.0f;
    zluma[i] = y;
    sum += y;
    sum_squares += double(y) * y;
    thumb.histogram[((p[0] >> shift) * histogram_levels + (p[1] >> shift)) * histogram_levels + (p[2] >> shift)] += 1;
  }
  for (float& bin : thumb.histogram) bin /= static_cast<float>(pixels);
  const double mean = sum / pixels;
  const double sd = std::sqrt(std::max(0.0, sum_squares / pixels - mean * mean));
  scores.luma = static_cast<float>(mean);
  scores.luma_sd = static_cast<float>(sd);
  thumb.blank = scores.blank();
  // Correlation needs some structure; below ~1% of full range the luma is noise.
  thumb.flat = sd < 0.01;
  const double norm = std::sqrt(std::max(1e-12, sum_squares - sum * mean));
  thumb.zluma = (thumb.zluma - mean) / norm;
}

void ShotDetector::measure_blends(ShotFrameScores& scores) const {
  const Thumb& end = recent_.back();
  const int64_t available = static_cast<int64_t>(recent_.size()) - 1;
  for (size_t s = 0; s < blend_spans.size(); ++s) {
    const int span = blend_spans[s];
    if (span > available) break;
    const Thumb& start = recent_[available - span];
    BlendWindow& w = scores.blend[s];
    w.change = mean_difference(start.bgr, end.bgr);
    if (w.change < params_.min_gradual_change || (start.blank && end.blank)) continue;  // nothing to test
    const Thumb& mid = recent_[available - span / 2];
    const double total_change = double(w.change) * start.bgr.total() * 3 * 255;
    w.misfit = static_cast<float>(blend_residual(start.bgr, mid.bgr, end.bgr) / 2.0 / total_change);
    const double coarse_change = cv::norm(start.coarse, end.coarse, cv::NORM_L1);
    if (coarse_change > 0)
      w.coarse_misfit =
          static_cast<float>(blend_residual(start.coarse, mid.coarse, end.coarse) / 2.0 / coarse_change);
    if (end.blank) w.kind = BlendKind::fade_out;
    else if (start.blank) w.kind = BlendKind::fade_in;
    else if (start.flat || end.flat || start.zluma.dot(end.zluma) < same_picture_correlation)
      w.kind = BlendKind::dissolve;
  }
}

void ShotDetector::measure_motion(const Thumb& previous, const Thumb& current, ShotFrameScores& scores) {
  scores.compensated = scores.content;
  const cv::Size size = current.bgr.size();
  if (previous.flat || current.flat || std::min(size.width, size.height) < min_motion_side)
    return;  // nothing for a move to be seen in
  if (window_.size() != size) cv::createHanningWindow(window_, size, CV_32F);
  // Windowed copies: given the window itself, phaseCorrelate multiplies its inputs in place when
  // their size suits the DFT as it is.
  cv::Mat windowed_previous, windowed_current;
  cv::multiply(previous.zluma, window_, windowed_previous);
  cv::multiply(current.zluma, window_, windowed_current);
  const cv::Point2d shift = cv::phaseCorrelate(windowed_previous, windowed_current);
  scores.shift = static_cast<float>(std::hypot(shift.x, shift.y));
  // The overlap of the two pictures once the current one is moved back by the whole-pixel shift.
  const int dx = static_cast<int>(std::lround(shift.x)), dy = static_cast<int>(std::lround(shift.y));
  const int overlap_width = size.width - std::abs(dx), overlap_height = size.height - std::abs(dy);
  if (overlap_width > 0 && overlap_height > 0) {
    const cv::Rect in_previous(std::max(0, -dx), std::max(0, -dy), overlap_width, overlap_height);
    const cv::Rect in_current(std::max(0, dx), std::max(0, dy), overlap_width, overlap_height);
    const float residual = mean_difference(previous.bgr(in_previous), current.bgr(in_current));
    scores.compensated = std::min(scores.compensated, residual);
  }
  // Zooms: the previous picture scaled about its centre, compared where both have picture.
  const cv::Rect centre(size.width / 6, size.height / 6, size.width - size.width / 3,
                        size.height - size.height / 3);
  const cv::Point2f middle((size.width - 1) / 2.0f, (size.height - 1) / 2.0f);
  cv::Mat zoomed;
  for (const float zoom : camera_zooms) {
    cv::warpAffine(previous.bgr, zoomed, cv::getRotationMatrix2D(middle, 0, zoom), size, cv::INTER_LINEAR);
    const float residual = mean_difference(zoomed(centre), current.bgr(centre));
    if (residual < scores.compensated) {
      scores.compensated = residual;
      scores.zoom = zoom;
    }
  }
}

void ShotDetector::on_video(const media::VideoFrame& frame) {
  // Reuse the oldest thumbnail's buffers once the window is full.
  Thumb thumb;
  if (recent_.size() > static_cast<size_t>(blend_spans.back())) {
    thumb = std::move(recent_.front());
    recent_.pop_front();
  }
  ShotFrameScores scores;
  scores.index = frame.index;
  scores.time = frame.time;
  scores.duration = frame.duration;
  measure(frame.picture, thumb, scores);
  if (!recent_.empty()) {
    const Thumb& previous = recent_.back();
    if (previous.bgr.size() == thumb.bgr.size()) {
      scores.content = mean_difference(thumb.bgr, previous.bgr);
      measure_motion(previous, thumb, scores);
      float histogram = 0;
      for (size_t b = 0; b < thumb.histogram.size(); ++b)
        histogram += std::abs(thumb.histogram[b] - previous.histogram[b]);
      scores.histogram = 0.5f * histogram;
    } else {
      recent_.clear();  // the picture size changed mid-stream: compare only like with like
    }
  }
  for (size_t k = 0; k < scores.skip.size(); ++k) {
    const size_t back = k + 2;
    if (recent_.size() >= back) scores.skip[k] = mean_difference(thumb.bgr, recent_[recent_.size() - back].bgr);
  }
  recent_.push_back(std::move(thumb));
  measure_blends(scores);
  scores_.push_back(scores);
}

}  // namespace herlens::analyzers
