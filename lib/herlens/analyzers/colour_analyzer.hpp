#pragma once
// Colour of every frame (metrics.md, "Colour"; what is kept: metrics/colour_frames.hpp): family
// counts, pastel count and L*a*b* sums over its own pixels on a grid that moves from frame to frame
// (media/pixel_grid.hpp: no scaling moves pixels across the classes' thresholds), the frame's
// near-black border, a few sampled pixels for palettes and, per family, a bounded pool of
// thumbnails of the frames where it is strongest. The per-frame records (a few hundred bytes)
// go to a temporary file (storage::FrameRecords); thumbnails are bounded by the pool size, so
// memory stays flat whatever the film's length. After
// the pass, metrics::summarise_colour() joins the frames with the shots.
#include <vector>

#include <opencv2/core.hpp>

#include "herlens/metrics/colour_frames.hpp"
#include "herlens/pipeline/analyzer.hpp"

namespace herlens::analyzers {

class ColourAnalyzer final : public pipeline::Analyzer {
 public:
  explicit ColourAnalyzer(const metrics::ColourParams& params = {});
  std::string_view name() const override { return "colour"; }
  pipeline::Needs needs() const override {
    return {.video = true, .pixel_grid_width = params_.grid_width, .parallel = true};
  }
  void on_video(const media::VideoFrame& frame) override;

  // After the pass: everything recorded. Moves it out.
  metrics::ColourObservations take_result() { return std::move(seen_); }

 private:
  struct RowDark {  // near-black pixels of one row
    int count = 0;
    int64_t lightness = 0, a = 0, b = 0, chroma = 0;  // sums times 100
  };
  void measure(const cv::Mat& pixels, metrics::FrameColour& frame);
  // `picture`: the analysis picture, which palette samples and thumbnails are taken from;
  // `border`: on the grid.
  void sample(const cv::Mat& picture, const metrics::Border& border, int64_t index);
  void offer_evidence(const cv::Mat& picture, const metrics::FrameColour& frame);

  metrics::ColourParams params_;
  metrics::PixelClassifier classify_;
  cv::Mat fitted_;  // a grid of another size, resized to the first one's
  std::vector<RowDark> rows_;
  std::vector<int> columns_;  // near-black pixels per column
  metrics::ColourObservations seen_;
};

}  // namespace herlens::analyzers
