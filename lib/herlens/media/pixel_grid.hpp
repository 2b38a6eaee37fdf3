#pragma once
// The decoded picture's own pixels on a sparse grid, for statistics that count pixels (colour
// families, metrics.md "Colour"): scaling the picture first would average neighbours and move
// pixels across the classes' thresholds. The grid's columns and rows are spread evenly over the
// picture and shifted from frame to frame along a low-discrepancy sequence (Halton's), so that over
// successive frames every pixel is read about as often as any other. Chroma is interpolated at each pixel's
// own position, where the stream sites it; values are converted with the stream's matrix and range
// (as PictureScaler does), and the grid is turned as the picture is displayed.
#include <opencv2/core.hpp>

#include "herlens/media/av_ptr.hpp"
#include "herlens/media/picture_scaler.hpp"

namespace herlens::media {

// Grid size for a picture of `width` x `height` coded pixels: at most `target_width` columns (every
// column when the picture is narrower), rows in the picture's proportion; as coded, not turned.
cv::Size grid_size(int width, int height, int target_width);

// Where the k-th of `count` grid lines falls on a side of `length` pixels, at `phase` in [0, 1).
inline int grid_line(int k, int count, int length, double phase) {
  return static_cast<int>((k + phase) * length / count);
}

class PixelGrid {
 public:
  // Reads `frame` as the `position`-th frame of the pass into `out` (8-bit BGR, reused between
  // calls, grid_size() as displayed).
  void sample(const AVFrame& frame, const DisplayShape& shape, int target_width, int64_t position, cv::Mat& out);

 private:
  cv::Mat coded_;  // the grid before turning, when the stream's display matrix turns it
  // Formats read_planes() cannot read are converted whole first, then sampled.
  PictureScaler converter_;
  cv::Mat converted_;
};

}  // namespace herlens::media
