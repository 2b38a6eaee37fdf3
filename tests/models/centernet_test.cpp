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

using herlens::models::centernet_class_count;
using herlens::models::centernet_stride;
using herlens::models::PersonBox;

// Grids of 16 x 16 cells: every class's heatmap low, every box side 4 input pixels.
struct SyntheticGrids {
  static constexpr int size = 16;
  std::vector<float> heatmaps = std::vector<float>(size * size * centernet_class_count, 0.01f);
  std::vector<float> sides = std::vector<float>(size * size * 4, 4.0f);
  void set(int row, int col, size_t object_class, float score, std::array<float, 4> box_sides = {4, 4, 4, 4}) {
    heatmaps[(size_t(row) * size + col) * centernet_class_count + object_class] = score;
    std::copy(box_sides.begin(), box_sides.end(), sides.begin() + (size_t(row) * size + col) * 4);
  }
  herlens::models::CenterNetOutputs outputs() const { return {size, size, heatmaps, sides}; }
};

}  // namespace

TEST_CASE("centernet decoding makes a box of each person peak and its four sides") {
  SyntheticGrids grids;
  grids.set(3, 5, 0, 0.9f, {8, 12, 4, 20});
  grids.set(10, 12, 0, 0.6f);
  grids.set(10, 2, 1, 0.95f);  // a bicycle, not a person
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
  grids.set(5, 5, 0, 0.8f, {20, 20, 20, 20});
  grids.set(5, 6, 0, 0.7f, {20, 20, 20, 20});   // next to a stronger cell: no peak
  grids.set(5, 8, 0, 0.75f, {20, 20, 20, 20});  // a peak, but its box overlaps the first's by 0.54
  grids.set(12, 12, 0, 0.2f);                   // a peak under min_score
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

TEST_CASE("centernet looks at an oblong picture in overlapping tiles squeezed no more than a 4:3 one, which is one tile") {
  using herlens::models::centernet_tiles;
  CHECK(centernet_tiles({640, 480}) == std::vector<cv::Rect>{{0, 0, 640, 480}});
  CHECK(centernet_tiles({700, 500}) == std::vector<cv::Rect>{{0, 0, 700, 500}});  // 1.4: still squeezed
  // 16:9 and 1.85:1: two squares sharing 0.22 and 0.15 of their side.
  CHECK(centernet_tiles({1920, 1080}) == std::vector<cv::Rect>{{0, 0, 1080, 1080}, {840, 0, 1080, 1080}});
  CHECK(centernet_tiles({999, 540}) == std::vector<cv::Rect>{{0, 0, 540, 540}, {459, 0, 540, 540}});
  // 2:1 and 2.39:1: two tiles 1.08 and 1.3 times as long as high, as squeezed as a 4:3 picture at most.
  CHECK(centernet_tiles({1000, 500}) == std::vector<cv::Rect>{{0, 0, 541, 500}, {459, 0, 541, 500}});
  CHECK(centernet_tiles({768, 320}) == std::vector<cv::Rect>{{0, 0, 416, 320}, {352, 0, 416, 320}});
  // 2.76:1 (Ultra Panavision) needs three; a portrait picture is cut down its length.
  CHECK(centernet_tiles({1104, 400}).size() == 3);
  CHECK(centernet_tiles({480, 960}) == std::vector<cv::Rect>{{0, 0, 480, 519}, {0, 441, 480, 519}});
  // A strip a few pixels high: four tiles, overlapping by the same share, however long it is.
  const std::vector<cv::Rect> strip = centernet_tiles({2000, 3});
  REQUIRE(strip.size() == 4);
  CHECK(strip.front() == cv::Rect(0, 0, 564, 3));
  CHECK(strip.back().br() == cv::Point(2000, 3));
  CHECK(strip[0].br().x - strip[1].x >= 0.15 * 564 - 1);
}

TEST_CASE("centernet's tiles: a figure cut by a tile's inner edge is the whole one its neighbour holds") {
  // A 1000x500 picture in three squares; boxes in picture pixels.
  const std::vector<cv::Rect> tiles = {{0, 0, 500, 500}, {250, 0, 500, 500}, {500, 0, 500, 500}};
  const std::vector<std::vector<PersonBox>> found = {
      // Tile 0 sees a figure at x 480..560 only up to its edge at 500, and scores it best; it also
      // holds a figure at its outer edge (x 0), which no tile cuts.
      {{cv::Rect2f(480, 100, 19, 200), 0.9f}, {cv::Rect2f(0, 100, 40, 200), 0.5f}},
      // Tile 1 holds that figure whole, and a figure at x 700..760 up to its edge at 750 ...
      {{cv::Rect2f(480, 100, 80, 200), 0.6f}, {cv::Rect2f(700, 300, 49, 150), 0.7f}},
      // ... whom tile 2 sees whole too, but so weakly that only the overlap test could pick.
      {{cv::Rect2f(700, 300, 60, 150), 0.4f}},
  };
  const std::vector<PersonBox> people =
      herlens::models::merge_tile_boxes(tiles, found, {1000, 500}, herlens::models::CenterNetDecoding{});
  REQUIRE(people.size() == 3);
  CHECK(people[0].box == cv::Rect2f(480, 100, 80, 200));
  CHECK(people[1].box == cv::Rect2f(0, 100, 40, 200));
  CHECK(people[2].box == cv::Rect2f(700, 300, 60, 150));
  // A figure no tile holds whole keeps its best piece.
  const std::vector<std::vector<PersonBox>> pieces = {{{cv::Rect2f(450, 100, 49, 200), 0.5f}}, {}, {}};
  CHECK(herlens::models::merge_tile_boxes(tiles, pieces, {1000, 500}, {}).size() == 1);
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
  // The whole picture squeezed into a square, as before tiles: the network knows half of them at most.
  cv::Mat squeezed;
  cv::resize(scope, squeezed, {320, 320}, 0, 0, cv::INTER_AREA);
  CHECK(finder.find(squeezed).size() <= labelled.size() / 2);
}

TEST_CASE("centernet refuses a bad decoding setting") {
  herlens::models::CenterNetDecoding decoding;
  decoding.min_score = 0;
  CHECK_THROWS_AS(decoding.validate(), herlens::Error);
}
