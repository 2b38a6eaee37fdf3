#pragma once
// How a picture is turned for display. Phones and cameras store the picture as the sensor saw it
// and a display matrix saying how to turn it (a quarter turn, a mirror image); the analysis sees
// the picture as it is displayed, so faces are upright and shapes are the film's.
#include <cstdint>

#include <opencv2/core.hpp>

#include "herlens/media/av_ptr.hpp"

namespace herlens::media {

// Every turn and mirror image of a picture: rows and columns swapped, then mirrored.
struct Orientation {
  bool transpose = false;  // row y becomes column y (a quarter turn with a mirror)
  bool flip_x = false;     // then left and right change places
  bool flip_y = false;     // then top and bottom change places
  bool upright() const { return !transpose && !flip_x && !flip_y; }
};

// The stream's display matrix (libavutil/display.h), or nullptr when it has none.
const int32_t* display_matrix(const AVStream& stream);

// The turn a display matrix makes (nullptr: none), as FFmpeg's players apply it. A rotation that is
// no quarter turn is taken to the nearest quarter turn.
Orientation orientation_of(const int32_t* matrix);

// A picture of `size` as displayed (swapped when transposed).
cv::Size displayed(cv::Size size, Orientation orientation);

// Writes `picture` as displayed into `out` (not the same Mat).
void orient(const cv::Mat& picture, Orientation orientation, cv::Mat& out);

}  // namespace herlens::media
