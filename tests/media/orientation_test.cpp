#include <doctest/doctest.h>

#include <array>

extern "C" {
#include <libavutil/display.h>
}

#include "herlens/media/orientation.hpp"

using namespace herlens::media;

namespace {

// A 2x3 picture whose every pixel differs, so each turn and mirror image gives another.
cv::Mat asymmetric() { return (cv::Mat_<uint8_t>(2, 3) << 1, 2, 3, 4, 5, 6); }

cv::Mat displayed_by(const std::array<int32_t, 9>& matrix) {
  cv::Mat out;
  orient(asymmetric(), orientation_of(matrix.data()), out);
  return out;
}

bool same(const cv::Mat& a, const cv::Mat& b) { return a.size() == b.size() && cv::countNonZero(a != b) == 0; }

}  // namespace

TEST_CASE("orientation: each quarter turn and mirror image of a display matrix, as FFmpeg applies it") {
  // av_display_rotation_set(m, angle): the picture is displayed turned `angle` degrees clockwise.
  const auto rotation = [](double clockwise, bool hflip = false, bool vflip = false) {
    std::array<int32_t, 9> matrix{};
    av_display_rotation_set(matrix.data(), clockwise);
    av_display_matrix_flip(matrix.data(), hflip, vflip);
    return matrix;
  };
  const cv::Mat picture = asymmetric();
  cv::Mat expected;
  CHECK(orientation_of(nullptr).upright());
  CHECK(orientation_of(rotation(0).data()).upright());
  cv::rotate(picture, expected, cv::ROTATE_90_CLOCKWISE);
  CHECK(same(displayed_by(rotation(90)), expected));
  cv::rotate(picture, expected, cv::ROTATE_180);
  CHECK(same(displayed_by(rotation(180)), expected));
  cv::rotate(picture, expected, cv::ROTATE_90_COUNTERCLOCKWISE);
  CHECK(same(displayed_by(rotation(270)), expected));
  CHECK(same(displayed_by(rotation(-90)), expected));
  cv::flip(picture, expected, 1);
  CHECK(same(displayed_by(rotation(0, true)), expected));
  cv::flip(picture, expected, 0);
  CHECK(same(displayed_by(rotation(0, false, true)), expected));
  // Turned, then mirrored: av_display_matrix_flip mirrors what the turn displays.
  cv::Mat turned;
  cv::rotate(picture, turned, cv::ROTATE_90_CLOCKWISE);
  cv::flip(turned, expected, 1);
  CHECK(same(displayed_by(rotation(90, true)), expected));
  cv::rotate(picture, turned, cv::ROTATE_90_COUNTERCLOCKWISE);
  cv::flip(turned, expected, 0);
  CHECK(same(displayed_by(rotation(270, false, true)), expected));
  // Nearly a quarter turn is one.
  cv::rotate(picture, expected, cv::ROTATE_90_CLOCKWISE);
  CHECK(same(displayed_by(rotation(88)), expected));
  CHECK(displayed({320, 180}, orientation_of(rotation(90).data())) == cv::Size(180, 320));
}
