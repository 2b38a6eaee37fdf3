#include "herlens/media/picture_scaler.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

extern "C" {
#include <libavutil/pixdesc.h>
}

#include "herlens/error.hpp"
#include "herlens/media/colour_matrix.hpp"
#include "herlens/media/open_input.hpp"
#include "herlens/media/row_average.hpp"

namespace herlens::media {

namespace {

// libswscale's SIMD converters write whole blocks of pixels, past a row's end and past the last
// row, into what FFmpeg's own frames keep spare: rows padded to an aligned length and a padded
// buffer end (av_frame_get_buffer). Pictures are converted into a buffer shaped the same way: rows
// a multiple of this many pixels (3 bytes each: a multiple of 64 bytes too) and a row to spare.
constexpr int row_block_pixels = 64;

// Rows libswscale converts with its C code at the end of every picture (swscale.c: "we can't use
// MMX here without overwriting this array's tail").
constexpr int swscale_c_rows = 2;

}  // namespace

cv::Size scaled_size(int width, int height, const DisplayShape& shape, int target_width) {
  const AVRational sar = shape.sar;
  const double pixel_aspect = (sar.num > 0 && sar.den > 0) ? av_q2d(sar) : 1.0;
  double display_width = width * pixel_aspect, display_height = height;
  if (shape.orientation.transpose) std::swap(display_width, display_height);
  const double out_width = std::min<double>(target_width, std::round(display_width));
  // A crafted pixel aspect ratio may ask for any height: no more than a picture side may have.
  const double out_height =
      std::min<double>(max_picture_side, std::round(out_width * display_height / display_width));
  return {std::max(1, static_cast<int>(out_width)), std::max(1, static_cast<int>(out_height))};
}

void PictureScaler::convert(const AVFrame& frame, const DisplayShape& shape, int target_width, cv::Mat& out) {
  // libswscale scales the picture as coded; turning it comes after.
  const cv::Size size = displayed(scaled_size(frame.width, frame.height, shape, target_width), shape.orientation);
  const auto frame_format = static_cast<AVPixelFormat>(frame.format);
  const int matrix = effective_matrix(frame.colorspace, frame.width, frame.height);
  const int full_range = is_full_range(frame.color_range, frame_format);
  // Shrunk at least twofold in height, the rows are averaged in bands first (row_average.hpp):
  // libswscale then shrinks only the width, and converts every row with its SIMD code. Its last
  // two rows it converts with its C code, two levels short in green: two spare rows go last.
  const bool banded = row_averaged_format(frame_format) != AV_PIX_FMT_NONE && 2 * size.height <= frame.height;
  if (banded) {
    if (!banded_) banded_ = make_frame();
    average_rows(frame, size.height, swscale_c_rows, *banded_);
  }
  const AVFrame& source = banded ? *banded_ : frame;
  const cv::Size converted(size.width, banded ? size.height + swscale_c_rows : size.height);
  const auto format = static_cast<AVPixelFormat>(source.format);
  if (!sws_ || source.width != src_width_ || source.height != src_height_ || format != src_format_ ||
      matrix != src_matrix_ || full_range != src_full_range_ || converted != dst_size_) {
    // Area averaging: every source pixel counts once, which is what colour statistics want.
    sws_.reset(sws_getContext(source.width, source.height, format, converted.width, converted.height,
                              AV_PIX_FMT_BGR24, SWS_AREA, nullptr, nullptr, nullptr));
    if (!sws_) throw Error(ErrorKind::media, "cannot convert this picture format");
    const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(format);
    if (desc && !(desc->flags & AV_PIX_FMT_FLAG_RGB)) {
      const int* coefficients = sws_getCoefficients(matrix);
      check_av(sws_setColorspaceDetails(sws_.get(), coefficients, full_range,
                                        sws_getCoefficients(SWS_CS_DEFAULT), 1, 0, 1 << 16, 1 << 16),
               "picture colour conversion");
    }
    src_width_ = source.width;
    src_height_ = source.height;
    src_format_ = format;
    src_matrix_ = matrix;
    src_full_range_ = full_range;
    dst_size_ = converted;
  }
  const int padded_width = (size.width + row_block_pixels - 1) / row_block_pixels * row_block_pixels;
  padded_.create(converted.height + 1, padded_width, CV_8UC3);
  uint8_t* dst[1] = {padded_.data};
  const int dst_stride[1] = {static_cast<int>(padded_.step)};
  sws_scale(sws_.get(), source.data, source.linesize, 0, source.height, dst, dst_stride);
  if (shape.orientation.upright()) {
    out = padded_(cv::Rect({}, size));
  } else {
    orient(padded_(cv::Rect({}, size)), shape.orientation, oriented_);
    out = oriented_;
  }
}

}  // namespace herlens::media
