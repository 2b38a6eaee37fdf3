#include <doctest/doctest.h>

#include <opencv2/imgcodecs.hpp>

#include "herlens/error.hpp"
#include "herlens/models/haar_face_detector.hpp"
#include "support/fixtures.hpp"

using namespace herlens::models;

namespace {

cv::Mat picture(const std::string& name) {
  const auto path = herlens::test::source_file("tests/data/faces/" + name);
  cv::Mat bgr = cv::imread(path.string(), cv::IMREAD_COLOR);
  REQUIRE_MESSAGE(!bgr.empty(), path);
  return bgr;
}

}  // namespace

TEST_CASE("face: Haar boxes are moved down and enlarged to BlazeFace's convention") {
  const auto box = haar_to_blazeface_box({100, 100, 100, 100});
  CHECK(box.width == doctest::Approx(108));
  CHECK(box.height == doctest::Approx(108));
  CHECK(box.x + box.width / 2 == doctest::Approx(150));
  CHECK(box.y + box.height / 2 == doctest::Approx(162));
}

TEST_CASE("face: Haar finds the astronaut's face in BlazeFace's convention") {
  HaarFaceDetector detector;
  const auto faces = detector.detect(picture("astronaut.jpg"));
  REQUIRE(faces.size() == 1);
  // The face box checked by eye (tests/data/faces/README.md): x 173..279, y 72..178.
  CHECK(faces[0].box.x == doctest::Approx(173).epsilon(0.04));
  CHECK(faces[0].box.y == doctest::Approx(72).epsilon(0.08));
  CHECK(faces[0].box.height == doctest::Approx(106).epsilon(0.08));
}

TEST_CASE("face: Haar finds no face in faceless pictures") {
  HaarFaceDetector detector;
  for (const char* name : {"coffee.jpg", "rocket.jpg", "chelsea.jpg"}) {
    CAPTURE(name);
    CHECK(detector.detect(picture(name)).empty());
  }
}

TEST_CASE("face: Haar refuses a missing cascade and bad parameters") {
  try {
    HaarFaceDetector missing("/nonexistent/cascade.xml");
    FAIL("a missing cascade was accepted");
  } catch (const herlens::Error& e) {
    CHECK(e.kind() == herlens::ErrorKind::model);
    CHECK(std::string(e.what()).find("scripts/setup") != std::string::npos);
  }
  HaarParams params;
  params.min_neighbours = 0;
  CHECK_THROWS_AS(params.validate(), herlens::Error);
}
