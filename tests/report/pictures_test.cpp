// Thumbnails' evidence: people's parts and figure boxes drawn, captions read whole in as many lines
// as the picture's width needs.
#include <doctest/doctest.h>

#include <opencv2/core.hpp>

#include "herlens/models/person_detector.hpp"
#include "herlens/report/pictures.hpp"

using namespace herlens::report;

namespace {

// The columns of the caption strip (below `image_rows`) holding light text pixels.
int text_columns_from(const cv::Mat& tile, int image_rows, int first_column) {
  int count = 0;
  for (int x = first_column; x < tile.cols; ++x)
    for (int y = image_rows; y < tile.rows; ++y)
      if (tile.at<cv::Vec3b>(y, x)[0] > 128) {
        ++count;
        break;
      }
  return count;
}

}  // namespace

TEST_CASE("pictures: a caption wider than its thumbnail wraps at its fields, one line each as needed") {
  const cv::Mat thumbnail(108, 192, CV_8UC3, cv::Scalar(0, 0, 0));
  const cv::Mat short_caption = captioned(thumbnail, "shot 2  26.0 s");
  CHECK(short_caption.rows == 108 + 16);
  CHECK(short_caption.cols == 192);
  // One line would run past 192 pixels (the words "people 1" were cut off before).
  const cv::Mat long_caption = captioned(thumbnail, "shot 12  126.0 s  face 0.34  people 1");
  CHECK(long_caption.rows == 108 + 2 * 16);
  CHECK(long_caption.cols == 192);
  // The text stays inside the picture's width: nothing drawn on its last 3 columns.
  CHECK(text_columns_from(long_caption, 108, 192 - 3) == 0);
  // A single field wider than the picture keeps one line.
  CHECK(captioned(cv::Mat(20, 40, CV_8UC3), "a-field-wider-than-forty-pixels").rows == 20 + 16);
}

TEST_CASE("pictures: a person's seen parts are drawn, and the figure box a closer look found it through") {
  using herlens::models::BodyPart;
  const cv::Mat black(100, 200, CV_8UC3, cv::Scalar(0, 0, 0));
  const auto lit = [](const cv::Mat& picture, int x, int y) { return picture.at<cv::Vec3b>(y, x) != cv::Vec3b(0, 0, 0); };
  herlens::models::Person person;
  person[BodyPart::nose] = {{0.5f, 0.2f}, 0.9f};
  person[BodyPart::left_ankle] = {{0.25f, 0.8f}, 0.1f};  // under the score: not drawn
  const cv::Mat parts = with_people(black, std::vector{person}, 0.3);
  CHECK(lit(parts, 100, 20));
  CHECK(!lit(parts, 50, 80));
  CHECK(!lit(parts, 20, 50));  // no box without one
  person.figure = {0.1f, 0.1f, 0.6f, 0.8f};
  const cv::Mat boxed = with_people(black, std::vector{person}, 0.3);
  CHECK(lit(boxed, 20, 50));   // its left side, at x 0.1
  CHECK(lit(boxed, 140, 50));  // its right side, at x 0.7
  CHECK(!lit(boxed, 80, 50));  // not filled
}
