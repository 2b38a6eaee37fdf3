#include <doctest/doctest.h>

#include <fstream>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "herlens/error.hpp"
#include "herlens/models/blazeface.hpp"
#include "herlens/models/facemesh.hpp"
#include "support/fixtures.hpp"

using namespace herlens::models;

namespace {

// Eileen Collins' face in tests/data/faces/astronaut.jpg (512 x 512), checked by eye: brow to chin.
const cv::Rect2f astronaut_face(173, 72, 106, 106);

cv::Mat picture(const std::string& name) {
  const auto path = herlens::test::source_file("tests/data/faces/" + name);
  cv::Mat bgr = cv::imread(path.string(), cv::IMREAD_COLOR);
  REQUIRE_MESSAGE(!bgr.empty(), path);
  return bgr;
}

// A 1280 x 720 frame of smooth grey texture with the astronaut portrait pasted in, scaled so that her face
// is `face_height` of the frame's height and centred on `face_centre`. Returns the face box it should have.
cv::Rect2f frame_with_face(cv::Mat& frame, float face_height, cv::Point2f face_centre) {
  frame.create(720, 1280, CV_8UC3);
  cv::randu(frame, 60, 200);
  cv::GaussianBlur(frame, frame, {0, 0}, 6);
  const cv::Mat portrait = picture("astronaut.jpg");
  const double scale = face_height * frame.rows / astronaut_face.height;
  cv::Mat scaled;
  cv::resize(portrait, scaled, {}, scale, scale, scale < 1 ? cv::INTER_AREA : cv::INTER_LINEAR);
  const cv::Point2f portrait_centre = (astronaut_face.tl() + astronaut_face.br()) * 0.5f;
  const cv::Point offset(cvRound(face_centre.x - portrait_centre.x * scale), cvRound(face_centre.y - portrait_centre.y * scale));
  const cv::Rect inside = cv::Rect(offset, scaled.size()) & cv::Rect({0, 0}, frame.size());
  scaled(inside - offset).copyTo(frame(inside));
  const float side = astronaut_face.height * float(scale);
  return {face_centre.x - side / 2, face_centre.y - side / 2, side, side};
}

float iou(const cv::Rect2f& a, const cv::Rect2f& b) {
  const float shared = (a & b).area();
  return shared / (a.area() + b.area() - shared);
}

BlazeFaceDetector& detector() {
  static BlazeFaceDetector shared;
  return shared;
}

}  // namespace

TEST_CASE("face: BlazeFace anchors follow MediaPipe's SSD layout") {
  const auto front = blazeface_anchor_centres(blazeface_short_range);
  REQUIRE(front.size() == 896);
  // Stride 8 on 128 px: a 16 x 16 map with 2 anchors per cell, row by row.
  CHECK(front[0].x == doctest::Approx(0.5 / 16));
  CHECK(front[1].x == doctest::Approx(0.5 / 16));
  CHECK(front[2].x == doctest::Approx(1.5 / 16));
  CHECK(front[32].y == doctest::Approx(1.5 / 16));
  CHECK(front[511].x == doctest::Approx(15.5 / 16));
  CHECK(front[511].y == doctest::Approx(15.5 / 16));
  // Three stride-16 layers share an 8 x 8 map: 6 anchors per cell.
  CHECK(front[512].x == doctest::Approx(0.5 / 8));
  CHECK(front[517].x == doctest::Approx(0.5 / 8));
  CHECK(front[518].x == doctest::Approx(1.5 / 8));
  CHECK(front[512 + 6 * 8].y == doctest::Approx(1.5 / 8));
  CHECK(front[895].x == doctest::Approx(7.5 / 8));
  CHECK(front[895].y == doctest::Approx(7.5 / 8));
  // The 256 px back-camera model doubles the strides, so its normalised centres are the same.
  const auto back = blazeface_anchor_centres(blazeface_back_camera);
  REQUIRE(back.size() == 896);
  for (size_t i = 0; i < back.size(); ++i) REQUIRE(back[i] == front[i]);
}

TEST_CASE("face: BlazeFace regressions decode against their anchor") {
  const std::vector<cv::Point2f> anchors{{0.0625f, 0.0625f}, {0.5f, 0.5f}, {0.9f, 0.1f}};
  const std::vector<float> logits{0.0f, 2.0f, -3.0f};
  std::vector<float> regressions(3 * blazeface_values_per_anchor, 0.0f);
  // Anchor 0: centre moved by (+12.8, -6.4) input pixels, box 25.6 x 32 px, on a 128 px input.
  regressions[0] = 12.8f;
  regressions[1] = -6.4f;
  regressions[2] = 25.6f;
  regressions[3] = 32.0f;
  // Anchor 1: centred on its anchor, 64 px square.
  regressions[16 + 2] = 64.0f;
  regressions[16 + 3] = 64.0f;

  const auto faces = decode_blazeface(logits, regressions, anchors, 128, 0.5f);
  REQUIRE(faces.size() == 2);  // sigmoid(-3) = 0.047 is dropped; sigmoid(0) = 0.5 is kept
  CHECK(faces[0].score == doctest::Approx(0.5));
  CHECK(faces[0].box.x == doctest::Approx(0.0625 + 0.1 - 0.1));
  CHECK(faces[0].box.y == doctest::Approx(0.0625 - 0.05 - 0.125));
  CHECK(faces[0].box.width == doctest::Approx(0.2));
  CHECK(faces[0].box.height == doctest::Approx(0.25));
  CHECK(faces[1].score == doctest::Approx(0.8808).epsilon(1e-3));
  CHECK(faces[1].box.x == doctest::Approx(0.25));
  CHECK(faces[1].box.width == doctest::Approx(0.5));

  CHECK_THROWS_AS(decode_blazeface(logits, std::vector<float>(16), anchors, 128, 0.5f), herlens::Error);
}

TEST_CASE("face: weighted non-maximum suppression blends overlapping boxes by score") {
  const std::vector<Face> raw{
      {{2, 0, 10, 10}, 0.6f},    // IoU 0.67 with the best: merged into it
      {{0, 0, 10, 10}, 0.9f},    // the best
      {{7, 0, 10, 10}, 0.8f},    // IoU 0.18 with the best: a face of its own
      {{50, 50, 20, 20}, 0.7f},  // far away
  };
  const auto merged = weighted_non_max_suppression(raw, 0.3f);
  REQUIRE(merged.size() == 3);
  CHECK(merged[0].score == doctest::Approx(0.9));
  CHECK(merged[0].box.x == doctest::Approx((0.9 * 0 + 0.6 * 2) / 1.5));
  CHECK(merged[0].box.width == doctest::Approx(10));
  // The second face absorbs nothing already taken by the first.
  CHECK(merged[1].score == doctest::Approx(0.8));
  CHECK(merged[1].box.x == doctest::Approx(7));
  CHECK(merged[2].box.x == doctest::Approx(50));
}

TEST_CASE("face: tiles cover the picture with the requested overlap") {
  using Origins = std::vector<cv::Point>;
  CHECK(blazeface_tile_origins({1280, 720}, 720, 144) == Origins{{0, 0}, {560, 0}});
  CHECK(blazeface_tile_origins({1280, 536}, 536, 107) == Origins{{0, 0}, {372, 0}, {744, 0}});
  CHECK(blazeface_tile_origins({720, 1280}, 720, 144) == Origins{{0, 0}, {0, 560}});
  // A tile larger than the picture is centred on it (letterboxed).
  CHECK(blazeface_tile_origins({720, 720}, 1280, 256) == Origins{{-280, -280}});
}

TEST_CASE("face: tiles fit the smallest face wanted, and a face needs a few pixels") {
  CHECK(blazeface_tile_side({1280, 720}, 0.06f) == 720);
  CHECK(blazeface_tile_side({1280, 536}, 0.06f) == 536);
  CHECK(blazeface_tile_side({640, 360}, 0.12f) == 640);  // no larger than the picture's long side
  // A picture one pixel tall is searched in a handful of tiles, not one per pixel (960 network runs).
  const cv::Size strip(960, 1);
  const int tile = blazeface_tile_side(strip, 0.06f);
  CHECK(tile >= 100);
  CHECK(blazeface_tile_origins(strip, tile, tile / 5).size() <= 12);
}

TEST_CASE("face: BlazeFace finds the astronaut's face where a person would draw it") {
  const auto faces = detector().detect(picture("astronaut.jpg"));
  REQUIRE(faces.size() == 1);
  CHECK(faces[0].score > 0.9f);
  CHECK(faces[0].box.x == doctest::Approx(astronaut_face.x).epsilon(0.04));
  CHECK(faces[0].box.y == doctest::Approx(astronaut_face.y).epsilon(0.06));
  CHECK(faces[0].box.height == doctest::Approx(astronaut_face.height).epsilon(0.06));
}

TEST_CASE("face: BlazeFace's box on a profile is as tall as on a frontal face of the same size") {
  // Turning the head about its vertical axis keeps the height from the eyes to the chin, so a box that
  // measures heads alike whichever way they face keeps its ratio to that height. Rows checked by eye
  // on 8x enlargements: the astronaut, frontal, eyes at 103 and chin at 172; the cameraman of
  // camera.jpg, in profile (one eye seen), eye at 148 and chin at 196. Measured: box height 1.52 and
  // 1.50 times eyes-to-chin.
  struct Head {
    const char* file;
    float eyes, chin;
  };
  const FaceMesh mesh;
  std::vector<double> box_over_eyes_to_chin;
  for (const Head head : {Head{"astronaut.jpg", 103, 172}, Head{"camera.jpg", 148, 196}}) {
    const std::string file = head.file;
    CAPTURE(file);
    const cv::Mat bgr = picture(head.file);
    const auto faces = detector().detect(bgr);
    REQUIRE(faces.size() == 1);
    // Brow to chin: above the eyes, down to the chin (within the 2 pixels a row read by eye may be off).
    CHECK(faces[0].box.y < head.eyes);
    CHECK(faces[0].box.br().y > head.chin - 2);
    box_over_eyes_to_chin.push_back(faces[0].box.height / (head.chin - head.eyes));
    // FaceMesh, another network, agrees: forehead (landmark 10) to chin (152) about the box's height
    // on both (measured 0.99 and 1.00).
    const FaceLandmarks found = mesh.landmarks(bgr, faces[0].box);
    REQUIRE(found.face_score > 0.5f);
    CHECK(cv::norm(found.points[10] - found.points[152]) / faces[0].box.height == doctest::Approx(1).epsilon(0.1));
  }
  CHECK(box_over_eyes_to_chin[1] / box_over_eyes_to_chin[0] == doctest::Approx(1).epsilon(0.1));
}

TEST_CASE("face: BlazeFace finds a face from 6% to 80% of the frame height") {
  struct Case {
    float face_height;
    cv::Point2f centre;
  };
  // 0.1 straddles the two tiles' overlap; 0.8 is larger than either model's input.
  for (const Case c : {Case{0.8f, {640, 380}}, Case{0.4f, {300, 300}}, Case{0.1f, {640, 200}},
                       Case{0.06f, {1000, 500}}, Case{0.06f, {200, 150}}}) {
    CAPTURE(c.face_height);
    cv::Mat frame;
    const auto expected = frame_with_face(frame, c.face_height, c.centre);
    const auto faces = detector().detect(frame);
    REQUIRE(faces.size() == 1);
    CHECK(faces[0].score >= 0.8f);
    CHECK(iou(faces[0].box, expected) > 0.7f);
    CHECK(faces[0].box.height / frame.rows == doctest::Approx(c.face_height).epsilon(0.15));
  }
}

TEST_CASE("face: BlazeFace finds the same faces whichever runtime runs its graphs") {
  BlazeFaceParams by_opencv;
  by_opencv.runtime = BlazeFaceRuntime::opencv_dnn;
  BlazeFaceDetector reference({}, by_opencv);
  for (const float face_height : {0.07f, 0.3f}) {
    CAPTURE(face_height);
    cv::Mat frame;
    frame_with_face(frame, face_height, {500, 300});
    const auto expected = reference.detect(frame);
    const auto faces = detector().detect(frame);
    REQUIRE(expected.size() == 1);
    REQUIRE(faces.size() == 1);
    CHECK(faces[0].score == doctest::Approx(expected[0].score).epsilon(1e-4));
    CHECK(faces[0].box.x == doctest::Approx(expected[0].box.x).epsilon(1e-3));
    CHECK(faces[0].box.y == doctest::Approx(expected[0].box.y).epsilon(1e-3));
    CHECK(faces[0].box.height == doctest::Approx(expected[0].box.height).epsilon(1e-3));
  }
}

TEST_CASE("face: BlazeFace reports boxes in the coordinates of a letterboxed frame") {
  cv::Mat frame;
  const auto expected = frame_with_face(frame, 0.25f, {900, 360});
  frame.rowRange(0, 92).setTo(cv::Scalar::all(0));
  frame.rowRange(628, 720).setTo(cv::Scalar::all(0));
  const auto faces = detector().detect(frame);
  REQUIRE(faces.size() == 1);
  CHECK(iou(faces[0].box, expected) > 0.75f);
}

TEST_CASE("face: BlazeFace finds no face where there is none") {
  for (const char* name : {"coffee.jpg", "rocket.jpg", "chelsea.jpg"}) {
    CAPTURE(name);
    CHECK(detector().detect(picture(name)).empty());
  }
  cv::Mat frame(720, 1280, CV_8UC3, cv::Scalar::all(0));
  CHECK(detector().detect(frame).empty());
  frame.setTo(cv::Scalar(128, 128, 128));
  CHECK(detector().detect(frame).empty());
  cv::randu(frame, 0, 256);
  CHECK(detector().detect(frame).empty());
  for (int y = 0; y < frame.rows; ++y) frame.row(y).setTo(cv::Scalar(255 * y / frame.rows, 100, 255 - 255 * y / frame.rows));
  CHECK(detector().detect(frame).empty());
}

TEST_CASE("face: BlazeFace refuses a corrupt model and bad parameters") {
  herlens::test::ScratchDir dir;
  std::ofstream(dir / "blazeface_back_256.onnx") << "not an ONNX graph";
  try {
    BlazeFaceDetector broken(dir.path());
    FAIL("a corrupt model was accepted");
  } catch (const herlens::Error& e) {
    CHECK(e.kind() == herlens::ErrorKind::model);
    CHECK(std::string(e.what()).find("scripts/setup") != std::string::npos);
  }
  BlazeFaceParams params;
  params.min_face_height = 0;
  CHECK_THROWS_AS(params.validate(), herlens::Error);
  params = {};
  params.min_score = 0.3f;  // below candidate_score
  CHECK_THROWS_AS(params.validate(), herlens::Error);
}

TEST_CASE("face: the factory builds every detector") {
  CHECK(make_face_detector(FaceDetectorKind::blazeface) != nullptr);
  CHECK(make_face_detector(FaceDetectorKind::blazeface_opencv) != nullptr);
  CHECK(make_face_detector(FaceDetectorKind::haar) != nullptr);
}
