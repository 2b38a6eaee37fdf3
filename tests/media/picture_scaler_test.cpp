#include <doctest/doctest.h>

#include <vector>

extern "C" {
#include <libavutil/frame.h>
}

#include "herlens/media/picture_scaler.hpp"

using namespace herlens::media;

namespace {

// A `width` x `height` 4:2:0 picture of one limited-range grey (Y = 126: sRGB 128).
FramePtr grey_picture(int width, int height) {
  FramePtr frame = make_frame();
  frame->format = AV_PIX_FMT_YUV420P;
  frame->width = width;
  frame->height = height;
  REQUIRE(av_frame_get_buffer(frame.get(), 0) == 0);
  for (int plane = 0; plane < 3; ++plane) {
    const int rows = plane ? (height + 1) / 2 : height;
    std::fill_n(frame->data[plane], frame->linesize[plane] * rows, uint8_t(plane ? 128 : 126));
  }
  return frame;
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
      const FramePtr frame = grey_picture(size.width, size.height);
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
