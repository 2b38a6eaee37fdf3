#include "herlens/models/facemesh.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "herlens/error.hpp"
#include "herlens/models/model_files.hpp"
#include "herlens/models/tfjs_graph.hpp"
#include "support/fixtures.hpp"
#include "support/tfjs_reference.hpp"

namespace {

using herlens::models::facemesh_landmark_count;

herlens::test::TfjsReference read_reference() {
  return herlens::test::read_tfjs_reference(herlens::test::source_file("tests/data/facemesh/outputs.csv"));
}

}  // namespace

TEST_CASE("facemesh graph run natively gives TensorFlow.js's outputs") {
  // Reference: scripts/make-tfjs-reference facemesh (TensorFlow.js CPU backend) on the same input picture.
  const herlens::models::TfjsGraph graph = herlens::models::TfjsGraph::load(herlens::models::find_model("facemesh.json"));
  const herlens::models::TfjsTensor input =
      herlens::test::read_reference_input(herlens::test::source_file("tests/data/facemesh/input.png"), 255, 0);
  REQUIRE(input.shape == std::vector<int64_t>{1, 192, 192, 3});
  const std::vector<herlens::models::TfjsTensor> outputs = graph.run(input, {"Identity_2", "Identity_1", "Identity"});

  const herlens::test::TfjsReference reference = read_reference();
  REQUIRE(reference.shapes.size() == 3);
  for (const auto& [output, shape] : reference.shapes) CHECK(fmt::format("{}", fmt::join(outputs.at(output).shape, "x")) == shape);
  double worst_point = 0, worst_flag = 0;
  for (const auto& [at, expected] : reference.values) {
    const double got = outputs.at(at.first).values.at(at.second);
    // Landmarks are in input pixels (0..192): compared in pixels; the face flag as a probability.
    (at.first == 1 ? worst_flag : worst_point) = std::max(at.first == 1 ? worst_flag : worst_point, std::abs(got - expected));
  }
  MESSAGE("largest difference from TensorFlow.js: ", worst_point, " pixel, face flag ", worst_flag);
  CHECK(reference.values.size() == 3 * facemesh_landmark_count + 1 + 266);
  // float32 sums in another order than TensorFlow.js's, through 40 layers: measured below 1e-3 pixel.
  CHECK(worst_point < 0.01);
  CHECK(worst_flag < 1e-4);
}

TEST_CASE("facemesh places the astronaut's landmarks where the reference crop puts them") {
  // The reference input is the 180-pixel square at (135, 25) of the portrait: the crop FaceMesh
  // makes for a 120-pixel box centred on it. Its landmarks, taken back to the portrait, are where the
  // reference run found them in the square, within 2.5 pixels of the 512-pixel portrait (the crop
  // is scaled up by interpolation here, by area there: measured 1.7).
  const herlens::models::FaceMesh mesh;
  const cv::Mat astronaut = cv::imread(herlens::test::source_file("tests/data/faces/astronaut.jpg").string());
  REQUIRE(!astronaut.empty());
  const herlens::models::FaceLandmarks found = mesh.landmarks(astronaut, cv::Rect2f(165, 55, 120, 120));
  CHECK(found.face_score > 0.9f);
  const herlens::test::TfjsReference reference = read_reference();
  double worst = 0;
  for (size_t i = 0; i < facemesh_landmark_count; ++i) {
    const double x = 135 + (reference.values.at({0, 3 * i}) + 0.5) * 180 / 192 - 0.5;
    const double y = 25 + (reference.values.at({0, 3 * i + 1}) + 0.5) * 180 / 192 - 0.5;
    worst = std::max(worst, std::hypot(found.points[i].x - x, found.points[i].y - y));
  }
  MESSAGE("largest landmark distance from the reference: ", worst, " pixel");
  CHECK(worst < 2.5);

  // A picture with no face (a grey field) gets a low face score.
  const cv::Mat grey(300, 300, CV_8UC3, cv::Scalar::all(128));
  CHECK(mesh.landmarks(grey, cv::Rect2f(90, 90, 120, 120)).face_score < 0.5f);
}

TEST_CASE("facemesh refuses a graph whose outputs are cut short") {
  // The loader checks the model file itself: a truncated weight shard is an error, not a crash.
  herlens::test::ScratchDir dir;
  const std::filesystem::path json = herlens::models::find_model("facemesh.json");
  std::filesystem::copy_file(json, dir.path() / "facemesh.json");
  {
    std::ifstream in(json.parent_path() / "facemesh.bin", std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream(dir.path() / "facemesh.bin", std::ios::binary).write(bytes.data(), std::streamsize(bytes.size() / 2));
  }
  CHECK_THROWS_AS(herlens::models::FaceMesh{dir.path()}, herlens::Error);
}
