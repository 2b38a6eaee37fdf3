#include "herlens/models/posenet.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
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

using herlens::models::BodyPart;
using herlens::models::body_part_count;
using herlens::models::Person;
using herlens::models::posenet_edge_count;
using herlens::models::posenet_stride;

constexpr const char* output_names[] = {"MobilenetV1/heatmap_2/BiasAdd", "MobilenetV1/offset_2/BiasAdd",
                                        "MobilenetV1/displacement_fwd_2/BiasAdd",
                                        "MobilenetV1/displacement_bwd_2/BiasAdd"};

// A body laid out on the grid: the cell of each part, relative to the nose's column minus 2.
const cv::Point body_cells[body_part_count] = {{2, 0}, {3, 0}, {1, 0}, {4, 0}, {0, 0}, {3, 2},
                                              {1, 2}, {4, 4}, {0, 4}, {4, 6}, {0, 6}, {3, 6},
                                              {1, 6}, {3, 8}, {1, 8}, {3, 10}, {1, 10}};
// Parent and child of each edge, as PoseNet's channels order them.
const std::pair<int, int> edge_parts[posenet_edge_count] = {{0, 1}, {1, 3}, {0, 2}, {2, 4}, {0, 5}, {5, 7},
                                                            {7, 9}, {5, 11}, {11, 13}, {13, 15}, {0, 6}, {6, 8},
                                                            {8, 10}, {6, 12}, {12, 14}, {14, 16}};

// Grids of 12 x 16 cells with zero offsets and every edge's displacement the one between the laid-out
// parts (the same everywhere, as for bodies that are shifted copies of each other).
struct SyntheticGrids {
  static constexpr int height = 12, width = 16;
  std::vector<float> heatmaps = std::vector<float>(height * width * body_part_count, 0.01f);
  std::vector<float> offsets = std::vector<float>(height * width * 2 * body_part_count, 0.0f);
  std::vector<float> forward = std::vector<float>(height * width * 2 * posenet_edge_count);
  std::vector<float> backward = std::vector<float>(height * width * 2 * posenet_edge_count);
  SyntheticGrids() {
    for (int cell = 0; cell < height * width; ++cell)
      for (size_t e = 0; e < posenet_edge_count; ++e) {
        const cv::Point step = body_cells[edge_parts[e].second] - body_cells[edge_parts[e].first];
        const size_t at = size_t(cell) * 2 * posenet_edge_count;
        forward[at + e] = float(step.y * posenet_stride);
        forward[at + posenet_edge_count + e] = float(step.x * posenet_stride);
        backward[at + e] = -forward[at + e];
        backward[at + posenet_edge_count + e] = -forward[at + posenet_edge_count + e];
      }
  }
  void add_body(int column, float score) {
    for (size_t part = 0; part < body_part_count; ++part) {
      const cv::Point cell = body_cells[part] + cv::Point(column, 0);
      heatmaps[(size_t(cell.y) * width + cell.x) * body_part_count + part] = score;
    }
  }
  herlens::models::PoseNetOutputs outputs() const { return {height, width, heatmaps, offsets, forward, backward}; }
};

void check_body(const Person& person, int column, float score) {
  for (size_t part = 0; part < body_part_count; ++part) {
    const cv::Point cell = body_cells[part] + cv::Point(column, 0);
    CHECK(person.parts[part].at.x == doctest::Approx(cell.x * posenet_stride));
    CHECK(person.parts[part].at.y == doctest::Approx(cell.y * posenet_stride));
    CHECK(person.parts[part].score == doctest::Approx(score));
  }
}

std::filesystem::path posenet_model() { return herlens::models::find_model("posenet.json"); }

}  // namespace

TEST_CASE("posenet decoding grows each root into a whole body along the edges") {
  SyntheticGrids grids;
  grids.add_body(0, 0.9f);
  grids.add_body(8, 0.7f);
  const std::vector<Person> people = herlens::models::decode_posenet(grids.outputs(), {});
  REQUIRE(people.size() == 2);
  check_body(people[0], 0, 0.9f);
  check_body(people[1], 8, 0.7f);
  CHECK(people[0].score == doctest::Approx(0.9f));
  const cv::Rect2f box = people[0].box(0.5f);
  CHECK(box.height == doctest::Approx(10 * posenet_stride));
  CHECK(box.width == doctest::Approx(4 * posenet_stride));
}

TEST_CASE("posenet decoding starts no body at a root lying on a body already found") {
  SyntheticGrids grids;
  grids.add_body(0, 0.9f);
  // Every part of the body is a root; only the first grows a body, the others lie on it.
  CHECK(herlens::models::decode_posenet(grids.outputs(), {}).size() == 1);
  // Without suppression each root grows the same body again.
  herlens::models::PoseNetDecoding no_suppression;
  no_suppression.nms_radius = 0;
  no_suppression.max_people = 100;
  CHECK(herlens::models::decode_posenet(grids.outputs(), no_suppression).size() == body_part_count);
}

TEST_CASE("posenet decoding keeps no body below the root or pose score") {
  SyntheticGrids grids;
  grids.add_body(0, 0.45f);
  CHECK(herlens::models::decode_posenet(grids.outputs(), {}).empty());  // roots need 0.5
  herlens::models::PoseNetDecoding low_roots;
  low_roots.min_root_score = 0.4f;
  CHECK(herlens::models::decode_posenet(grids.outputs(), low_roots).size() == 1);
  low_roots.min_pose_score = 0.5f;
  CHECK(herlens::models::decode_posenet(grids.outputs(), low_roots).empty());
}

TEST_CASE("posenet decoding refuses grids of the wrong size") {
  SyntheticGrids grids;
  herlens::models::PoseNetOutputs outputs = grids.outputs();
  outputs.offsets = outputs.offsets.subspan(1);
  CHECK_THROWS_AS(herlens::models::decode_posenet(outputs, {}), herlens::Error);
}

TEST_CASE("posenet graph run natively gives TensorFlow.js's outputs") {
  // Reference: scripts/make-tfjs-reference posenet (TensorFlow.js CPU backend) on the same input picture.
  const herlens::models::TfjsGraph graph = herlens::models::TfjsGraph::load(posenet_model());
  const herlens::models::TfjsTensor input =
      herlens::test::read_reference_input(herlens::test::source_file("tests/data/posenet/input.png"), 127.5f, -1);
  REQUIRE(!input.values.empty());
  const std::vector<herlens::models::TfjsTensor> outputs =
      graph.run(input, {output_names[0], output_names[1], output_names[2], output_names[3]});

  const herlens::test::ReferenceDifference difference = herlens::test::compare_to_reference(
      outputs, herlens::test::read_tfjs_reference(herlens::test::source_file("tests/data/posenet/outputs.csv")));
  MESSAGE("largest difference from TensorFlow.js: ", difference.largest);
  CHECK(difference.shapes_match);
  CHECK(difference.compared > 2000);
  // float32 sums over up to 384 channels, in another order than TensorFlow.js's: measured 1.1e-4.
  CHECK(difference.largest < 3e-4);
}

TEST_CASE("posenet finds the astronaut and no one in a picture of a coffee cup") {
  herlens::models::PoseNetDetector detector;
  const cv::Mat astronaut = cv::imread(herlens::test::source_file("tests/data/faces/astronaut.jpg").string());
  const std::vector<Person> people = detector.detect(astronaut, false);
  REQUIRE(!people.empty());
  // Her nose lies inside her face box (tests/data/faces/README.md: x 173..279, y 72..178).
  const cv::Point2f nose = people[0][BodyPart::nose].at;
  CHECK(nose.x > 173);
  CHECK(nose.x < 279);
  CHECK(nose.y > 72);
  CHECK(nose.y < 178);
  const cv::Mat coffee = cv::imread(herlens::test::source_file("tests/data/faces/coffee.jpg").string());
  CHECK(detector.detect(coffee, false).empty());
}

TEST_CASE("tfjs graph refuses an op it does not run, and weights that run past their shard") {
  const auto shard = [](const std::string&) { return std::string(8, '\0'); };
  const std::string unknown_op =
      R"({"modelTopology":{"node":[{"name":"x","op":"Placeholder"},{"name":"y","op":"Softmax","input":["x"]}]},)"
      R"("weightsManifest":[]})";
  CHECK_THROWS_WITH_AS(herlens::models::TfjsGraph::parse(unknown_op, shard, "test"),
                       doctest::Contains("op Softmax"), herlens::Error);
  const std::string short_shard =
      R"({"modelTopology":{"node":[{"name":"x","op":"Placeholder"},{"name":"w","op":"Const"}]},)"
      R"("weightsManifest":[{"paths":["a.bin"],"weights":[{"name":"w","shape":[3],"dtype":"float32"}]}]})";
  CHECK_THROWS_WITH_AS(herlens::models::TfjsGraph::parse(short_shard, shard, "test"),
                       doctest::Contains("runs past"), herlens::Error);
  CHECK_THROWS_AS(herlens::models::TfjsGraph::parse("{not json", shard, "test"), herlens::Error);
}

TEST_CASE("posenet squeezes a picture a few pixels tall instead of growing its input with it") {
  // 16384x16: kept in shape, the input would be 394 241 pixels wide (11 GB of feature maps).
  herlens::models::PoseNetDetector detector;
  const cv::Mat strip(16, 16384, CV_8UC3, cv::Scalar(90, 120, 150));
  CHECK(detector.detect(strip, false).empty());
}

TEST_CASE("tfjs graph refuses a graph whose nodes feed each other") {
  const auto no_shard = [](const std::string&) { return std::string(); };
  const std::string cycle =
      R"({"modelTopology":{"node":[{"name":"x","op":"Placeholder"},)"
      R"({"name":"a","op":"Conv2D","input":["b","b"],"attr":{"padding":{"s":"U0FNRQ=="}}},)"
      R"({"name":"b","op":"Conv2D","input":["a","a"],"attr":{"padding":{"s":"U0FNRQ=="}}}]},"weightsManifest":[]})";
  const herlens::models::TfjsGraph graph = herlens::models::TfjsGraph::parse(cycle, no_shard, "test");
  const herlens::models::TfjsTensor input{{1, 1, 1, 1}, {0.0f}};
  CHECK_THROWS_WITH_AS(graph.run(input, {"a"}), doctest::Contains("cycle"), herlens::Error);
}

TEST_CASE("posenet looks closer when the first look finds no one, or no one taller than closer_below") {
  const herlens::models::PoseNetParams params;
  const int rows = 540;
  // A person whose seen parts span `share` of the rows; its other parts score under closer_part_score.
  const auto spanning = [&](double share) {
    Person person;
    person[BodyPart::nose] = {{100, 50}, 0.9f};
    person[BodyPart::left_ankle] = {{100, float(50 + share * rows)}, 0.9f};
    person[BodyPart::right_ankle] = {{100, float(50 + 2 * share * rows)}, params.closer_part_score * 0.9f};
    return person;
  };
  CHECK(herlens::models::wants_closer_look({}, rows, params));
  CHECK(herlens::models::wants_closer_look(std::vector{spanning(params.closer_below * 0.98)}, rows, params));
  CHECK(!herlens::models::wants_closer_look(std::vector{spanning(params.closer_below * 1.02)}, rows, params));
  CHECK(!herlens::models::wants_closer_look(std::vector{spanning(0.05), spanning(params.closer_below * 1.02)}, rows,
                                            params));

  herlens::models::PoseNetParams bad;
  bad.box_look_height = 100;
  CHECK_THROWS_AS(bad.validate(), herlens::Error);
  bad.box_look_height = 257;
  CHECK_NOTHROW(bad.validate());
}

TEST_CASE("posenet's closer look finds small figures by CenterNet's boxes, the tallest first, and by a whole look") {
  // The astronaut's head-to-waist photograph 180 pixels high, and a mirrored copy 150 high, in a grey
  // 960x720 picture: their parts span under 0.3 of it, so the detector looks closer. CenterNet boxes
  // both figures and PoseNet finds a body in each box.
  const cv::Mat astronaut = cv::imread(herlens::test::source_file("tests/data/faces/astronaut.jpg").string());
  cv::Mat picture(720, 960, CV_8UC3, cv::Scalar(128, 128, 128)), small, mirrored;
  cv::resize(astronaut, small, {180, 180}, 0, 0, cv::INTER_AREA);
  small.copyTo(picture(cv::Rect(400, 300, 180, 180)));
  cv::resize(astronaut, mirrored, {150, 150}, 0, 0, cv::INTER_AREA);
  cv::flip(mirrored, mirrored, 1);
  mirrored.copyTo(picture(cv::Rect(100, 400, 150, 150)));
  herlens::models::PoseNetParams once;
  once.closer_look = false;
  herlens::models::PoseNetDetector first(std::filesystem::path{}, once), closer;
  REQUIRE(herlens::models::wants_closer_look(first.detect(picture, false), picture.rows, once));
  // With a face seen on the picture the face's size classes a small figure: no closer look.
  CHECK(herlens::models::wants_closer_look(closer.detect(picture, true), picture.rows, once));
  // Each nose inside its copy's face box (x 173..279, y 72..178 of 512, mirrored for the second).
  const auto nose_in = [](const Person& person, cv::Point origin, double size, bool flipped) {
    const cv::Point2f nose = person[BodyPart::nose].at;
    const double left = flipped ? 512 - 279 : 173, right = flipped ? 512 - 173 : 279;
    return nose.x > origin.x + left * size / 512 && nose.x < origin.x + right * size / 512 &&
           nose.y > origin.y + 72 * size / 512 && nose.y < origin.y + 178 * size / 512;
  };
  // Both copies, the taller on the right, each nose in its face box.
  const auto check_both = [&](std::vector<Person> people) {
    REQUIRE(people.size() == 2);
    std::sort(people.begin(), people.end(), [](const Person& a, const Person& b) {
      return a[BodyPart::nose].at.x > b[BodyPart::nose].at.x;
    });
    CHECK(nose_in(people[0], {400, 300}, 180, false));
    CHECK(nose_in(people[1], {100, 400}, 150, true));
  };
  const std::vector<Person> boxed = closer.detect(picture, false);
  check_both(boxed);
  // Each carries the box it was found through, around its copy.
  for (const Person& person : boxed) CHECK(person.figure.contains(person[BodyPart::nose].at));

  herlens::models::PoseNetParams one_box;
  one_box.max_box_looks = 1;
  one_box.unboxed_min_score = 0.99f;
  herlens::models::PoseNetDetector tallest(std::filesystem::path{}, one_box);
  const std::vector<Person> nearest = tallest.detect(picture, false);
  REQUIRE(nearest.size() == 1);
  CHECK(nose_in(nearest[0], {400, 300}, 180, false));
  // The look at the whole picture finds the smaller copy too, once any score vouches for a body
  // no box holds; the taller, found through its box, is not counted twice.
  one_box.unboxed_min_score = 0.01f;
  herlens::models::PoseNetDetector unboxed(std::filesystem::path{}, one_box);
  check_both(unboxed.detect(picture, false));
}
