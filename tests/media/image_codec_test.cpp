#include <doctest/doctest.h>

#include <cstdint>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "herlens/error.hpp"
#include "herlens/media/image_codec.hpp"

using namespace herlens::media;

namespace {

// A picture with detail in every channel: gradients one way, a checkerboard the other.
cv::Mat test_picture(int rows, int cols, int channels) {
  cv::Mat picture(rows, cols, CV_8UC(channels));
  for (int y = 0; y < rows; ++y)
    for (int x = 0; x < cols; ++x)
      for (int c = 0; c < channels; ++c)
        picture.ptr<uint8_t>(y)[x * channels + c] = uint8_t((x * (c + 3) + y * (7 - c) + ((x / 4 + y / 4) % 2) * 60) % 256);
  return picture;
}

}  // namespace

TEST_CASE("image codec: PNG keeps every pixel of grey, BGR and BGRA pictures, cropped ones too") {
  for (const int channels : {1, 3, 4}) {
    CAPTURE(channels);
    const cv::Mat whole = test_picture(37, 53, channels);
    for (const cv::Mat& picture : {whole, whole(cv::Rect(5, 3, 31, 20))}) {
      const std::vector<uint8_t> png = encode_png(picture);
      // Read back by another decoder (OpenCV's), colours in OpenCV's order.
      const cv::Mat read = cv::imdecode(png, cv::IMREAD_UNCHANGED);
      REQUIRE(read.size() == picture.size());
      REQUIRE(read.type() == picture.type());
      CHECK(cv::norm(read, picture, cv::NORM_INF) == 0);
    }
  }
}

TEST_CASE("image codec: pictures PNG cannot hold as asked are refused, not written wrong") {
  CHECK_THROWS_AS(encode_png(cv::Mat()), herlens::Error);
  CHECK_THROWS_AS(encode_png(cv::Mat(4, 4, CV_16UC3, cv::Scalar::all(1000))), herlens::Error);
  CHECK_THROWS_AS(encode_png(cv::Mat(4, 4, CV_8UC2, cv::Scalar::all(9))), herlens::Error);
}

TEST_CASE("image codec: JPEG round trip, read the same as OpenCV reads it") {
  const cv::Mat picture = test_picture(72, 128, 3);
  cv::Mat smooth;
  cv::GaussianBlur(picture, smooth, {0, 0}, 2.0);
  const std::vector<uint8_t> jpeg = encode_jpeg(smooth, 90);
  REQUIRE(jpeg.size() > 2);
  CHECK(jpeg[0] == 0xFF);
  CHECK(jpeg[1] == 0xD8);
  const cv::Mat read = decode_jpeg(jpeg);
  REQUIRE(read.size() == smooth.size());
  REQUIRE(read.type() == CV_8UC3);
  // Lossy, but as close as OpenCV's own encoder gets at the same quality.
  std::vector<uint8_t> theirs;
  REQUIRE(cv::imencode(".jpg", smooth, theirs, {cv::IMWRITE_JPEG_QUALITY, 90}));
  const double error = cv::norm(read, smooth, cv::NORM_L1) / double(smooth.total() * 3);
  const double their_error = cv::norm(cv::imdecode(theirs, cv::IMREAD_COLOR), smooth, cv::NORM_L1) / double(smooth.total() * 3);
  CAPTURE(error);
  CAPTURE(their_error);
  CHECK(error < 4.0);
  CHECK(error <= their_error * 1.05);
  // Colours keep their order: a blue picture stays blue.
  const cv::Mat blue = decode_jpeg(encode_jpeg(cv::Mat(16, 16, CV_8UC3, cv::Scalar(200, 40, 20)), 95));
  const cv::Vec3b centre = blue.at<cv::Vec3b>(8, 8);
  CHECK(centre[0] > 180);
  CHECK(centre[2] < 40);
  // The same pixels as OpenCV's decoder gives for the same bytes.
  CHECK(cv::norm(read, cv::imdecode(jpeg, cv::IMREAD_COLOR), cv::NORM_INF) == 0);
}

TEST_CASE("image codec: bytes that are not a JPEG file give an empty picture, not an exit") {
  CHECK(decode_jpeg({}).empty());
  const std::vector<uint8_t> garbage(300, 0x5A);
  CHECK(decode_jpeg(garbage).empty());
  std::vector<uint8_t> header_only = encode_jpeg(test_picture(16, 16, 3), 80);
  header_only.resize(20);
  CHECK(decode_jpeg(header_only).empty());
  CHECK_THROWS_AS(encode_jpeg(cv::Mat(8, 8, CV_8UC1, cv::Scalar(1)), 80), herlens::Error);
}
