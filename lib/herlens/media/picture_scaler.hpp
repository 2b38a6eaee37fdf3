#pragma once
// Converts decoded pictures to BGR at a chosen width, with the stream's own colour matrix and
// range, as displayed (square pixels: the display aspect ratio honoured; turned upright by the
// display matrix) and no upscaling.
#include <opencv2/core.hpp>

#include "herlens/media/av_ptr.hpp"
#include "herlens/media/orientation.hpp"

namespace herlens::media {

// How a stream's pictures are displayed.
struct DisplayShape {
  AVRational sar{1, 1};     // pixel aspect ratio (invalid values: square)
  Orientation orientation;  // applied after the aspect ratio
};

// Output size for a picture of `width` x `height` coded pixels, displayed as `shape` says and
// scaled to at most `target_width` pixels wide (never wider than its own display width).
cv::Size scaled_size(int width, int height, const DisplayShape& shape, int target_width);

class PictureScaler {
 public:
  // Converts `frame` and makes `out` a view of the result, in a buffer of this scaler's that is
  // reused for the next picture (reallocated only when the size changes): clone it to keep it.
  void convert(const AVFrame& frame, const DisplayShape& shape, int target_width, cv::Mat& out);

 private:
  FramePtr banded_;  // the picture's rows averaged down to the output height (row_average.hpp)
  SwsContextPtr sws_;
  // What sws_ was made for, so a mid-stream format or size change rebuilds it.
  int src_width_ = 0, src_height_ = 0, src_format_ = -1;
  int src_matrix_ = -1, src_full_range_ = -1;
  cv::Size dst_size_;
  cv::Mat padded_;    // what libswscale writes into: the picture, with room for its block writes
  cv::Mat oriented_;  // the picture turned upright, when the stream's display matrix turns it
};

}  // namespace herlens::media
