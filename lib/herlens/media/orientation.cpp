#include "herlens/media/orientation.hpp"

#include <cstdlib>

extern "C" {
#include <libavutil/display.h>
}

namespace herlens::media {

const int32_t* display_matrix(const AVStream& stream) {
  return reinterpret_cast<const int32_t*>(
      av_stream_get_side_data(&stream, AV_PKT_DATA_DISPLAYMATRIX, nullptr));
}

Orientation orientation_of(const int32_t* matrix) {
  if (!matrix) return {};
  // The matrix maps a picture point (x, y) to (a x + c y, b x + d y) (plus a shift), y down: a and d
  // keep the axes, b and c swap them; their signs say which way each axis then runs.
  const int64_t a = matrix[0], b = matrix[1], c = matrix[3], d = matrix[4];
  Orientation orientation;
  orientation.transpose = std::llabs(b) + std::llabs(c) > std::llabs(a) + std::llabs(d);
  orientation.flip_x = (orientation.transpose ? c : a) < 0;
  orientation.flip_y = (orientation.transpose ? b : d) < 0;
  return orientation;
}

cv::Size displayed(cv::Size size, Orientation orientation) {
  return orientation.transpose ? cv::Size(size.height, size.width) : size;
}

void orient(const cv::Mat& picture, Orientation orientation, cv::Mat& out) {
  const bool flip = orientation.flip_x || orientation.flip_y;
  const int flip_code = orientation.flip_x && orientation.flip_y ? -1 : orientation.flip_x ? 1 : 0;
  if (!orientation.transpose) {
    if (flip) cv::flip(picture, out, flip_code);
    else picture.copyTo(out);
    return;
  }
  cv::transpose(picture, out);
  if (flip) cv::flip(out, out, flip_code);  // in place: cv::flip reads a row pair before writing it
}

}  // namespace herlens::media
