#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>

#include <opencv2/dnn.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "herlens/error.hpp"
#include "herlens/models/blazeface_network.hpp"
#include "herlens/models/model_files.hpp"
#include "support/fixtures.hpp"

using namespace herlens::models;

namespace {

struct Outputs {
  std::vector<float> logits, regressions;
};

// The same graph run by OpenCV's dnn module, the reference: its heads put in anchor order (512-anchor
// head first), told apart by shape as [1, anchors, values].
Outputs run_with_opencv(const BlazeFaceModel& model, const cv::Mat& rgb) {
  cv::dnn::Net net = cv::dnn::readNetFromONNX(find_model(std::string(model.file_name)).string());
  const int shape[] = {1, model.input_size, model.input_size, 3};
  net.setInput(rgb.reshape(1, 4, shape));
  std::vector<cv::Mat> heads;
  net.forward(heads, net.getUnconnectedOutLayersNames());
  REQUIRE(heads.size() == 4);
  std::sort(heads.begin(), heads.end(), [](const cv::Mat& a, const cv::Mat& b) {
    return a.size[2] != b.size[2] ? a.size[2] < b.size[2] : a.size[1] > b.size[1];
  });
  Outputs outputs;
  for (int i = 0; i < 4; ++i) {
    auto& to = i < 2 ? outputs.logits : outputs.regressions;
    to.insert(to.end(), heads[i].ptr<float>(), heads[i].ptr<float>() + heads[i].total());
  }
  return outputs;
}

Outputs run_natively(const BlazeFaceModel& model, const cv::Mat& rgb) {
  BlazeFaceNetwork network(model, find_model(std::string(model.file_name)));
  Outputs outputs{std::vector<float>(blazeface_anchor_count),
                  std::vector<float>(blazeface_anchor_count * blazeface_values_per_anchor)};
  network.run({rgb.ptr<float>(), rgb.total() * 3}, outputs.logits, outputs.regressions);
  return outputs;
}

// The portrait of Eileen Collins at the model's input size, and the same with noise, as the graphs take
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

TEST_CASE("face: the native BlazeFace networks match OpenCV's dnn on the same graphs") {
  for (const BlazeFaceModel& model : {blazeface_short_range, blazeface_back_camera}) {
    const auto pictures = inputs(model.input_size);
    for (size_t i = 0; i < pictures.size(); ++i) {
      CAPTURE(model.file_name);
      CAPTURE(i);
      const Outputs reference = run_with_opencv(model, pictures[i]);
      const Outputs native = run_natively(model, pictures[i]);
      CHECK(largest_difference(native.logits, reference.logits) < 1e-4f);
      CHECK(largest_difference(native.regressions, reference.regressions) < 1e-4f);
      // The portrait's face scores above 0.5 (logit > 0): the outputs compared are not all noise.
      if (i == 0) CHECK(*std::max_element(native.logits.begin(), native.logits.end()) > 0);
    }
  }
}

TEST_CASE("face: a model file holding another network is refused") {
  try {
    BlazeFaceNetwork wrong(blazeface_back_camera, find_model("silero_vad_v6.onnx"));
    FAIL("the speech model was accepted as a face model");
  } catch (const herlens::Error& e) {
    CHECK(e.kind() == herlens::ErrorKind::model);
    CHECK(std::string(e.what()).find("scripts/setup") != std::string::npos);
  }
  // The short-range graph is not the back-camera one: its blocks and input differ.
  CHECK_THROWS_AS(BlazeFaceNetwork(blazeface_back_camera, find_model(std::string(blazeface_short_range.file_name))),
                  herlens::Error);
}
