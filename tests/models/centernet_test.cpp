#include "herlens/models/centernet.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "herlens/error.hpp"
#include "herlens/models/model_files.hpp"
#include "herlens/models/tfjs_graph.hpp"
#include "support/fixtures.hpp"
#include "support/tfjs_reference.hpp"

namespace {

using herlens::models::centernet_stride;
using herlens::models::PersonBox;

// Grids of 12 rows of 16 cells: the person heatmap low, every box side 4 input pixels.
struct SyntheticGrids {
  static constexpr int rows = 12, cols = 16;
  std::vector<float> heatmap = std::vector<float>(rows * cols, 0.01f);
  std::vector<float> sides = std::vector<float>(rows * cols * 4, 4.0f);
  void set(int row, int col, float score, std::array<float, 4> box_sides = {4, 4, 4, 4}) {
    heatmap[size_t(row) * cols + col] = score;
    std::copy(box_sides.begin(), box_sides.end(), sides.begin() + (size_t(row) * cols + col) * 4);
  }
  herlens::models::CenterNetOutputs outputs() const { return {rows, cols, heatmap, sides}; }
};

}  // namespace

TEST_CASE("centernet decoding makes a box of each person peak and its four sides") {
  SyntheticGrids grids;
  grids.set(3, 5, 0.9f, {8, 12, 4, 20});
  grids.set(10, 14, 0.6f);
  const std::vector<PersonBox> people = herlens::models::decode_centernet_people(grids.outputs(), {});
  REQUIRE(people.size() == 2);
  CHECK(people[0].score == doctest::Approx(0.9f));
  CHECK(people[0].box.x == doctest::Approx(5 * centernet_stride - 8));
  CHECK(people[0].box.y == doctest::Approx(3 * centernet_stride - 12));
  CHECK(people[0].box.width == doctest::Approx(12));
  CHECK(people[0].box.height == doctest::Approx(32));
  CHECK(people[1].score == doctest::Approx(0.6f));
}

TEST_CASE("centernet decoding keeps a peak's neighbours, weaker peaks under the score and overlapping boxes out") {
  SyntheticGrids grids;
  grids.set(5, 5, 0.8f, {20, 20, 20, 20});
  grids.set(5, 6, 0.7f, {20, 20, 20, 20});   // next to a stronger cell: no peak
  grids.set(5, 8, 0.75f, {20, 20, 20, 20});  // a peak, but its box overlaps the first's by 0.54
  grids.set(11, 15, 0.2f);                   // a peak under min_score
  const std::vector<PersonBox> people = herlens::models::decode_centernet_people(grids.outputs(), {});
  REQUIRE(people.size() == 1);
  CHECK(people[0].score == doctest::Approx(0.8f));
  herlens::models::CenterNetDecoding loose;
  loose.max_overlap = 0.9f;
  loose.min_score = 0.15f;
  CHECK(herlens::models::decode_centernet_people(grids.outputs(), loose).size() == 3);
}

TEST_CASE("centernet graph run natively gives TensorFlow.js's outputs") {
  // Reference: scripts/make-tfjs-reference centernet (TensorFlow.js CPU backend) on the same input picture.
  const std::vector<std::string> names = {"tower_0/CenternetHead/centernet_cls_output/BiasAdd", "tower_0/wh"};
  const herlens::models::TfjsGraph graph =
      herlens::models::TfjsGraph::load(herlens::models::find_model("centernet.json"), names);
  const herlens::models::TfjsTensor input =
      herlens::test::read_reference_input(herlens::test::source_file("tests/data/centernet/input.png"), 1, 0);
  REQUIRE(!input.values.empty());
  const std::vector<herlens::models::TfjsTensor> outputs = graph.run(input, names);

  const herlens::test::ReferenceDifference difference = herlens::test::compare_to_reference(
      outputs, herlens::test::read_tfjs_reference(herlens::test::source_file("tests/data/centernet/outputs.csv")));
  MESSAGE("largest difference from TensorFlow.js: ", difference.largest);
  CHECK(difference.shapes_match);
  CHECK(difference.compared > 4000);
  CHECK(difference.largest < 1e-3);
}

TEST_CASE("centernet finds the astronaut and no one in a picture of a coffee cup") {
  const herlens::models::CenterNetPersonFinder finder;
  const cv::Mat astronaut = cv::imread(herlens::test::source_file("tests/data/faces/astronaut.jpg").string());
  const std::vector<PersonBox> people = finder.find(astronaut);
  REQUIRE(people.size() == 1);
  // Her face box (tests/data/faces/README.md: x 173..279, y 72..178) lies inside her box.
  CHECK((people[0].box & cv::Rect2f(173, 72, 106, 106)).area() == doctest::Approx(106 * 106).epsilon(0.01));
  const cv::Mat coffee = cv::imread(herlens::test::source_file("tests/data/faces/coffee.jpg").string());
  CHECK(finder.find(coffee).empty());
}

TEST_CASE("centernet's input: short side 512, squeezed by up to 1.2, long side in steps of 32") {
  using herlens::models::centernet_input_size;
  CHECK(centernet_input_size({512, 512}) == cv::Size(512, 512));
  CHECK(centernet_input_size({600, 500}) == cv::Size(512, 512));    // 1.2:1: a square
  CHECK(centernet_input_size({640, 480}) == cv::Size(576, 512));    // 4:3: 1.11 kept, 568.9 px
  CHECK(centernet_input_size({1920, 1080}) == cv::Size(768, 512));  // 16:9: 1.48 kept, 758.5 px
  CHECK(centernet_input_size({768, 320}) == cv::Size(1024, 512));   // 2.4:1: 2 kept
  CHECK(centernet_input_size({480, 960}) == cv::Size(512, 864));    // portrait: the width is the short side
  // A strip a few pixels high is squeezed to 3:1, however long it is.
  CHECK(centernet_input_size({2000, 3}) == cv::Size(1536, 512));
  CHECK(centernet_input_size({0, 10}) == cv::Size());
}

TEST_CASE("centernet finds the walkers of a 2.39:1 picture that squeezed into its square input it misses") {
  const herlens::models::CenterNetPersonFinder finder;
  const cv::Mat scope = cv::imread(herlens::test::source_file("tests/data/people/vtest-scope150.jpg").string());
  REQUIRE(scope.size() == cv::Size(768, 320));
  // The six people labelled by eye (tests/data/people/README.md): each inside a box of its own.
  // Two more boxes hold no one: a grey bollard at the top edge (0.38) and a yellow sign (0.26);
  // PoseNet finds no body in either.
  const std::vector<cv::Point2f> labelled = {{402, 105}, {453, 100}, {606, 140}, {646, 18}, {666, 18}, {719, 18}};
  const std::vector<PersonBox> people = finder.find(scope);
  CHECK(people.size() <= labelled.size() + 2);
  for (const cv::Point2f& person : labelled)
    CHECK(std::count_if(people.begin(), people.end(), [&](const PersonBox& found) { return found.box.contains(person); }) == 1);
  // The whole picture squeezed into a square: the network knows half of them at most.
  cv::Mat squeezed;
  cv::resize(scope, squeezed, {320, 320}, 0, 0, cv::INTER_AREA);
  CHECK(finder.find(squeezed).size() <= labelled.size() / 2);
}

TEST_CASE("centernet refuses a bad decoding setting") {
  herlens::models::CenterNetDecoding decoding;
  decoding.min_score = 0;
  CHECK_THROWS_AS(decoding.validate(), herlens::Error);
}
