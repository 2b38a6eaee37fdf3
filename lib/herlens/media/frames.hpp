#pragma once
// What the decode pass hands to analyzers: pictures and audio, stamped with presentation time.
#include <cstdint>
#include <span>

#include <opencv2/core.hpp>

namespace herlens::media {

// Analysis audio: mono float at this rate (the speech model's rate).
inline constexpr int analysis_sample_rate = 16000;

struct VideoFrame {
  int64_t index = 0;    // 0-based, presentation order, every decoded picture counts
  double time = 0;      // seconds on the film timeline (from the container's start), from the presentation timestamp
  double duration = 0;  // seconds this picture is shown (best effort, for the last frame's end)
  // BGR, 8 bits, full range, converted with the stream's own matrix and range, at the analysis
  // size with the display aspect ratio. The buffer is reused for the next frame: clone to keep it.
  cv::Mat picture;
  // The same picture at the larger detail size, only when an analyzer asked for this frame.
  cv::Mat detail;
  // The decoded picture's own pixels on a grid that moves from frame to frame (media/pixel_grid.hpp),
  // BGR as `picture`, only when an analyzer asked for it (pipeline::Needs::pixel_grid_width).
  cv::Mat pixels;
};

struct AudioBlock {
  double time = 0;                 // seconds of samples[0] on the film timeline, as VideoFrame::time
  std::span<const float> samples;  // mono at analysis_sample_rate, nominally [-1, 1]; reused
};

}  // namespace herlens::media
