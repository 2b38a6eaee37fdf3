#include "herlens/analyzers/shot_detector.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include <opencv2/imgproc.hpp>

#include "herlens/media/image_codec.hpp"

namespace herlens::analyzers {

namespace {

using metrics::blend_spans;
using metrics::BlendKind;
using metrics::BlendWindow;
using metrics::ShotFrameScores;

// Boundary evidence: pictures this wide, JPEG at this quality (about 3 KB each).
constexpr int evidence_width = 128;
constexpr int evidence_quality = 80;

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

// Blend coverage tiles: 8 x 8 thumbnail pixels, an eighth of the picture's width.
constexpr int coverage_tile = 8;
// A tile whose every value is below this at both ends is black (letterbox, night): not picture.
constexpr int black_level = 24;
// A tile changes when its mean |end - start| reaches this share of full range.
constexpr double tile_change = 0.03;
// A changing tile blends when its own blend weight is within this of the picture's, the blend
// leaves at most this share of its change's energy, and no move of either end explains it better.
constexpr double tile_weight_tolerance = 0.25;
constexpr double tile_residual_share = 0.25;
// Moves tried for that: up to this many thumbnail pixels each way (1/16 of the width), which the
// middle frame has travelled when a shot's own motion takes an eighth of the width per window.
constexpr int tile_reach = 4;

// Sum of squared differences between a tile of `a` at `at` and the same-sized area of `b` at
// `at` + `shift`; the tile must lie inside both. Stops once the sum passes `limit`: callers only
// ask whether it stays within.
double tile_distance(const cv::Mat& a, const cv::Mat& b, const cv::Rect& at, cv::Point shift,
                     double limit = std::numeric_limits<double>::infinity()) {
  int64_t sum = 0;
  for (int y = 0; y < at.height && sum <= limit; ++y) {
    const uint8_t* p = a.ptr<uint8_t>(at.y + y) + 3 * at.x;
    const uint8_t* q = b.ptr<uint8_t>(at.y + y + shift.y) + 3 * (at.x + shift.x);
    for (int x = 0; x < 3 * at.width; ++x) sum += (int(p[x]) - int(q[x])) * (int(p[x]) - int(q[x]));
  }
  return static_cast<double>(sum);
}

// Whether the tile of `mid` at `at` lies within `limit` of `other` moved by up to tile_reach pixels.
bool some_move_within(const cv::Mat& mid, const cv::Mat& other, const cv::Rect& at, double limit) {
  const cv::Rect picture(0, 0, other.cols, other.rows);
  for (int dy = -tile_reach; dy <= tile_reach; ++dy)
    for (int dx = -tile_reach; dx <= tile_reach; ++dx) {
      const cv::Rect moved = at + cv::Point(dx, dy);
      if ((moved & picture) == moved && tile_distance(mid, other, at, {dx, dy}, limit) <= limit) return true;
    }
  return false;
}

// BlendWindow::coverage: the share of the active picture whose middle frame is the blend of the
// window's ends at the weight the whole picture has there, rather than either end moved.
float blend_coverage(const cv::Mat& start, const cv::Mat& mid, const cv::Mat& end) {
  struct Tile {
    cv::Rect at;
    double change_energy = 0, projection = 0, abs_change = 0;
    int brightest = 0;
  };
  std::vector<Tile> tiles;
  double change_energy = 0, projection = 0;
  for (int y0 = 0; y0 < start.rows; y0 += coverage_tile)
    for (int x0 = 0; x0 < start.cols; x0 += coverage_tile) {
      Tile tile{cv::Rect(x0, y0, std::min(coverage_tile, start.cols - x0), std::min(coverage_tile, start.rows - y0))};
      for (int y = tile.at.y; y < tile.at.br().y; ++y) {
        const uint8_t* s = start.ptr<uint8_t>(y);
        const uint8_t* m = mid.ptr<uint8_t>(y);
        const uint8_t* e = end.ptr<uint8_t>(y);
        for (int x = 3 * tile.at.x; x < 3 * tile.at.br().x; ++x) {
          const int change = int(e[x]) - int(s[x]);
          tile.change_energy += double(change) * change;
          tile.projection += double(int(m[x]) - int(s[x])) * change;
          tile.abs_change += std::abs(change);
          tile.brightest = std::max({tile.brightest, int(s[x]), int(e[x])});
        }
      }
      change_energy += tile.change_energy;
      projection += tile.projection;
      tiles.push_back(tile);
    }
  if (change_energy <= 0) return 0;
  const double weight = projection / change_energy;  // the picture's blend weight in `mid`

  int active = 0, blending = 0;
  for (const Tile& tile : tiles) {
    if (tile.brightest < black_level) continue;
    ++active;
    if (tile.abs_change < tile_change * 255 * 3 * tile.at.area()) continue;
    const double own_weight = tile.projection / tile.change_energy;
    if (std::abs(own_weight - weight) > tile_weight_tolerance) continue;
    // |mid - start - w (end - start)|^2 = |mid - start|^2 - w^2 |end - start|^2 at the best w.
    const double residual = tile_distance(mid, start, tile.at, {}) - own_weight * own_weight * tile.change_energy;
    if (residual > tile_residual_share * tile.change_energy) continue;
    blending += !some_move_within(mid, start, tile.at, residual) && !some_move_within(mid, end, tile.at, residual);
  }
  return active > 0 ? static_cast<float>(blending) / active : 0.0f;
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

void ShotDetector::keep_recent(size_t count) {
  for (size_t k = 0; k < std::min(count, recent_.size()); ++k) recent_[recent_.size() - 1 - k].keep = true;
}

void ShotDetector::retire(Thumb& thumb) {
  if (!thumb.keep || thumb.evidence.empty()) return;
  pictures_.put(thumb.index, media::encode_jpeg(thumb.evidence, evidence_quality));
  thumb.keep = false;
}

void ShotDetector::finish() {
  for (Thumb& thumb : recent_) retire(thumb);
}

void ShotDetector::measure_blends(ShotFrameScores& scores) {
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
    w.coverage = blend_coverage(start.bgr, mid.bgr, end.bgr);
    if (end.blank) w.kind = BlendKind::fade_out;
    else if (start.blank) w.kind = BlendKind::fade_in;
    else if (start.flat || end.flat || start.zluma.dot(end.zluma) < same_picture_correlation)
      w.kind = BlendKind::dissolve;
    if (w.may_be_transition(params_.min_gradual_change)) keep_recent(span + 1);
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
    retire(recent_.front());
    thumb = std::move(recent_.front());
    recent_.pop_front();
  }
  thumb.index = frame.index;
  const int evidence_height =
      std::max(1, static_cast<int>(std::lround(double(frame.picture.rows) * evidence_width / frame.picture.cols)));
  cv::resize(frame.picture, thumb.evidence, cv::Size(std::min(evidence_width, frame.picture.cols), evidence_height), 0,
             0, cv::INTER_AREA);
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
      for (Thumb& old : recent_) retire(old);
      recent_.clear();  // the picture size changed mid-stream: compare only like with like
    }
  }
  for (size_t k = 0; k < scores.skip.size(); ++k) {
    const size_t back = k + 2;
    if (recent_.size() >= back) scores.skip[k] = mean_difference(thumb.bgr, recent_[recent_.size() - back].bgr);
  }
  const bool blank_edge = !recent_.empty() && recent_.back().blank != thumb.blank;
  const bool sharp_change = scores.cut_score() >= params_.min_cut_score;
  recent_.push_back(std::move(thumb));
  // Kept: both sides of a change that may be a cut; the frames up to a blank stretch (a fade out
  // may lead to it) and those after it (a fade in may follow); windows that may be blends.
  if (sharp_change) keep_recent(2);
  if (blank_edge) {
    keep_recent(recent_.back().blank ? recent_.size() : 2);
    if (!recent_.back().blank) keep_coming_ = blend_spans.back();
  }
  if (keep_coming_ > 0) {
    keep_recent(1);
    --keep_coming_;
  }
  measure_blends(scores);
  scores_.push_back(scores);
}

}  // namespace herlens::analyzers
