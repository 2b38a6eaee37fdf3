#include "herlens/models/tfjs_graph.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "herlens/error.hpp"

namespace {

using herlens::models::TfjsGraph;
using herlens::models::TfjsTensor;

// Weights as the manifest stores float32 values: little-endian bytes, one shard.
std::string float_bytes(const std::vector<float>& values) {
  return std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float));
}

TfjsGraph graph_of(const std::string& nodes, const std::string& weights, const std::vector<float>& values,
                   const std::vector<std::string>& outputs = {}) {
  const std::string json = R"({"modelTopology":{"node":[{"name":"x","op":"Placeholder"},)" + nodes +
                           R"(]},"weightsManifest":[{"paths":["w.bin"],"weights":[)" + weights + "]}]}";
  return TfjsGraph::parse(json, [&](const std::string&) { return float_bytes(values); }, "test", outputs);
}

}  // namespace

TEST_CASE("tfjs graph reads only the nodes the outputs need, so a model's own decoding may use any op") {
  const std::string nodes =
      R"({"name":"two","op":"Const"},{"name":"y","op":"Mul","input":["x","two"]},)"
      R"({"name":"top","op":"TopKV2","input":["y:0","two"]},{"name":"z","op":"Cast","input":["top:1"]})";
  const std::string weights = R"({"name":"two","shape":[],"dtype":"float32"})";
  CHECK_THROWS_WITH_AS(graph_of(nodes, weights, {2.0f}), doctest::Contains("TopKV2"), herlens::Error);
  const TfjsGraph graph = graph_of(nodes, weights, {2.0f}, {"y"});
  const std::vector<TfjsTensor> out = graph.run({{1, 1, 2, 1}, {1.5f, -3.0f}}, {"y"});
  CHECK(out[0].values == std::vector<float>{3.0f, -6.0f});
  CHECK_THROWS_AS(graph.run({{1, 1, 2, 1}, {1.5f, -3.0f}}, {"z"}), herlens::Error);
  // A file without the outputs asked for is refused when it is read, naming the output.
  CHECK_THROWS_WITH_AS(graph_of(nodes, weights, {2.0f}, {"heatmap"}), doctest::Contains("no node heatmap"),
                       herlens::Error);
}

TEST_CASE("tfjs graph resizes bilinearly by TensorFlow's rule without aligned corners or half-pixel centres") {
  const std::string nodes = R"({"name":"size","op":"Const"},{"name":"y","op":"ResizeBilinear","input":["x","size"],)"
                            R"("attr":{"align_corners":{"b":false},"half_pixel_centers":{"b":false}}})";
  const TfjsGraph graph = graph_of(nodes, R"({"name":"size","shape":[2],"dtype":"float32"})", {1.0f, 4.0f});
  // Output column o reads input column o * 2 / 4: 0, 0.5, 1, then 1.5 held at the last column.
  const std::vector<TfjsTensor> out = graph.run({{1, 1, 2, 1}, {10.0f, 20.0f}}, {"y"});
  CHECK(out[0].shape == std::vector<int64_t>{1, 1, 4, 1});
  CHECK(out[0].values == std::vector<float>{10.0f, 15.0f, 20.0f, 20.0f});
  // A map without pixels (a crafted reshape could make one) has nothing to sample.
  CHECK_THROWS_WITH_AS(graph.run({{1, 0, 2, 1}, {}}, {"y"}), doctest::Contains("feature map"), herlens::Error);
}

TEST_CASE("tfjs graph scales a resize frozen to a constant size with the input given, as the layer's factor") {
  // Declared for a 2x2 input, the resize makes 4x4 (a factor of 2, as an UpSampling2D frozen to a size).
  const auto graph_for = [](const std::vector<float>& size) {
    const std::string json =
        R"({"modelTopology":{"node":[{"name":"x","op":"Placeholder","attr":{"shape":{"shape":{"dim":)"
        R"([{"size":"1"},{"size":"2"},{"size":"2"},{"size":"1"}]}}}},{"name":"size","op":"Const"},)"
        R"({"name":"y","op":"ResizeBilinear","input":["x","size"]}]},)"
        R"("weightsManifest":[{"paths":["w.bin"],"weights":[{"name":"size","shape":[2],"dtype":"float32"}]}]})";
    return TfjsGraph::parse(json, [&](const std::string&) { return float_bytes(size); }, "test");
  };
  const TfjsGraph doubling = graph_for({4.0f, 4.0f});
  CHECK(doubling.run({{1, 2, 2, 1}, {0, 1, 2, 3}}, {"y"})[0].shape == std::vector<int64_t>{1, 4, 4, 1});
  // Given 2x3, it makes 4x6: each row's columns read 0, 0.5, 1, 1.5, 2 and 2 (held at the last).
  const std::vector<TfjsTensor> wider = doubling.run({{1, 2, 3, 1}, {0, 1, 2, 3, 4, 5}}, {"y"});
  REQUIRE(wider[0].shape == std::vector<int64_t>{1, 4, 6, 1});
  CHECK(std::vector<float>(wider[0].values.begin(), wider[0].values.begin() + 6) ==
        std::vector<float>{0.0f, 0.5f, 1.0f, 1.5f, 2.0f, 2.0f});
  // A factor of 1.5 would make 4.5 columns of 3: refused, not rounded.
  CHECK_THROWS_WITH_AS(graph_for({3.0f, 3.0f}).run({{1, 2, 3, 1}, std::vector<float>(6)}, {"y"}),
                       doctest::Contains("whole pixels"), herlens::Error);
}

TEST_CASE("tfjs graph keeps one output channel of a convolution, its filter and bias sliced, when they are its own") {
  // A 1x1 convolution of two channels into three, plus a bias: out_k = x0 * w0k + x1 * w1k + b_k.
  const std::string nodes =
      R"({"name":"w","op":"Const"},{"name":"b","op":"Const"},{"name":"v","op":"Const"},)"
      R"({"name":"conv","op":"_FusedConv2D","input":["x","w","b"],"attr":{"padding":{"s":"U0FNRQ=="},)"
      R"("fused_ops":{"list":{"s":["Qmlhc0FkZA=="]}}}},)"
      R"({"name":"depthwise","op":"DepthwiseConv2dNative","input":["x","v"],"attr":{"padding":{"s":"U0FNRQ=="}}})";
  const std::string weights = R"({"name":"w","shape":[1,1,2,3],"dtype":"float32"},)"
                              R"({"name":"b","shape":[3],"dtype":"float32"},{"name":"v","shape":[1,1,2,1],"dtype":"float32"})";
  // w rows by input channel: {1, 2, 3} and {10, 20, 30}; b {100, 200, 300}; v {1, 1}.
  const std::vector<float> values = {1, 2, 3, 10, 20, 30, 100, 200, 300, 1, 1};
  TfjsGraph graph = graph_of(nodes, weights, values);
  const TfjsTensor pixel{{1, 1, 1, 2}, {1.0f, 2.0f}};
  CHECK(graph.run(pixel, {"conv"})[0].values == std::vector<float>{121.0f, 242.0f, 363.0f});
  graph.keep_one_channel("conv", 1);
  const std::vector<TfjsTensor> kept = graph.run(pixel, {"conv"});
  CHECK(kept[0].shape == std::vector<int64_t>{1, 1, 1, 1});
  CHECK(kept[0].values == std::vector<float>{242.0f});
  CHECK_THROWS_WITH_AS(graph.keep_one_channel("conv", 1), doctest::Contains("no such output channel"), herlens::Error);
  CHECK_THROWS_WITH_AS(graph.keep_one_channel("depthwise", 0), doctest::Contains("not a convolution"), herlens::Error);
  CHECK_THROWS_AS(graph.keep_one_channel("nothing", 0), herlens::Error);
  // A filter another convolution also reads is not this one's to cut.
  TfjsGraph shared = graph_of(nodes + R"(,{"name":"twin","op":"Conv2D","input":["x","w"],"attr":{"padding":{"s":"U0FNRQ=="}}})",
                              weights, values);
  CHECK_THROWS_WITH_AS(shared.keep_one_channel("conv", 0), doctest::Contains("not its own"), herlens::Error);
}

TEST_CASE("tfjs graph averages channels over the picture, joins channels, clamps with ReLU6 and scales by channel") {
  const std::string nodes =
      R"({"name":"axes","op":"Const"},{"name":"axis","op":"Const"},)"
      R"({"name":"mean","op":"Mean","input":["x","axes"],"attr":{"keep_dims":{"b":true}}},)"
      R"({"name":"scaled","op":"Mul","input":["x","mean"]},{"name":"six","op":"Relu6","input":["scaled"]},)"
      R"({"name":"joined","op":"ConcatV2","input":["x","six","axis"]})";
  const std::string weights = R"({"name":"axes","shape":[2],"dtype":"float32"},{"name":"axis","shape":[],"dtype":"float32"})";
  const TfjsGraph graph = graph_of(nodes, weights, {1.0f, 2.0f, 3.0f});
  // Two pixels, two channels: channel means 2 and -1.
  const TfjsTensor input{{1, 1, 2, 2}, {1.0f, -2.0f, 3.0f, 0.0f}};
  const std::vector<TfjsTensor> out = graph.run(input, {"mean", "joined"});
  CHECK(out[0].shape == std::vector<int64_t>{1, 1, 1, 2});
  CHECK(out[0].values == std::vector<float>{2.0f, -1.0f});
  CHECK(out[1].shape == std::vector<int64_t>{1, 1, 2, 4});
  // Each pixel: its two channels, then them times the means clamped to [0, 6].
  CHECK(out[1].values == std::vector<float>{1.0f, -2.0f, 2.0f, 2.0f, 3.0f, 0.0f, 6.0f, 0.0f});
}

TEST_CASE("tfjs graph refuses a mean over the channels and a concatenation along the width") {
  const std::string nodes =
      R"({"name":"axes","op":"Const"},{"name":"axis","op":"Const"},)"
      R"({"name":"mean","op":"Mean","input":["x","axes"],"attr":{"keep_dims":{"b":true}}},)"
      R"({"name":"joined","op":"ConcatV2","input":["x","x","axis"]})";
  const std::string weights = R"({"name":"axes","shape":[2],"dtype":"float32"},{"name":"axis","shape":[],"dtype":"float32"})";
  const TfjsGraph graph = graph_of(nodes, weights, {2.0f, 3.0f, 2.0f});
  const TfjsTensor input{{1, 1, 2, 2}, {1.0f, -2.0f, 3.0f, 0.0f}};
  CHECK_THROWS_WITH_AS(graph.run(input, {"mean"}), doctest::Contains("height and width"), herlens::Error);
  CHECK_THROWS_WITH_AS(graph.run(input, {"joined"}), doctest::Contains("channels"), herlens::Error);
}
