#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "herlens/error.hpp"
#include "herlens/models/blazeface_graph.hpp"
#include "herlens/models/model_files.hpp"
#include "support/fixtures.hpp"

using namespace herlens::models;

namespace {

struct Outputs {
  std::vector<float> logits, regressions;
};

Outputs run(const BlazeFaceModel& model, BlazeFaceRuntime runtime, const cv::Mat& rgb) {
  const auto graph = load_blazeface_graph(model, find_model(std::string(model.file_name)), runtime);
  Outputs outputs{std::vector<float>(blazeface_anchor_count),
                  std::vector<float>(blazeface_anchor_count * blazeface_values_per_anchor)};
  graph->run({rgb.ptr<float>(), rgb.total() * 3}, outputs.logits, outputs.regressions);
  return outputs;
}

// The portrait of Eileen Collins at the model's input size, and noise, as the graphs take
// them: RGB in [-1, 1].
std::vector<cv::Mat> inputs(int side) {
  cv::Mat bgr = cv::imread(herlens::test::source_file("tests/data/faces/astronaut.jpg").string(), cv::IMREAD_COLOR);
  REQUIRE(!bgr.empty());
  cv::resize(bgr, bgr, {side, side}, 0, 0, cv::INTER_AREA);
  cv::Mat rgb;
  cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
  rgb.convertTo(rgb, CV_32F, 2.0 / 255.0, -1.0);
  cv::Mat noise(side, side, CV_32FC3);
  cv::randu(noise, -1.0f, 1.0f);
  return {rgb, noise};
}

float largest_difference(const std::vector<float>& a, const std::vector<float>& b) {
  REQUIRE(a.size() == b.size());
  float largest = 0;
  for (size_t i = 0; i < a.size(); ++i) largest = std::max(largest, std::abs(a[i] - b[i]) / (1 + std::abs(b[i])));
  return largest;
}

}  // namespace

TEST_CASE("face: herlens runs the BlazeFace graphs as OpenCV's dnn module does") {
  for (const BlazeFaceModel& model : {blazeface_short_range, blazeface_back_camera}) {
    const auto pictures = inputs(model.input_size);
    for (size_t i = 0; i < pictures.size(); ++i) {
      CAPTURE(model.file_name);
      CAPTURE(i);
      const Outputs reference = run(model, BlazeFaceRuntime::opencv_dnn, pictures[i]);
      const Outputs native = run(model, BlazeFaceRuntime::native, pictures[i]);
      CHECK(largest_difference(native.logits, reference.logits) < 1e-4f);
      CHECK(largest_difference(native.regressions, reference.regressions) < 1e-4f);
      // The portrait's face scores above 0.5 (logit > 0): the outputs compared are not all noise.
      if (i == 0) CHECK(*std::max_element(native.logits.begin(), native.logits.end()) > 0);
    }
  }
}

TEST_CASE("face: a model file holding another network is refused by both runtimes") {
  for (const auto runtime : {BlazeFaceRuntime::native, BlazeFaceRuntime::opencv_dnn}) {
    try {
      load_blazeface_graph(blazeface_back_camera, find_model("silero_vad_v6.onnx"), runtime);
      FAIL("the speech model was accepted as a face model");
    } catch (const herlens::Error& e) {
      CHECK(e.kind() == herlens::ErrorKind::model);
      CHECK(std::string(e.what()).find("scripts/setup") != std::string::npos);
    }
  }
  // The short-range graph is not the back-camera one: its blocks and input differ.
  CHECK_THROWS_AS(load_blazeface_graph(blazeface_back_camera, find_model(std::string(blazeface_short_range.file_name)),
                                       BlazeFaceRuntime::native),
                  herlens::Error);
}

TEST_CASE("face: a graph refuses inputs and outputs of the wrong size") {
  const auto graph = load_blazeface_graph(blazeface_short_range,
                                          find_model(std::string(blazeface_short_range.file_name)),
                                          BlazeFaceRuntime::native);
  std::vector<float> rgb(128 * 128 * 3), logits(blazeface_anchor_count),
      regressions(blazeface_anchor_count * blazeface_values_per_anchor);
  CHECK_NOTHROW(graph->run(rgb, logits, regressions));
  std::vector<float> small(64 * 64 * 3);
  CHECK_THROWS_AS(graph->run(small, logits, regressions), herlens::Error);
  CHECK_THROWS_AS(graph->run(rgb, std::span<float>(logits).first(10), regressions), herlens::Error);
}
