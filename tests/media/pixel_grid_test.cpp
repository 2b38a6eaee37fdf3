#include <doctest/doctest.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

extern "C" {
#include <libavutil/frame.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

#include "herlens/media/pixel_grid.hpp"

using namespace herlens::media;

namespace {

FramePtr blank_frame(AVPixelFormat format, int width, int height) {
  FramePtr frame = make_frame();
  frame->format = format;
  frame->width = width;
  frame->height = height;
  REQUIRE(av_frame_get_buffer(frame.get(), 0) == 0);
  return frame;
}

// An 8-bit 4:4:4 picture, `inside` where `inside_at(x, y)` holds, `outside` elsewhere; colours as
// Y, Cb, Cr.
template <typename Predicate>
FramePtr regions(int width, int height, cv::Vec3b inside, cv::Vec3b outside, Predicate inside_at) {
  FramePtr frame = blank_frame(AV_PIX_FMT_YUV444P, width, height);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      for (int plane = 0; plane < 3; ++plane)
        frame->data[plane][y * frame->linesize[plane] + x] = (inside_at(x, y) ? inside : outside)[plane];
  return frame;
}

// BT.709 limited range: a saturated blue and a mid grey.
const cv::Vec3b blue_ycbcr(32, 240, 118), grey_ycbcr(126, 128, 128);

bool is_blue(const cv::Vec3b& bgr) { return bgr[0] > 200 && bgr[1] < 40 && bgr[2] < 40; }

double blue_share(const cv::Mat& grid) {
  int count = 0;
  for (int y = 0; y < grid.rows; ++y)
    for (int x = 0; x < grid.cols; ++x) count += is_blue(grid.at<cv::Vec3b>(y, x));
  return double(count) / double(grid.total());
}

}  // namespace

TEST_CASE("pixel grid: grid lines spread evenly, and over their phases every pixel is read as often") {
  const int length = 1920, count = 160;
  std::vector<int> reads(length, 0);
  const int phases = 1200;
  for (int p = 0; p < phases; ++p)
    for (int k = 0; k < count; ++k) {
      const int at = grid_line(k, count, length, (p + 0.5) / phases);
      REQUIRE(at >= 0);
      REQUIRE(at < length);
      ++reads[at];
    }
  for (const int r : reads) CHECK(r == phases * count / length);
  CHECK(grid_size(1920, 1080, 160) == cv::Size(160, 90));
  CHECK(grid_size(64, 36, 160) == cv::Size(64, 36));  // never more columns than pixels
}

TEST_CASE("pixel grid: a pattern finer than the grid is counted at its true share over successive frames") {
  // Blue on 2 of every 12 columns: a fixed grid of one pixel in twelve would see it everywhere or nowhere.
  const FramePtr frame = regions(1920, 1080, blue_ycbcr, grey_ycbcr, [](int x, int) { return x % 12 < 2; });
  PixelGrid grid;
  cv::Mat pixels;
  std::vector<double> shares;
  for (int n = 0; n < 480; ++n) {  // 20 s at 24 fps
    grid.sample(*frame, {}, 160, n, pixels);
    REQUIRE(pixels.size() == cv::Size(160, 90));
    shares.push_back(blue_share(pixels));
  }
  CHECK((shares[0] == 0 || shares[0] == 1));  // one frame's grid sees one phase
  const auto mean = [&](size_t first, size_t count) {
    double sum = 0;
    for (size_t n = first; n < first + count; ++n) sum += shares[n];
    return sum / double(count);
  };
  CHECK(std::abs(mean(0, 480) - 2.0 / 12) < 0.005);
  CHECK(std::abs(mean(100, 24) - 2.0 / 12) < 0.05);  // one second anywhere
}

TEST_CASE("pixel grid: a grid as wide as the picture reads every pixel, each as converted by libswscale") {
  // Blue in a region whose edges no scaled picture keeps sharp.
  const FramePtr frame =
      regions(96, 54, blue_ycbcr, grey_ycbcr, [](int x, int y) { return x >= 10 && x < 40 && y >= 6 && y < 30; });
  PixelGrid grid;
  cv::Mat pixels;
  grid.sample(*frame, {}, 96, 7, pixels);
  REQUIRE(pixels.size() == cv::Size(96, 54));
  CHECK(blue_share(pixels) == doctest::Approx(30.0 * 24 / (96 * 54)));
  PictureScaler scaler;
  cv::Mat converted;
  scaler.convert(*frame, {}, 96, converted);
  const cv::Vec3b inside = pixels.at<cv::Vec3b>(12, 20), outside = pixels.at<cv::Vec3b>(40, 70);
  for (int c = 0; c < 3; ++c) {
    CHECK(std::abs(inside[c] - converted.at<cv::Vec3b>(12, 20)[c]) <= 2);
    CHECK(std::abs(outside[c] - converted.at<cv::Vec3b>(40, 70)[c]) <= 2);
  }
}

TEST_CASE("pixel grid: every kind of pixel format reads as libswscale converts it") {
  // One uniform picture in each format, from the same 8-bit 4:4:4 colour, through libswscale.
  const FramePtr source = blank_frame(AV_PIX_FMT_YUV444P, 64, 32);
  for (int plane = 0; plane < 3; ++plane)
    std::fill_n(source->data[plane], source->linesize[plane] * 32, uint8_t(plane == 0 ? 90 : plane == 1 ? 180 : 100));
  for (const AVPixelFormat format : {AV_PIX_FMT_YUV420P, AV_PIX_FMT_YUV420P10LE, AV_PIX_FMT_YUV422P,
                                     AV_PIX_FMT_NV12, AV_PIX_FMT_P010LE, AV_PIX_FMT_YUYV422, AV_PIX_FMT_GBRP,
                                     AV_PIX_FMT_RGB24, AV_PIX_FMT_BGR0, AV_PIX_FMT_GRAY8, AV_PIX_FMT_PAL8,
                                     AV_PIX_FMT_YUV420P16BE, AV_PIX_FMT_RGB565LE}) {
    const std::string name = av_get_pix_fmt_name(format);
    CAPTURE(name);
    FramePtr frame = blank_frame(format, 64, 32);
    if (format == AV_PIX_FMT_PAL8) {  // libswscale writes no palettes: one colour, index 0
      std::fill_n(frame->data[0], frame->linesize[0] * 32, uint8_t(0));
      const uint32_t argb = 0xff3080c0;
      std::memcpy(frame->data[1], &argb, sizeof argb);
    } else {
      SwsContextPtr sws(
          sws_getContext(64, 32, AV_PIX_FMT_YUV444P, 64, 32, format, SWS_POINT, nullptr, nullptr, nullptr));
      REQUIRE(sws);
      sws_scale(sws.get(), source->data, source->linesize, 0, 32, frame->data, frame->linesize);
    }
    PictureScaler scaler;
    cv::Mat expected, pixels;
    scaler.convert(*frame, {}, 64, expected);
    PixelGrid grid;
    grid.sample(*frame, {}, 16, 3, pixels);
    REQUIRE(pixels.size() == cv::Size(16, 8));
    const int tolerance = format == AV_PIX_FMT_RGB565LE ? 8 : 3;
    for (int c = 0; c < 3; ++c) CHECK(std::abs(pixels.at<cv::Vec3b>(4, 5)[c] - expected.at<cv::Vec3b>(20, 20)[c]) <= tolerance);
  }
}

TEST_CASE("pixel grid: the grid is turned as the picture is displayed") {
  const FramePtr frame = regions(64, 32, blue_ycbcr, grey_ycbcr, [](int x, int) { return x < 16; });
  PixelGrid grid;
  cv::Mat pixels;
  grid.sample(*frame, {{1, 1}, {.transpose = true}}, 64, 0, pixels);
  REQUIRE(pixels.size() == cv::Size(32, 64));
  CHECK(is_blue(pixels.at<cv::Vec3b>(2, 10)));    // was row 10, column 2
  CHECK(!is_blue(pixels.at<cv::Vec3b>(40, 10)));  // was column 40
}

TEST_CASE("pixel grid: chroma is interpolated at each pixel's position, where the stream sites it") {
  // 4:2:0, blue chroma in chroma columns 0-7 (luma 0-15), grey from column 8 on; uniform luma.
  FramePtr frame = blank_frame(AV_PIX_FMT_YUV420P, 32, 8);
  for (int y = 0; y < 8; ++y) std::fill_n(frame->data[0] + y * frame->linesize[0], 32, uint8_t(80));
  for (int y = 0; y < 4; ++y)
    for (int x = 0; x < 16; ++x) {
      frame->data[1][y * frame->linesize[1] + x] = x < 8 ? 170 : 128;  // bluish, unclipped
      frame->data[2][y * frame->linesize[2] + x] = 128;
    }
  const auto blue_along_row = [&](AVChromaLocation location) {
    frame->chroma_location = location;
    PixelGrid grid;
    cv::Mat pixels;
    grid.sample(*frame, {}, 32, 0, pixels);
    std::vector<int> blue;
    for (int x = 0; x < 32; ++x) blue.push_back(pixels.at<cv::Vec3b>(4, x)[0]);
    return blue;
  };
  // Left-sited (and unstated): chroma sample 7 sits on pixel 14, sample 8 on pixel 16.
  const std::vector<int> left = blue_along_row(AVCHROMA_LOC_LEFT);
  CHECK(left == blue_along_row(AVCHROMA_LOC_UNSPECIFIED));
  CHECK(left[14] == left[0]);
  CHECK(left[16] == left[31]);
  CHECK(std::abs(left[15] - (left[14] + left[16]) / 2) <= 1);
  // Centre-sited: sample 7 sits between pixels 14 and 15, so pixel 15 is three quarters blue.
  const std::vector<int> centre = blue_along_row(AVCHROMA_LOC_CENTER);
  CHECK(centre[14] == centre[0]);
  CHECK(centre[15] > left[15]);
  CHECK(std::abs(centre[15] - (3 * centre[14] + centre[17]) / 4) <= 1);
}
