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
