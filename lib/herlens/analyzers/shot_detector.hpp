#pragma once
// Measures every frame for shot-boundary detection (docs/shots.md): on a 64-pixel-wide thumbnail,
// the change from the previous frame (raw, with a camera move undone, in colour histogram), the
// change to frames 2-4 back (flashes), brightness, and how well each window of blend_spans frames
// ending here fits a blend of its ends. Keeps those few numbers per frame (storage::FrameRecords:
// in a temporary file but for the newest block), and a small JPEG of each frame a boundary may lie beside (a sharp change, the edge of a blank
// stretch and the frames leading to it, a window that may be a dissolve or fade), so boundaries
// can be shown without a second decode; the boundaries are decided after the pass by
// metrics::decide_shots().
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
  pipeline::Needs needs() const override { return {.video = true, .parallel = true}; }
  void on_video(const media::VideoFrame& frame) override;
  void finish() override;

  // After the pass: one record per frame, in order (index == position). Moves them out.
  metrics::ShotScores take_result() { return std::move(scores_); }
  // After the pass: the kept pictures. Moves them out.
  metrics::CandidatePictures take_pictures() { return std::move(pictures_); }

 private:
  // A thumbnail of one frame and what the window tests need from it.
  struct Thumb {
    cv::Mat bgr;                       // thumbnail, 8-bit BGR
    cv::Mat coarse;                    // the thumbnail shrunk to 16 pixels wide
    cv::Mat zluma;                     // luma minus its mean, scaled to unit length (CV_32F, thumbnail-sized)
    bool flat = false;                 // too uniform for a correlation to mean anything
    bool blank = false;
    std::array<float, 64> histogram{};  // 4 x 4 x 4 BGR bins, summing to 1
    int64_t index = 0;                 // of its frame
    cv::Mat evidence;                  // the picture at evidence size, 8-bit BGR
    bool keep = false;                 // its evidence is kept once it leaves the window
  };

  void measure(const cv::Mat& picture, Thumb& thumb, metrics::ShotFrameScores& scores) const;
  void measure_motion(const Thumb& previous, const Thumb& current, metrics::ShotFrameScores& scores);
  void measure_blends(metrics::ShotFrameScores& scores);
  // Marks the newest `count` thumbnails for keeping.
  void keep_recent(size_t count);
  // Encodes a thumbnail's evidence into pictures_ when it is marked.
  void retire(Thumb& thumb);

  metrics::ShotBoundaryParams params_;
  cv::Mat window_;  // Hanning window for phase correlation, thumbnail-sized
  std::deque<Thumb> recent_;  // the last blend_spans.back() + 1 thumbnails, newest last
  metrics::ShotScores scores_;  // one record per frame for the whole film, mostly in a file
  metrics::CandidatePictures pictures_;
  int64_t keep_coming_ = 0;  // how many frames still to come are kept (after a blank stretch ends)
};

}  // namespace herlens::analyzers
