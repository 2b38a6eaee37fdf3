#include "herlens/models/blazeface_native.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "herlens/error.hpp"
#include "herlens/cpu_dispatch.hpp"
#include "herlens/models/onnx_reader.hpp"

namespace herlens::models {
namespace {

// Eight floats: one AVX register, or two SSE registers in the baseline build. Feature maps keep their
// channels innermost, padded with zeros to a multiple of 8, so every channel loop runs on whole vectors.
using Floats8 = float __attribute__((vector_size(32)));
// Memory is read and written as eight floats through the member of this packed (unaligned) struct,
// never by a function taking or returning a Floats8: such a call would pass it in registers whose
// convention differs between the baseline and the AVX2 copies (clang refuses it outright). An
// aligned(4) vector typedef is not enough: clang keeps the vector's own 32-byte alignment.
struct __attribute__((packed, may_alias)) UnalignedFloats8 {
  Floats8 v;
};
#pragma GCC diagnostic ignored "-Wpsabi"
constexpr int lanes = 8;

constexpr int padded(int channels) { return (channels + lanes - 1) / lanes * lanes; }

inline const UnalignedFloats8& floats8(const float* at) { return *reinterpret_cast<const UnalignedFloats8*>(at); }
inline UnalignedFloats8& floats8(float* at) { return *reinterpret_cast<UnalignedFloats8*>(at); }

constexpr int stem_kernel = 5;
constexpr int stem_inputs = 3;     // RGB
constexpr int stem_outputs = 24;   // both graphs; three vectors
constexpr int stem_border = 2;     // TF "SAME" padding of a 5x5 stride-2 kernel: 1 before, 2 after
constexpr int depthwise_taps = 9;  // 3x3

// A feature map, channels innermost (`stride` floats a pixel), inside a border of zero pixels so
// convolutions need no edge cases. Views storage owned by the network.
struct FeatureMap {
  int height = 0, width = 0, stride = 0, border = 1;
  float* data = nullptr;

  float* pixel(int y, int x) const {
    return data + (static_cast<std::ptrdiff_t>(y + border) * (width + 2 * border) + x + border) * stride;
  }
  static size_t floats(int height, int width, int stride, int border) {
    return static_cast<size_t>(height + 2 * border) * (width + 2 * border) * stride;
  }
  // Points the map at `storage` with this shape and zeroes its border; the pixels inside are left for
  // the layer writing them.
  void reshape(std::vector<float>& storage, int new_height, int new_width, int new_stride) {
    height = new_height;
    width = new_width;
    stride = new_stride;
    data = storage.data();
    const int row = (width + 2 * border) * stride;
    std::fill_n(data, border * row, 0.0f);
    std::fill_n(pixel(height, -border), border * row, 0.0f);
    for (int y = 0; y < height; ++y) {
      std::fill_n(pixel(y, -border), border * stride, 0.0f);
      std::fill_n(pixel(y, width), border * stride, 0.0f);
    }
  }
};

// A 1x1 convolution (or the stem's 5x5 one, unrolled) as a matrix stored [inputs][outputs padded to
// 8]: each input value scales one contiguous row of weights, so outputs are computed 8 at a time.
struct Linear {
  int inputs = 0, outputs = 0;
  std::vector<float> weights;  // [inputs][stride()]
  std::vector<float> bias;     // [stride()]
  int stride() const { return padded(outputs); }
};

struct Block {
  int out_channels = 0;
  int step = 1;  // 2 when the block halves the map
  bool adds_input = true;
  std::vector<float> depthwise;  // [depthwise_taps][padded(in_channels)], tap = ky * 3 + kx
  Linear pointwise;              // padded(in_channels) inputs
};

// Sums for P neighbouring output pixels and V vectors of output channels, kept in registers while the
// weights stream past: each weight vector loaded serves P pixels. V = 3, P = 4 fills the 16 AVX registers.
template <int V, int P>
struct Tile {
  Floats8 sum[P][V];

  [[gnu::always_inline]] void start(const float* bias, const float* residual, int residual_stride) {
    for (int p = 0; p < P; ++p)
      for (int v = 0; v < V; ++v)
        sum[p][v] = floats8(bias + v * lanes).v + (residual ? floats8(residual + p * residual_stride + v * lanes).v : Floats8{});
  }
  // sum[p] += src[p * src_stride + i] * weights[i * weights_stride] over i < count.
  [[gnu::always_inline]] void add_products(const float* src, int src_stride, int count, const float* weights,
                                           int weights_stride) {
    for (int i = 0; i < count; ++i) {
      Floats8 w[V];
      for (int v = 0; v < V; ++v) w[v] = floats8(weights + i * weights_stride + v * lanes).v;
      for (int p = 0; p < P; ++p) {
        const float value = src[p * src_stride + i];
        for (int v = 0; v < V; ++v) sum[p][v] += w[v] * value;
      }
    }
  }
  [[gnu::always_inline]] void finish(float* dst, int dst_stride, bool relu) {
    for (int p = 0; p < P; ++p)
      for (int v = 0; v < V; ++v) {
        const Floats8 zero{};
        floats8(dst + p * dst_stride + v * lanes).v = relu ? (sum[p][v] > zero ? sum[p][v] : zero) : sum[p][v];
      }
  }
};

template <int V, int P>
[[gnu::always_inline]] inline void pointwise_tile(const float* src, int src_stride, const Linear& linear, int first,
                                                  const float* residual, int residual_stride, float* dst,
                                                  int dst_stride, bool relu) {
  Tile<V, P> tile;
  tile.start(linear.bias.data() + first, residual ? residual + first : nullptr, residual_stride);
  tile.add_products(src, src_stride, linear.inputs, linear.weights.data() + first, linear.stride());
  tile.finish(dst + first, dst_stride, relu);
}

template <int V>
[[gnu::always_inline]] inline void pointwise_columns(const float* src, int src_stride, int pixels,
                                                     const Linear& linear, int first, const float* residual,
                                                     int residual_stride, float* dst, int dst_stride, bool relu) {
  int x = 0;
  for (; x + 4 <= pixels; x += 4)
    pointwise_tile<V, 4>(src + x * src_stride, src_stride, linear, first,
                         residual ? residual + x * residual_stride : nullptr, residual_stride, dst + x * dst_stride,
                         dst_stride, relu);
  for (; x < pixels; ++x)
    pointwise_tile<V, 1>(src + x * src_stride, src_stride, linear, first,
                         residual ? residual + x * residual_stride : nullptr, residual_stride, dst + x * dst_stride,
                         dst_stride, relu);
}

// dst[x] = bias + src[x] * weights (+ residual[x]) for a row of `pixels` pixels, optionally through
// ReLU; `src` holds linear.inputs values a pixel.
HERLENS_ALSO_AVX2 void pointwise_row(const float* src, int src_stride, int pixels, const Linear& linear,
                                     const float* residual, int residual_stride, float* dst, int dst_stride,
                                     bool relu) {
  const int outputs = linear.stride();
  for (int first = 0; first < outputs; first += 3 * lanes) {
    switch ((outputs - first) / lanes) {
      case 1:
        pointwise_columns<1>(src, src_stride, pixels, linear, first, residual, residual_stride, dst, dst_stride, relu);
        break;
      case 2:
        pointwise_columns<2>(src, src_stride, pixels, linear, first, residual, residual_stride, dst, dst_stride, relu);
        break;
      default:
        pointwise_columns<3>(src, src_stride, pixels, linear, first, residual, residual_stride, dst, dst_stride, relu);
    }
  }
}

// Output row `y` of the stem. Output pixel x sees input rows 2y-1 .. 2y+3 and columns 2x-1 .. 2x+3; on
// each of those rows its 5 pixels are 15 consecutive floats, so each kernel row is a 15-input product.
HERLENS_ALSO_AVX2 void stem_row(const FeatureMap& input, const Linear& stem, int y, const FeatureMap& out) {
  static_assert(stem_outputs == 3 * lanes);
  constexpr int row_inputs = stem_kernel * stem_inputs;
  constexpr int pixel_step = 2 * stem_inputs;
  const auto kernel_rows = [&](auto& tile, int x) {
    tile.start(stem.bias.data(), nullptr, 0);
    for (int ky = 0; ky < stem_kernel; ++ky)
      tile.add_products(input.pixel(2 * y - 1 + ky, 2 * x - 1), pixel_step, row_inputs,
                        stem.weights.data() + ky * row_inputs * stem_outputs, stem_outputs);
    tile.finish(out.pixel(y, x), out.stride, true);
  };
  int x = 0;
  for (; x + 4 <= out.width; x += 4) {
    Tile<3, 4> tile;
    kernel_rows(tile, x);
  }
  for (; x < out.width; ++x) {
    Tile<3, 1> tile;
    kernel_rows(tile, x);
  }
}

// Output row `y` of a 3x3 depthwise convolution of `in` with stride `step`, into `dst` (`width`
// pixels of in.stride floats). TF "SAME" padding: 1 on each side at stride 1, at stride 2 only 1 after,
// which the map's zero border provides.
HERLENS_ALSO_AVX2 void depthwise_row(const FeatureMap& in, const float* weights, int step, int y, int width,
                                     float* dst) {
  const int before = step == 1 ? 1 : 0;
  for (int c = 0; c < in.stride; c += lanes) {
    Floats8 w[depthwise_taps];
    for (int tap = 0; tap < depthwise_taps; ++tap) w[tap] = floats8(weights + tap * in.stride + c).v;
    for (int x = 0; x < width; ++x) {
      Floats8 sum{};
      for (int ky = 0; ky < 3; ++ky) {
        const float* row = in.pixel(step * y + ky - before, step * x - before) + c;
        for (int kx = 0; kx < 3; ++kx) sum += floats8(row + kx * in.stride).v * w[ky * 3 + kx];
      }
      floats8(dst + x * in.stride + c).v = sum;
    }
  }
}

// Row `y` of a block's input as its residual: max-pooled 2x2 when the block halves the map, and
// zero-padded from in.stride to `stride` channels.
void residual_row(const FeatureMap& in, int step, int y, int width, int stride, float* dst) {
  for (int x = 0; x < width; ++x, dst += stride) {
    if (step == 2) {
      const float* top = in.pixel(2 * y, 2 * x);
      const float* bottom = in.pixel(2 * y + 1, 2 * x);
      for (int c = 0; c < in.stride; c += lanes) {
        const Floats8 a = floats8(top + c).v, b = floats8(top + in.stride + c).v;
        const Floats8 d = floats8(bottom + c).v, e = floats8(bottom + in.stride + c).v;
        const Floats8 upper = a > b ? a : b, lower = d > e ? d : e;
        floats8(dst + c).v = upper > lower ? upper : lower;
      }
    } else {
      std::copy_n(in.pixel(y, x), in.stride, dst);
    }
    std::fill(dst + in.stride, dst + stride, 0.0f);
  }
}

// The graphs' layer names, as tf2onnx wrote them: Keras numbers repeated layers _1, _2, ...
const std::string tf_prefix = "StatefulPartitionedCall/functional_1/";
std::string keras_layer(std::string_view kind, int index) {
  return index == 0 ? std::string(kind) : fmt::format("{}_{}", kind, index);
}

// A 1x1 convolution "conv2d_<index>" with `inputs` channels in; its output count is read from the file.
Linear read_pointwise(const OnnxWeights& file, int index, int inputs) {
  const std::string layer = tf_prefix + keras_layer("conv2d", index);
  const std::string weights_name = layer + "/Conv2D/ReadVariableOp:0";
  const auto& any_shape = file.get(weights_name);
  const int64_t outputs = any_shape.dims.empty() ? 0 : any_shape.dims[0];
  const auto& weights = file.get(weights_name, {outputs, inputs, 1, 1});
  const auto& bias = file.get(layer + "/BiasAdd/ReadVariableOp:0", {outputs});
  Linear linear{padded(inputs), static_cast<int>(outputs), {}, {}};
  linear.weights.assign(static_cast<size_t>(linear.inputs) * linear.stride(), 0.0f);
  linear.bias.assign(linear.stride(), 0.0f);
  for (int o = 0; o < linear.outputs; ++o) {
    linear.bias[o] = bias.values[o];
    for (int i = 0; i < inputs; ++i) linear.weights[i * linear.stride() + o] = weights.values[o * inputs + i];
  }
  return linear;
}

}  // namespace

struct NativeBlazeFaceGraph::Layers {
  Linear stem;  // [ky][kx][RGB] inputs
  std::vector<Block> blocks;
  int early_block = 0;  // the heads also read this block's output, the map before the final halving
  std::array<Linear, 2> early_heads, final_heads;  // score logits, box regressions; anchors a cell = logits

  // Storage for the feature maps: the input, then two maps each block reads from and writes to in turn.
  std::vector<float> input_storage;
  std::array<std::vector<float>, 2> map_storage;
  std::vector<float> depthwise_out, residual, head_out;  // one row each
};

NativeBlazeFaceGraph::NativeBlazeFaceGraph(const BlazeFaceModel& model, const std::filesystem::path& file)
    : BlazeFaceGraph(model), layers_(std::make_unique<Layers>()) {
  const OnnxWeights weights = OnnxWeights::load(file);
  Layers& layers = *layers_;

  const auto& stem_weights = weights.get(tf_prefix + "conv2d/Conv2D/ReadVariableOp:0",
                                         {stem_outputs, stem_inputs, stem_kernel, stem_kernel});
  const auto& stem_bias = weights.get(tf_prefix + "conv2d/BiasAdd/ReadVariableOp:0", {stem_outputs});
  layers.stem = {stem_kernel * stem_kernel * stem_inputs, stem_outputs, {}, stem_bias.values};
  layers.stem.weights.resize(static_cast<size_t>(layers.stem.inputs) * stem_outputs);
  for (int o = 0; o < stem_outputs; ++o)
    for (int c = 0; c < stem_inputs; ++c)
      for (int ky = 0; ky < stem_kernel; ++ky)
        for (int kx = 0; kx < stem_kernel; ++kx)
          layers.stem.weights[((ky * stem_kernel + kx) * stem_inputs + c) * stem_outputs + o] =
              stem_weights.values[((o * stem_inputs + c) * stem_kernel + ky) * stem_kernel + kx];

  // Shapes through the network, to size the storage once.
  int side = model.input_size / 2;
  size_t map_floats = FeatureMap::floats(side, side, stem_outputs, 1);
  size_t row_floats = 0;
  int channels = stem_outputs;
  for (int index = 0; index < model.block_count; ++index) {
    Block block;
    block.step = std::find(model.halving_blocks.begin(), model.halving_blocks.end(), index) !=
                         model.halving_blocks.end() ? 2 : 1;
    block.adds_input = index + 1 < model.block_count || model.last_block_adds_input;
    const auto& depthwise =
        weights.get(tf_prefix + keras_layer("depthwise_conv2d", index) + "/depthwise/ReadVariableOp:0",
                    {channels, 1, 3, 3});
    block.depthwise.assign(static_cast<size_t>(depthwise_taps) * padded(channels), 0.0f);
    for (int c = 0; c < channels; ++c)
      for (int tap = 0; tap < depthwise_taps; ++tap)
        block.depthwise[tap * padded(channels) + c] = depthwise.values[c * depthwise_taps + tap];
    block.pointwise = read_pointwise(weights, index + 1, channels);
    block.out_channels = block.pointwise.outputs;
    if (block.out_channels < channels)
      throw Error(ErrorKind::model, model_error(file.string(), fmt::format("block {} narrows {} channels to {}",
                                                                           index, channels, block.out_channels)));
    // A row of the depthwise output or the residual has at most the width of the map the block reads.
    row_floats = std::max(row_floats, static_cast<size_t>(side) * padded(block.out_channels));
    side /= block.step;
    channels = block.out_channels;
    map_floats = std::max(map_floats, FeatureMap::floats(side, side, padded(channels), 1));
    layers.blocks.push_back(std::move(block));
  }
  layers.early_block = model.halving_blocks.back() - 1;
  const int early_channels = layers.blocks.at(layers.early_block).out_channels;
  const int head = model.block_count + 1;
  layers.early_heads = {read_pointwise(weights, head, early_channels), read_pointwise(weights, head + 2, early_channels)};
  layers.final_heads = {read_pointwise(weights, head + 1, channels), read_pointwise(weights, head + 3, channels)};
  const int early_anchors = layers.early_heads[0].outputs;
  const int final_anchors = layers.final_heads[0].outputs;
  const int early_side = 2 * side;
  if (layers.early_heads[1].outputs != blazeface_values_per_anchor * early_anchors ||
      layers.final_heads[1].outputs != blazeface_values_per_anchor * final_anchors ||
      early_side * early_side * early_anchors + side * side * final_anchors != blazeface_anchor_count)
    throw Error(ErrorKind::model, model_error(file.string(), "its heads do not give BlazeFace's 896 anchors"));

  layers.input_storage.assign(FeatureMap::floats(model.input_size, model.input_size, stem_inputs, stem_border), 0.0f);
  for (auto& storage : layers.map_storage) storage.resize(map_floats);
  layers.depthwise_out.resize(row_floats);
  layers.residual.resize(row_floats);
  layers.head_out.resize(static_cast<size_t>(early_side) *
                         std::max(layers.early_heads[1].stride(), layers.final_heads[1].stride()));
}

NativeBlazeFaceGraph::~NativeBlazeFaceGraph() = default;

void NativeBlazeFaceGraph::evaluate(std::span<const float> rgb, std::span<float> logits,
                                    std::span<float> regressions) {
  const int size = model().input_size;
  Layers& layers = *layers_;

  FeatureMap input{.border = stem_border};
  input.reshape(layers.input_storage, size, size, stem_inputs);
  for (int y = 0; y < size; ++y)
    std::copy_n(rgb.data() + static_cast<size_t>(y) * size * stem_inputs, size * stem_inputs, input.pixel(y, 0));

  std::array<FeatureMap, 2> maps;
  maps[0].reshape(layers.map_storage[0], size / 2, size / 2, stem_outputs);
  for (int y = 0; y < maps[0].height; ++y) stem_row(input, layers.stem, y, maps[0]);

  // Heads write their cells row by row, `anchors` per cell; the early map's anchors come first.
  size_t anchors_done = 0;
  const auto run_heads = [&](const std::array<Linear, 2>& heads, const FeatureMap& map) {
    float* outputs[2] = {logits.data() + anchors_done, regressions.data() + anchors_done * blazeface_values_per_anchor};
    for (int h = 0; h < 2; ++h) {
      const Linear& head = heads[h];
      for (int y = 0; y < map.height; ++y) {
        pointwise_row(map.pixel(y, 0), map.stride, map.width, head, nullptr, 0, layers.head_out.data(), head.stride(),
                      false);
        for (int x = 0; x < map.width; ++x, outputs[h] += head.outputs)
          std::copy_n(layers.head_out.data() + x * head.stride(), head.outputs, outputs[h]);
      }
    }
    anchors_done += static_cast<size_t>(map.height) * map.width * heads[0].outputs;
  };

  int current = 0;
  for (size_t index = 0; index < layers.blocks.size(); ++index) {
    const Block& block = layers.blocks[index];
    const FeatureMap& in = maps[current];
    FeatureMap& out = maps[1 - current];
    out.reshape(layers.map_storage[1 - current], in.height / block.step, in.width / block.step,
                padded(block.out_channels));
    for (int y = 0; y < out.height; ++y) {
      depthwise_row(in, block.depthwise.data(), block.step, y, out.width, layers.depthwise_out.data());
      const float* residual = nullptr;
      int residual_stride = 0;
      if (block.adds_input && block.step == 1 && in.stride == out.stride) {
        residual = in.pixel(y, 0);
        residual_stride = in.stride;
      } else if (block.adds_input) {
        residual_row(in, block.step, y, out.width, out.stride, layers.residual.data());
        residual = layers.residual.data();
        residual_stride = out.stride;
      }
      pointwise_row(layers.depthwise_out.data(), in.stride, out.width, block.pointwise, residual, residual_stride,
                    out.pixel(y, 0), out.stride, true);
    }
    current = 1 - current;
    if (static_cast<int>(index) == layers.early_block) run_heads(layers.early_heads, maps[current]);
  }
  run_heads(layers.final_heads, maps[current]);
}

}  // namespace herlens::models
