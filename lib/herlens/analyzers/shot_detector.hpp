#pragma once
// Measures every frame for shot-boundary detection (docs/shots.md): on a 64-pixel-wide thumbnail,
// the change from the previous frame (raw, with a camera move undone, in colour histogram), the
// change to frames 2-4 back (flashes), brightness, and how well each window of blend_spans frames
// ending here fits a blend of its ends. Keeps those few numbers per frame (O(1) memory a frame);
// the boundaries are decided after the pass by metrics::decide_shots().
#include <array>
#include <deque>

#include <opencv2/core.hpp>

#include "herlens/metrics/shot_boundaries.hpp"
#include "herlens/pipeline/analyzer.hpp"

namespace herlens::analyzers {

class ShotDetector final : public pipeline::Analyzer {
 public:
  // Uses params.min_gradual_change: windows changing less are not tested as blends.
  explicit ShotDetector(const metrics::ShotBoundaryParams& params = {});
  std::string_view name() const override { return "shot detector"; }
  pipeline::Needs needs() const override { return {.video = true}; }
  void on_video(const media::VideoFrame& frame) override;

  // After the pass: one record per frame, in order (index == position). Moves them out.
  std::deque<metrics::ShotFrameScores> take_result() { return std::move(scores_); }

 private:
  // A thumbnail of one frame and what the window tests need from it.
  struct Thumb {
    cv::Mat bgr;                       // thumbnail, 8-bit BGR
    cv::Mat coarse;                    // the thumbnail shrunk to 16 pixels wide
    cv::Mat zluma;                     // luma minus its mean, scaled to unit length (CV_32F, thumbnail-sized)
    bool flat = false;                 // too uniform for a correlation to mean anything
    bool blank = false;
    std::array<float, 64> histogram{};  // 4 x 4 x 4 BGR bins, summing to 1
  };

  void measure(const cv::Mat& picture, Thumb& thumb, metrics::ShotFrameScores& scores) const;
  void measure_motion(const Thumb& previous, const Thumb& current, metrics::ShotFrameScores& scores);
  void measure_blends(metrics::ShotFrameScores& scores) const;

  metrics::ShotBoundaryParams params_;
  cv::Mat window_;  // Hanning window for phase correlation, thumbnail-sized
  std::deque<Thumb> recent_;  // the last blend_spans.back() + 1 thumbnails, newest last
  // One record per frame for the whole film: a deque grows without copying what it holds, so
  // memory never briefly doubles as a vector's does.
  std::deque<metrics::ShotFrameScores> scores_;
};

}  // namespace herlens::analyzers
