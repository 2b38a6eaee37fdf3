#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

extern "C" {
#include <libavutil/frame.h>
}

#include "herlens/media/picture_scaler.hpp"
#include "herlens/media/row_average.hpp"

using namespace herlens::media;

namespace {

// A `width` x `height` picture of `format` (4:2:0, 8 or 10 bits) filled with one colour, given as
// 8-bit limited-range Y'CbCr, the rows' padding too (libswscale's SIMD code reads it); `lower`
// Y'CbCr fills its rows from `lower_from` down when given.
FramePtr flat_picture(AVPixelFormat format, int width, int height, std::array<int, 3> ycbcr,
                      std::array<int, 3> lower = {}, int lower_from = -1) {
  FramePtr frame = make_frame();
  frame->format = format;
  frame->width = width;
  frame->height = height;
  frame->colorspace = AVCOL_SPC_BT709;
  REQUIRE(av_frame_get_buffer(frame.get(), 0) == 0);
  const int shift = format == AV_PIX_FMT_YUV420P10LE ? 2 : 0;
  for (int plane = 0; plane < 3; ++plane) {
    const int rows = plane ? (height + 1) / 2 : height, columns = frame->linesize[plane] >> (shift ? 1 : 0);
    for (int y = 0; y < rows; ++y) {
      const int luma_row = plane ? 2 * y : y;
      const int value = (lower_from >= 0 && luma_row >= lower_from ? lower : ycbcr)[plane] << shift;
      uint8_t* row = frame->data[plane] + ptrdiff_t(y) * frame->linesize[plane];
      for (int x = 0; x < columns; ++x) {
        if (shift) reinterpret_cast<uint16_t*>(row)[x] = uint16_t(value);
        else row[x] = uint8_t(value);
      }
    }
  }
  return frame;
}

// B, G, R of limited-range BT.709 Y'CbCr, unrounded.
std::array<double, 3> bt709_bgr(std::array<int, 3> ycbcr) {
  const double y = (ycbcr[0] - 16) * 255.0 / 219, cb = (ycbcr[1] - 128) * 255.0 / 224,
               cr = (ycbcr[2] - 128) * 255.0 / 224;
  const double red = y + 1.5748 * cr, blue = y + 1.8556 * cb;
  const double green = (y - 0.2126 * red - 0.0722 * blue) / 0.7152;
  return {blue, green, red};
}

}  // namespace

TEST_CASE("picture scaler: pictures a few pixels wide convert whole, without writing past the picture") {
  // libswscale's SIMD converters write whole blocks of pixels past a row's end: the destination
  // must have room for them (these sizes corrupted the heap, and crashed, before it had).
  PictureScaler scaler;
  std::vector<cv::Mat> kept;  // neighbours on the heap, which a stray write would damage
  for (const cv::Size size : {cv::Size(2, 480), cv::Size(3, 4095), cv::Size(4, 64), cv::Size(1, 1),
                              cv::Size(5, 7), cv::Size(2, 2), cv::Size(18, 2)}) {
    CAPTURE(size);
    for (int repeat = 0; repeat < 3; ++repeat) {
      const FramePtr frame = flat_picture(AV_PIX_FMT_YUV420P, size.width, size.height, {126, 128, 128});
      cv::Mat out;
      scaler.convert(*frame, {}, 320, out);
      REQUIRE(out.size() == size);
      double low = 0, high = 0;
      cv::minMaxLoc(out.reshape(1), &low, &high);
      CHECK(low >= 126);
      CHECK(high <= 130);
      kept.push_back(out.clone());
    }
  }
}

TEST_CASE("picture scaler: a 1080p 4:2:0 picture keeps its colours at the analysis and detail widths") {
  // libswscale alone, shrinking 4:2:0 by six in height, took two levels of green off every grey.
  // Within 1.5 levels: libswscale's fixed-point conversion rounds to about one.
  for (const AVPixelFormat format : {AV_PIX_FMT_YUV420P, AV_PIX_FMT_YUV420P10LE}) {
    for (const std::array<int, 3> ycbcr : {std::array{126, 128, 128}, std::array{30, 128, 128},
                                           std::array{220, 128, 128}, std::array{81, 90, 240},
                                           std::array{41, 240, 110}}) {
      for (const int width : {320, 960}) {
        CAPTURE(format);
        CAPTURE(ycbcr);
        CAPTURE(width);
        PictureScaler scaler;
        cv::Mat out;
        scaler.convert(*flat_picture(format, 1920, 1080, ycbcr), {}, width, out);
        REQUIRE(out.size() == cv::Size(width, width * 9 / 16));
        const auto expected = bt709_bgr(ycbcr);
        for (int c = 0; c < 3; ++c) {
          cv::Mat channel;
          cv::extractChannel(out, channel, c);
          double low = 0, high = 0;
          cv::minMaxLoc(channel, &low, &high);
          CHECK(low >= std::clamp(expected[c], 0.0, 255.0) - 1.5);
          CHECK(high <= std::clamp(expected[c], 0.0, 255.0) + 1.5);
        }
      }
    }
  }
}

TEST_CASE("picture scaler: rows are averaged in bands, and a colour edge between bands stays sharp") {
  // Dark grey above row 540, blue below: 1080 rows to 180, six to a band, the edge between bands
  // 89 and 90. Alternate light and dark rows would average to the grey between them.
  const std::array<int, 3> grey{60, 128, 128}, blue{41, 240, 110};
  PictureScaler scaler;
  cv::Mat out;
  scaler.convert(*flat_picture(AV_PIX_FMT_YUV420P, 1920, 1080, grey, blue, 540), {}, 320, out);
  REQUIRE(out.size() == cv::Size(320, 180));
  const auto upper = bt709_bgr(grey), lower = bt709_bgr(blue);
  for (const int row : {0, 88, 89, 90, 91, 179}) {
    CAPTURE(row);
    const auto& expected = row < 90 ? upper : lower;
    const cv::Vec3b pixel = out.at<cv::Vec3b>(row, 160);
    for (int c = 0; c < 3; ++c) CHECK(std::abs(pixel[c] - std::clamp(expected[c], 0.0, 255.0)) <= 1.5);
  }

  FramePtr striped = flat_picture(AV_PIX_FMT_YUV420P, 1920, 1080, {126, 128, 128});
  for (int y = 0; y < 1080; ++y)
    std::fill_n(striped->data[0] + ptrdiff_t(y) * striped->linesize[0], 1920, uint8_t(y % 2 ? 46 : 206));
  scaler.convert(*striped, {}, 320, out);
  const auto mid_grey = bt709_bgr({126, 128, 128});
  double low = 0, high = 0;
  cv::minMaxLoc(out.reshape(1), &low, &high);
  CHECK(low >= mid_grey[1] - 1.5);
  CHECK(high <= mid_grey[1] + 1.5);
}

TEST_CASE("row averaging: planar Y'CbCr and grey are read, other layouts are left to libswscale") {
  CHECK(row_averaged_format(AV_PIX_FMT_YUV420P) == AV_PIX_FMT_YUV422P);
  CHECK(row_averaged_format(AV_PIX_FMT_YUVJ420P) == AV_PIX_FMT_YUV422P);
  CHECK(row_averaged_format(AV_PIX_FMT_YUV420P10LE) == AV_PIX_FMT_YUV422P10LE);
  CHECK(row_averaged_format(AV_PIX_FMT_YUV444P) == AV_PIX_FMT_YUV444P);
  CHECK(row_averaged_format(AV_PIX_FMT_GRAY8) == AV_PIX_FMT_GRAY8);
  for (const AVPixelFormat other : {AV_PIX_FMT_NV12, AV_PIX_FMT_P010LE, AV_PIX_FMT_YUYV422, AV_PIX_FMT_RGB24,
                                    AV_PIX_FMT_YUV420P10BE, AV_PIX_FMT_PAL8, AV_PIX_FMT_YUV411P}) {
    CAPTURE(other);
    CHECK(row_averaged_format(other) == AV_PIX_FMT_NONE);
    // Still converted, by libswscale alone.
    FramePtr frame = make_frame();
    frame->format = other;
    frame->width = 64;
    frame->height = 36;
    REQUIRE(av_frame_get_buffer(frame.get(), 0) == 0);
    PictureScaler scaler;
    cv::Mat out;
    scaler.convert(*frame, {}, 16, out);
    CHECK(out.size() == cv::Size(16, 9));
  }

  // Bands of uneven height (1080 rows to 7: 154 or 155 rows each) and the spare rows' copies.
  FramePtr frame = flat_picture(AV_PIX_FMT_YUV420P, 64, 1080, {126, 128, 128});
  for (int y = 0; y < 1080; ++y) std::fill_n(frame->data[0] + ptrdiff_t(y) * frame->linesize[0], 64, uint8_t(y / 5));
  FramePtr averaged = make_frame();
  average_rows(*frame, 7, 2, *averaged);
  REQUIRE(averaged->height == 9);
  for (int j = 0; j < 9; ++j) {
    CAPTURE(j);
    const int band = std::min(j, 6), first = band * 1080 / 7, end = (band + 1) * 1080 / 7;
    double sum = 0;
    for (int y = first; y < end; ++y) sum += y / 5;
    CHECK(averaged->data[0][ptrdiff_t(j) * averaged->linesize[0] + 10] == int(std::lround(sum / (end - first))));
    CHECK(averaged->data[1][ptrdiff_t(j) * averaged->linesize[1] + 10] == 128);
  }
}

TEST_CASE("row averaging: a mean halfway between two levels rounds up, in 8 and 10 bits") {
  // 1080 rows to 180: luma bands of 6 rows, 4:2:0 chroma bands of 3. Each band's first half holds
  // one level, its second half the next, so every mean ends in exactly one half.
  for (const AVPixelFormat format : {AV_PIX_FMT_YUV420P, AV_PIX_FMT_YUV420P10LE}) {
    CAPTURE(format);
    const bool wide = format == AV_PIX_FMT_YUV420P10LE;
    FramePtr frame = flat_picture(format, 32, 1080, {0, 0, 0});
    const auto fill_row = [&](int plane, int y, int value) {
      uint8_t* row = frame->data[plane] + ptrdiff_t(y) * frame->linesize[plane];
      const int width = plane == 0 ? 32 : 16;
      if (wide)
        std::fill_n(reinterpret_cast<uint16_t*>(row), width, uint16_t(value));
      else
        std::fill_n(row, width, uint8_t(value));
    };
    for (int y = 0; y < 1080; ++y) fill_row(0, y, 100 + (y % 6 >= 3 ? 1 : 0) + 2 * (y / 6 % 50));
    for (int y = 0; y < 540; ++y)
      for (int plane : {1, 2}) fill_row(plane, y, 60 + (y % 3 == 2 ? 1 : 0));
    FramePtr averaged = make_frame();
    average_rows(*frame, 180, 0, *averaged);
    const auto sample = [&](int plane, int j) {
      const uint8_t* row = averaged->data[plane] + ptrdiff_t(j) * averaged->linesize[plane];
      return wide ? int(reinterpret_cast<const uint16_t*>(row)[5]) : int(row[5]);
    };
    for (int j = 0; j < 180; ++j) {
      CAPTURE(j);
      CHECK(sample(0, j) == 101 + 2 * (j % 50));  // (6 * level + 3) / 6 = level + 0.5
      CHECK(sample(1, j) == 60);                  // 60.33 rounds down
    }
  }
}
