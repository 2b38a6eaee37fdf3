#include "herlens/models/tfjs_graph.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <tuple>

#include <sys/mman.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>

#include "herlens/error.hpp"
#include "herlens/cpu_dispatch.hpp"
#include "herlens/models/onnx_reader.hpp"

namespace herlens::models {
namespace {

using nlohmann::json;

// Weight shards and tensors beyond this are no model herlens runs: refused before memory is sized.
constexpr int64_t max_tensor_values = int64_t{1} << 28;
// Nodes between an output and the input, at most: far beyond any network herlens runs (FaceMesh has
// a few hundred).
constexpr int max_depth = 2000;

// A new feature map's `count` values, each `fill`. A pass maps blocks of 1 MB or more apart so that freeing one
// returns its pages (pipeline/pass.cpp), so each map is faulted in anew, a page at a time: on the
// grain clip a million faults, a tenth of `herlens framing`'s CPU. Asking for transparent huge pages
// on the block before its first touch makes that a fault per 2 MB where the system allows them.
std::vector<float> fresh_map(size_t count, float fill = 0.0f) {
  constexpr uintptr_t huge_page = uintptr_t{2} << 20;
  std::vector<float> values;
  values.reserve(count);
  const auto begin = reinterpret_cast<uintptr_t>(values.data());
  const uintptr_t first = (begin + huge_page - 1) & ~(huge_page - 1);
  const uintptr_t last = (begin + count * sizeof(float)) & ~(huge_page - 1);
  if (last > first) madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);  // a hint: failing is fine
  values.resize(count, fill);
  return values;
}

std::string read_bytes(const std::filesystem::path& file, const std::string& source) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Error(ErrorKind::model, model_error(source, fmt::format("cannot read {}", file.filename().string())));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return std::move(bytes).str();
}

// TensorFlow's graph attributes hold strings base64-encoded.
std::string base64_decode(const std::string& text) {
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (const char c : text) {
    int value;
    if (c >= 'A' && c <= 'Z') value = c - 'A';
    else if (c >= 'a' && c <= 'z') value = c - 'a' + 26;
    else if (c >= '0' && c <= '9') value = c - '0' + 52;
    else if (c == '+') value = 62;
    else if (c == '/') value = 63;
    else break;  // '=' padding ends the text
    bits = (bits << 6) | uint32_t(value);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out.push_back(char((bits >> count) & 0xff));
    }
  }
  return out;
}

int64_t value_count(const std::vector<int64_t>& shape, const std::string& source) {
  int64_t count = 1;
  for (const int64_t d : shape) {
    if (d < 0 || d > max_tensor_values || count * std::max<int64_t>(d, 1) > max_tensor_values)
      throw Error(ErrorKind::model, model_error(source, "a weight's shape is negative or too large"));
    count *= d;
  }
  return count;
}

// An IEEE 754 half-precision number (weights stored as float16) as a float.
float half_to_float(uint16_t half) {
  const uint32_t sign = uint32_t(half & 0x8000) << 16;
  uint32_t exponent = (half >> 10) & 0x1f, mantissa = half & 0x3ff;
  uint32_t bits;
  if (exponent == 0x1f) {
    bits = sign | 0x7f800000 | (mantissa << 13);  // infinity or NaN
  } else if (exponent != 0) {
    bits = sign | ((exponent + 112) << 23) | (mantissa << 13);
  } else if (mantissa == 0) {
    bits = sign;
  } else {  // subnormal: shift the mantissa up until it is normal
    exponent = 113;
    while (!(mantissa & 0x400)) mantissa <<= 1, --exponent;
    bits = sign | (exponent << 23) | ((mantissa & 0x3ff) << 13);
  }
  float value;
  std::memcpy(&value, &bits, 4);
  return value;
}

// A 2-D integer list attribute of 4 entries in NHWC order (strides, dilations): its H and W.
std::pair<int, int> spatial_pair(const json& attr, const char* key, const std::string& source) {
  if (!attr.contains(key)) return {1, 1};
  const json& list = attr[key].value("list", json::object()).value("i", json::array());
  if (list.size() != 4) throw Error(ErrorKind::model, model_error(source, fmt::format("{} must have 4 entries", key)));
  const auto at = [&](size_t i) {
    const int64_t v = std::stoll(list[i].get<std::string>());
    if (v < 1 || v > 64) throw Error(ErrorKind::model, model_error(source, fmt::format("{} out of range", key)));
    return int(v);
  };
  return {at(1), at(2)};
}

// Eight floats: one AVX register, or two SSE registers in the baseline build. Memory is read and
// written through this packed struct's member, never by a function passing a vector by value
// (whose register convention differs between the baseline and the AVX2 copies).
using Floats8 = float __attribute__((vector_size(32)));
struct __attribute__((packed, may_alias)) UnalignedFloats8 {
  Floats8 v;
};
#pragma GCC diagnostic ignored "-Wpsabi"
inline const UnalignedFloats8& floats8(const float* at) { return *reinterpret_cast<const UnalignedFloats8*>(at); }
inline UnalignedFloats8& floats8(float* at) { return *reinterpret_cast<UnalignedFloats8*>(at); }

// A kernel tap of one output pixel that falls inside the input: the input pixel it reads and the
// filter values for it.
struct KernelTap {
  const float* pixel;
  const float* weights;
};

// The taps of output pixel (oy, ox), in filter order; the filter holds `tap_floats` values a tap.
void kernel_taps(std::vector<KernelTap>& taps, const float* in, int in_h, int in_w, int in_c, const float* filter,
                 int tap_floats, int k_h, int k_w, int oy, int ox, int stride_y, int stride_x, int dilation_y,
                 int dilation_x, int pad_top, int pad_left) {
  taps.clear();
  for (int ky = 0; ky < k_h; ++ky) {
    const int iy = oy * stride_y - pad_top + ky * dilation_y;
    if (iy < 0 || iy >= in_h) continue;
    for (int kx = 0; kx < k_w; ++kx) {
      const int ix = ox * stride_x - pad_left + kx * dilation_x;
      if (ix < 0 || ix >= in_w) continue;
      taps.push_back({in + (static_cast<size_t>(iy) * in_w + ix) * in_c,
                      filter + static_cast<size_t>(ky * k_w + kx) * tap_floats});
    }
  }
}

// out[pixel][o] = bias + sum over taps and input channels of in * filter, filter laid out HWIO.
// Eight output channels at a time are summed in a register over every tap and input channel and
// stored once (adding into the output in memory waited on each previous store).
HERLENS_ALSO_AVX2
void convolve_full(const float* in, int in_h, int in_w, int in_c, const float* filter, int k_h, int k_w,
                   int out_c, const float* bias, float* out, int out_h, int out_w, int stride_y, int stride_x,
                   int dilation_y, int dilation_x, int pad_top, int pad_left) {
  std::vector<KernelTap> taps;
  taps.reserve(static_cast<size_t>(k_h) * k_w);
  for (int oy = 0; oy < out_h; ++oy)
    for (int ox = 0; ox < out_w; ++ox) {
      float* __restrict o = out + (static_cast<size_t>(oy) * out_w + ox) * out_c;
      kernel_taps(taps, in, in_h, in_w, in_c, filter, in_c * out_c, k_h, k_w, oy, ox, stride_y, stride_x, dilation_y,
                  dilation_x, pad_top, pad_left);
      int k = 0;
      for (; k + 8 <= out_c; k += 8) {
        Floats8 sum = bias ? floats8(bias + k).v : Floats8{};
        for (const KernelTap& t : taps)
          for (int c = 0; c < in_c; ++c) sum += t.pixel[c] * floats8(t.weights + static_cast<size_t>(c) * out_c + k).v;
        floats8(o + k).v = sum;
      }
      for (; k < out_c; ++k) {
        float sum = bias ? bias[k] : 0.0f;
        for (const KernelTap& t : taps)
          for (int c = 0; c < in_c; ++c) sum += t.pixel[c] * t.weights[static_cast<size_t>(c) * out_c + k];
        o[k] = sum;
      }
    }
}

// A 1x1 convolution with stride 1 is a product of the input (pixels x in_c) by the filter
// (in_c x out_c). It is computed in tiles of 4 pixels by 16 output channels held in registers
// while the input channels pass, so each filter value read serves 4 pixels and each input value 16
// channels; what is left over at the ends goes one value at a time.
constexpr int tile_pixels = 4, tile_channels = 16;

HERLENS_ALSO_AVX2
void convolve_pointwise(const float* in, int pixels, int in_c, const float* filter, int out_c, const float* bias,
                        float* out) {
  const int whole_pixels = pixels / tile_pixels * tile_pixels;
  const int whole_channels = out_c / tile_channels * tile_channels;
  for (int p = 0; p < whole_pixels; p += tile_pixels)
    for (int k = 0; k < whole_channels; k += tile_channels) {
      Floats8 sums[tile_pixels][2];
      for (auto& sum : sums) {
        sum[0] = bias ? floats8(bias + k).v : Floats8{};
        sum[1] = bias ? floats8(bias + k + 8).v : Floats8{};
      }
      const float* row = in + static_cast<size_t>(p) * in_c;
      for (int c = 0; c < in_c; ++c) {
        const Floats8 w0 = floats8(filter + static_cast<size_t>(c) * out_c + k).v;
        const Floats8 w1 = floats8(filter + static_cast<size_t>(c) * out_c + k + 8).v;
        for (int j = 0; j < tile_pixels; ++j) {
          const float a = row[static_cast<size_t>(j) * in_c + c];
          sums[j][0] += a * w0;
          sums[j][1] += a * w1;
        }
      }
      for (int j = 0; j < tile_pixels; ++j) {
        floats8(out + static_cast<size_t>(p + j) * out_c + k).v = sums[j][0];
        floats8(out + static_cast<size_t>(p + j) * out_c + k + 8).v = sums[j][1];
      }
    }
  // The channels past the last whole tile of every pixel, and every channel of the pixels past the
  // last whole tile.
  for (int p = 0; p < pixels; ++p) {
    const int first = p < whole_pixels ? whole_channels : 0;
    float* __restrict o = out + static_cast<size_t>(p) * out_c;
    const float* pixel = in + static_cast<size_t>(p) * in_c;
    for (int k = first; k < out_c; ++k) o[k] = bias ? bias[k] : 0.0f;
    for (int c = 0; c < in_c; ++c) {
      const float a = pixel[c];
      const float* __restrict w = filter + static_cast<size_t>(c) * out_c;
      for (int k = first; k < out_c; ++k) o[k] += a * w[k];
    }
  }
}

// Depthwise: output channel c * multiplier + j sees input channel c only; filter laid out
// {k_h, k_w, in_c, multiplier}. With one output per input channel (every graph herlens runs), eight
// channels of a pixel are summed over all its taps in a register and stored once: adding each tap
// into the output in memory waited on the store of the tap before.
HERLENS_ALSO_AVX2
void convolve_depthwise(const float* in, int in_h, int in_w, int in_c, const float* filter, int k_h, int k_w,
                        int multiplier, const float* bias, float* out, int out_h, int out_w, int stride_y,
                        int stride_x, int dilation_y, int dilation_x, int pad_top, int pad_left) {
  const int out_c = in_c * multiplier;
  std::vector<KernelTap> taps;
  taps.reserve(static_cast<size_t>(k_h) * k_w);
  for (int oy = 0; oy < out_h; ++oy)
    for (int ox = 0; ox < out_w; ++ox) {
      float* __restrict o = out + (static_cast<size_t>(oy) * out_w + ox) * out_c;
      kernel_taps(taps, in, in_h, in_w, in_c, filter, out_c, k_h, k_w, oy, ox, stride_y, stride_x, dilation_y,
                  dilation_x, pad_top, pad_left);
      if (multiplier == 1) {
        int c = 0;
        for (; c + 8 <= in_c; c += 8) {
          Floats8 sum = bias ? floats8(bias + c).v : Floats8{};
          for (const KernelTap& t : taps) sum += floats8(t.pixel + c).v * floats8(t.weights + c).v;
          floats8(o + c).v = sum;
        }
        for (; c < in_c; ++c) {
          float sum = bias ? bias[c] : 0.0f;
          for (const KernelTap& t : taps) sum += t.pixel[c] * t.weights[c];
          o[c] = sum;
        }
      } else {
        for (int k = 0; k < out_c; ++k) o[k] = bias ? bias[k] : 0.0f;
        for (const KernelTap& t : taps)
          for (int c = 0; c < in_c; ++c)
            for (int j = 0; j < multiplier; ++j) o[c * multiplier + j] += t.pixel[c] * t.weights[c * multiplier + j];
      }
    }
}

// PReLU with one slope per channel (the last axis): negative values are scaled by their channel's
// slope.
// Written with min and max, not `v < 0 ? v * slope : v`: the compiler keeps a branch per value for
// that comparison (it may trap), and the loop ran unvectorised, as slow as a convolution.
HERLENS_ALSO_AVX2
void prelu_rows(float* __restrict values, size_t count, const float* __restrict slopes, size_t channels) {
  for (size_t i = 0; i < count; i += channels)
    for (size_t c = 0; c < channels; ++c) {
      const float v = values[i + c];
      values[i + c] = std::max(v, 0.0f) + slopes[c] * std::min(v, 0.0f);
    }
}
void apply_prelu(std::vector<float>& values, const std::vector<float>& slopes) {
  prelu_rows(values.data(), values.size(), slopes.data(), slopes.size());
}

// out[i] += add[i % period], a row of `period` values added along the whole tensor.
HERLENS_ALSO_AVX2
void add_rows(float* __restrict out, size_t count, const float* __restrict add, size_t period) {
  for (size_t i = 0; i < count; i += period)
    for (size_t k = 0; k < period; ++k) out[i + k] += add[k];
}
// ReLU, or ReLU6 (values also held at 6 or below).
void apply_relu(std::vector<float>& values, bool six) {
  const float ceiling = six ? 6.0f : std::numeric_limits<float>::infinity();
  for (float& v : values) v = std::min(std::max(v, 0.0f), ceiling);  // std::clamp does not vectorise
}

// out[i] += value, and out[i] *= value: a single value broadcast (a row loop of one would not vectorise).
HERLENS_ALSO_AVX2
void add_value(float* __restrict out, size_t count, float value) {
  for (size_t i = 0; i < count; ++i) out[i] += value;
}
HERLENS_ALSO_AVX2
void multiply_value(float* __restrict out, size_t count, float value) {
  for (size_t i = 0; i < count; ++i) out[i] *= value;
}
// out[i] *= scale[i % period].
HERLENS_ALSO_AVX2
void multiply_rows(float* __restrict out, size_t count, const float* __restrict scale, size_t period) {
  for (size_t i = 0; i < count; i += period)
    for (size_t k = 0; k < period; ++k) out[i + k] *= scale[k];
}

// The node an input names: "^name" (a control dependency) and "name:k" (its k-th output) are "name".
std::string producer_of(const std::string& input) {
  const size_t begin = input.starts_with('^') ? 1 : 0, colon = input.find(':');
  return input.substr(begin, colon == std::string::npos ? colon : colon - begin);
}

// The names of the nodes `outputs` read, directly or not, themselves included.
std::set<std::string> needed_nodes(const std::map<std::string, std::vector<std::string>>& inputs_of,
                                   const std::vector<std::string>& outputs) {
  std::set<std::string> needed;
  std::vector<std::string> pending = outputs;
  while (!pending.empty()) {
    std::string name = std::move(pending.back());
    pending.pop_back();
    if (!needed.insert(name).second) continue;
    if (const auto found = inputs_of.find(name); found != inputs_of.end())
      pending.insert(pending.end(), found->second.begin(), found->second.end());
  }
  return needed;
}

// Output size and padding before, along one axis (TensorFlow's SAME and VALID rules).
struct Axis {
  int size = 0, pad_before = 0;
};
Axis output_axis(int in, int kernel, int stride, int dilation, bool same) {
  const int reach = (kernel - 1) * dilation + 1;
  if (!same) return {in >= reach ? (in - reach) / stride + 1 : 0, 0};
  const int size = (in + stride - 1) / stride;
  return {size, std::max((size - 1) * stride + reach - in, 0) / 2};
}

}  // namespace

TfjsTensor picture_input(const cv::Mat& bgr, double scale, double offset) {
  cv::Mat rgb;
  cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
  TfjsTensor input{{1, rgb.rows, rgb.cols, 3}, std::vector<float>(rgb.total() * 3)};
  rgb.reshape(1, 1).convertTo(cv::Mat(1, int(input.values.size()), CV_32F, input.values.data()), CV_32F, scale, offset);
  return input;
}

TfjsGraph TfjsGraph::load(const std::filesystem::path& model_json, const std::vector<std::string>& outputs) {
  const std::string source = model_json.string();
  const std::filesystem::path folder = model_json.parent_path();
  return parse(
      read_bytes(model_json, source),
      [&](const std::string& shard) {
        if (shard.find('/') != std::string::npos || shard.find('\\') != std::string::npos || shard == "..")
          throw Error(ErrorKind::model, model_error(source, "a weight shard path leaves the model's folder"));
        return read_bytes(folder / shard, source);
      },
      source, outputs);
}

TfjsGraph TfjsGraph::parse(std::string_view text, const std::function<std::string(const std::string&)>& read_shard,
                           const std::string& source, const std::vector<std::string>& outputs) {
  TfjsGraph graph;
  graph.source_ = source;
  const auto fail = [&](const std::string& what) { return Error(ErrorKind::model, model_error(source, what)); };
  try {
    const json model = json::parse(text);
    const json& items = model.at("modelTopology").at("node");
    std::set<std::string> needed;
    if (!outputs.empty()) {
      std::map<std::string, std::vector<std::string>> inputs_of;
      for (const json& item : items) {
        std::vector<std::string>& inputs = inputs_of[item.at("name").get<std::string>()];
        for (const json& input : item.value("input", json::array())) {
          inputs.push_back(producer_of(input.get<std::string>()));
        }
      }
      needed = needed_nodes(inputs_of, outputs);
    }
    for (const json& item : items) {
      Node node;
      node.name = item.at("name").get<std::string>();
      const std::string op = item.at("op").get<std::string>();
      if (!outputs.empty() && !needed.count(node.name) && op != "Placeholder") continue;
      const json attr = item.value("attr", json::object());
      for (const json& input : item.value("input", json::array())) {
        std::string name = input.get<std::string>();
        if (!name.empty() && name[0] == '^') continue;  // control dependency: no data
        if (const size_t colon = name.find(':'); colon != std::string::npos) {
          if (name.substr(colon) != ":0") throw fail(fmt::format("{}: only first outputs are supported", node.name));
          name.resize(colon);
        }
        node.inputs.push_back(name);
      }
      if (op == "Placeholder") {
        node.op = Op::placeholder;
        if (!graph.input_.empty()) throw fail("more than one input");
        graph.input_ = node.name;
        // A fixed height and width (not -1), to which constant resize sizes were frozen.
        const json dims = attr.value("shape", json::object()).value("shape", json::object()).value("dim", json::array());
        if (dims.size() == 4) {
          const auto dim = [&](size_t i) { return std::stoll(dims[i].value("size", std::string("-1"))); };
          if (dim(1) > 0 && dim(2) > 0) graph.declared_input_ = {dim(1), dim(2)};
        }
      } else if (op == "Const") {
        node.op = Op::constant;
      } else if (op == "AddV2" || op == "Add" || op == "Mul" || op == "Prelu" || op == "Sigmoid" || op == "Relu" ||
                 op == "Relu6" || op == "Pad" || op == "Reshape" || op == "Identity" || op == "Mean") {
        node.op = op == "Prelu"      ? Op::prelu
                  : op == "Mul"      ? Op::mul
                  : op == "Sigmoid"  ? Op::sigmoid
                  : op == "Relu"     ? Op::relu
                  : op == "Relu6"    ? Op::relu6
                  : op == "Pad"      ? Op::pad
                  : op == "Reshape"  ? Op::reshape
                  : op == "Identity" ? Op::identity
                  : op == "Mean"     ? Op::mean
                                     : Op::add;
        const bool unary = node.op == Op::sigmoid || node.op == Op::relu || node.op == Op::relu6 || node.op == Op::identity;
        if (node.inputs.size() != (unary ? 1u : 2u)) throw fail(fmt::format("{}: wrong number of inputs", node.name));
        if (node.op == Op::mean && !attr.value("keep_dims", json::object()).value("b", false))
          throw fail(fmt::format("{}: only means keeping their axes are supported", node.name));
      } else if (op == "ResizeBilinear") {
        node.op = Op::resize_bilinear;
        node.align_corners = attr.value("align_corners", json::object()).value("b", false);
        node.half_pixel_centers = attr.value("half_pixel_centers", json::object()).value("b", false);
        if (node.inputs.size() != 2) throw fail(fmt::format("{}: wrong number of inputs", node.name));
      } else if (op == "ConcatV2") {
        node.op = Op::concat;
        if (node.inputs.size() < 3) throw fail(fmt::format("{}: wrong number of inputs", node.name));
      } else if (op == "MaxPool") {
        node.op = Op::max_pool;
        std::tie(node.stride_y, node.stride_x) = spatial_pair(attr, "strides", source);
        std::tie(node.window_y, node.window_x) = spatial_pair(attr, "ksize", source);
        const std::string padding = base64_decode(attr.at("padding").at("s").get<std::string>());
        if (padding != "SAME" && padding != "VALID") throw fail(fmt::format("{}: padding {} is not supported", node.name, padding));
        node.same_padding = padding == "SAME";
        if (attr.contains("data_format") && base64_decode(attr["data_format"].at("s").get<std::string>()) != "NHWC")
          throw fail(fmt::format("{}: only NHWC is supported", node.name));
        if (node.inputs.size() != 1) throw fail(fmt::format("{}: wrong number of inputs", node.name));
      } else if (op == "Conv2D" || op == "_FusedConv2D" || op == "DepthwiseConv2dNative" ||
                 op == "FusedDepthwiseConv2dNative") {
        node.op = op.find("Depthwise") != std::string::npos ? Op::depthwise_conv2d : Op::conv2d;
        std::tie(node.stride_y, node.stride_x) = spatial_pair(attr, "strides", source);
        std::tie(node.dilation_y, node.dilation_x) = spatial_pair(attr, "dilations", source);
        const std::string padding = base64_decode(attr.at("padding").at("s").get<std::string>());
        if (padding != "SAME" && padding != "VALID") throw fail(fmt::format("{}: padding {} is not supported", node.name, padding));
        node.same_padding = padding == "SAME";
        if (attr.contains("data_format") && base64_decode(attr["data_format"].at("s").get<std::string>()) != "NHWC")
          throw fail(fmt::format("{}: only NHWC is supported", node.name));
        if (attr.contains("fused_ops"))
          for (const json& fused : attr["fused_ops"].value("list", json::object()).value("s", json::array())) {
            const std::string name = base64_decode(fused.get<std::string>());
            if (name == "BiasAdd") node.bias = true;
            else if (name == "Relu") node.activation = Activation::relu;
            else if (name == "Relu6") node.activation = Activation::relu6;
            else if (name == "Prelu") node.activation = Activation::prelu;
            else throw fail(fmt::format("{}: fused op {} is not supported", node.name, name));
          }
        if (node.inputs.size() != 2u + node.bias + (node.activation == Activation::prelu))
          throw fail(fmt::format("{}: wrong number of inputs", node.name));
      } else {
        throw fail(fmt::format("op {} ({}) is not supported", op, node.name));
      }
      const std::string name = node.name;
      if (!graph.nodes_.emplace(name, std::move(node)).second) throw fail(fmt::format("node {} twice", name));
    }
    if (graph.input_.empty()) throw fail("no input");
    for (const std::string& output : outputs)
      if (!graph.nodes_.count(output)) throw fail(fmt::format("no node {}", output));
    for (const auto& [_, n] : graph.nodes_)
      for (const std::string& read : n.inputs) ++graph.reads_[read];

    for (const json& group : model.at("weightsManifest")) {
      std::string bytes;
      for (const json& path : group.at("paths")) bytes += read_shard(path.get<std::string>());
      size_t offset = 0;
      for (const json& spec : group.at("weights")) {
        TfjsTensor tensor;
        const std::string name = spec.at("name").get<std::string>();
        tensor.shape = spec.at("shape").get<std::vector<int64_t>>();
        const auto count = static_cast<size_t>(value_count(tensor.shape, source));
        const bool kept = graph.nodes_.count(name) > 0;  // not a weight of a node left out
        if (kept) tensor.values.resize(count);
        // Quantized weights are stored as unsigned integers mapped linearly onto floats, or as
        // half-precision floats. Integer tensors (shapes, paddings) are held as floats, exact for
        // the small values they hold.
        std::string dtype = spec.at("dtype").get<std::string>();
        double minimum = 0, scale = 1;
        if (spec.contains("quantization")) {
          const json& q = spec["quantization"];
          dtype = q.at("dtype").get<std::string>();
          if (dtype != "float16") {
            minimum = q.at("min").get<double>();
            scale = q.at("scale").get<double>();
          }
        }
        const size_t width = dtype == "float32" || dtype == "int32"   ? 4
                             : dtype == "uint16" || dtype == "float16" ? 2
                             : dtype == "uint8"                        ? 1
                                                                       : 0;
        if (width == 0) throw fail(fmt::format("weight {}: type {} is not supported", name, dtype));
        if (bytes.size() - offset < count * width) throw fail(fmt::format("weight {} runs past its shard", name));
        const char* at = bytes.data() + offset;
        for (size_t i = 0; kept && i < count; ++i) {
          // Little-endian, as the format stores it.
          if (dtype == "float32") {
            std::memcpy(&tensor.values[i], at + 4 * i, 4);
          } else if (dtype == "int32") {
            int32_t v;
            std::memcpy(&v, at + 4 * i, 4);
            tensor.values[i] = float(v);
          } else if (dtype == "float16") {
            tensor.values[i] = half_to_float(uint16_t(uint8_t(at[2 * i]) | uint8_t(at[2 * i + 1]) << 8));
          } else {
            uint16_t q = uint8_t(at[width * i]);
            if (width == 2) q |= uint16_t(uint8_t(at[2 * i + 1]) << 8);
            tensor.values[i] = float(minimum + scale * q);
          }
        }
        offset += count * width;
        if (kept) graph.weights_[name] = std::move(tensor);
      }
    }
  } catch (const json::exception& e) {
    throw fail(fmt::format("malformed model.json ({})", e.what()));
  } catch (const std::logic_error&) {  // std::stoll on a malformed number
    throw fail("malformed attribute");
  }
  for (const auto& [name, node] : graph.nodes_) {
    if (node.op == Op::constant && !graph.weights_.count(name)) throw fail(fmt::format("constant {} has no weights", name));
    for (const std::string& input : node.inputs)
      if (!graph.nodes_.count(input)) throw fail(fmt::format("{} reads {}, which is no node", name, input));
  }
  return graph;
}

const TfjsGraph::Node& TfjsGraph::node(const std::string& name) const {
  const auto found = nodes_.find(name);
  if (found == nodes_.end()) throw Error(ErrorKind::model, model_error(source_, fmt::format("no node {}", name)));
  return found->second;
}

std::vector<TfjsTensor> TfjsGraph::run(const TfjsTensor& input, const std::vector<std::string>& outputs) const {
  if (input.shape.size() != 4 || input.shape[0] != 1 ||
      static_cast<size_t>(value_count(input.shape, source_)) != input.values.size())
    throw Error(ErrorKind::internal, "tfjs graph: input must be {1, height, width, channels} with its values");
  Evaluation run{{{input_, input}}, reads_, input.shape[1], input.shape[2]};
  for (const std::string& name : outputs) ++run.reads_left[name];
  std::vector<TfjsTensor> results;
  for (const std::string& name : outputs) results.push_back(evaluate(name, run, 0));
  return results;
}

void TfjsGraph::keep_one_channel(const std::string& conv, int64_t channel) {
  const auto fail = [&](const std::string& what) {
    return Error(ErrorKind::model, model_error(source_, fmt::format("{}: {}", conv, what)));
  };
  const Node& n = node(conv);
  if (n.op != Op::conv2d) throw fail("not a convolution");
  for (size_t i = 1; i < n.inputs.size(); ++i) {
    const std::string& name = n.inputs[i];
    const auto found = weights_.find(name);
    if (found == weights_.end() || reads_[name] != 1) throw fail("its weights are not its own constants");
    TfjsTensor& weight = found->second;
    const int64_t channels = weight.shape.empty() ? 0 : weight.shape.back();
    if (channel < 0 || channel >= channels) throw fail("no such output channel");
    // Output channels are the last axis of the filter, the bias and the slopes alike.
    std::vector<float> kept;
    for (size_t at = size_t(channel); at < weight.values.size(); at += size_t(channels)) kept.push_back(weight.values[at]);
    weight.values = std::move(kept);
    weight.shape.back() = 1;
  }
}

const TfjsTensor& TfjsGraph::evaluate(const std::string& name, Evaluation& run, int depth) const {
  if (const auto done = run.computed.find(name); done != run.computed.end()) return done->second;
  const Node& n = node(name);
  if (n.op == Op::constant) return weights_.at(name);
  if (n.op == Op::placeholder) throw Error(ErrorKind::internal, "tfjs graph: input not fed");
  // Inputs are evaluated first; a graph is acyclic, and a cycle in a crafted file ends here rather
  // than in a stack overflow.
  if (depth > max_depth) throw Error(ErrorKind::model, model_error(source_, "the graph is too deep or has a cycle"));
  // An input stays while this node is pending (it counts among its reads), so the pointers hold.
  std::vector<const TfjsTensor*> inputs;
  for (const std::string& input : n.inputs) inputs.push_back(&evaluate(input, run, depth + 1));
  TfjsTensor out;
  if (n.op == Op::resize_bilinear) {
    out = resize_bilinear(n, *inputs[0], resize_size(n, *inputs[1], run));
  } else if (n.op != Op::conv2d && n.op != Op::depthwise_conv2d) {
    // A map no later node reads may become this node's output in place of a copy (element-wise ops).
    std::vector<TfjsTensor*> spare(n.inputs.size(), nullptr);
    for (size_t i = 0; i < n.inputs.size(); ++i)
      if (const auto found = run.computed.find(n.inputs[i]);
          found != run.computed.end() && run.reads_left[n.inputs[i]] == 1)
        spare[i] = &found->second;
    out = compute(n, inputs, spare);
  } else {
    const TfjsTensor* bias = n.bias ? inputs[2] : nullptr;
    const TfjsTensor* slopes = n.activation == Activation::prelu ? inputs.back() : nullptr;
    out = convolve(n, *inputs[0], *inputs[1], bias, slopes);
  }
  for (const std::string& input : n.inputs)
    if (--run.reads_left[input] == 0) run.computed.erase(input);
  return run.computed[name] = std::move(out);
}

TfjsTensor TfjsGraph::convolve(const Node& n, const TfjsTensor& in, const TfjsTensor& filter,
                               const TfjsTensor* bias, const TfjsTensor* slopes) const {
  const auto fail = [&](const char* what) {
    return Error(ErrorKind::model, model_error(source_, fmt::format("{}: {}", n.name, what)));
  };
  if (in.shape.size() != 4 || in.shape[0] != 1) throw fail("input is not a 1xHxWxC feature map");
  if (filter.shape.size() != 4 || filter.shape[2] != in.shape[3]) throw fail("filter does not fit the input channels");
  const int in_h = int(in.shape[1]), in_w = int(in.shape[2]), in_c = int(in.shape[3]);
  const int k_h = int(filter.shape[0]), k_w = int(filter.shape[1]);
  const bool depthwise = n.op == Op::depthwise_conv2d;
  const int out_c = int(depthwise ? filter.shape[2] * filter.shape[3] : filter.shape[3]);
  if (bias && bias->values.size() != size_t(out_c)) throw fail("bias does not fit the output channels");
  const Axis y = output_axis(in_h, k_h, n.stride_y, n.dilation_y, n.same_padding);
  const Axis x = output_axis(in_w, k_w, n.stride_x, n.dilation_x, n.same_padding);
  TfjsTensor out{{1, y.size, x.size, out_c}, {}};
  out.values = fresh_map(static_cast<size_t>(value_count(out.shape, source_)));
  const float* b = bias ? bias->values.data() : nullptr;
  if (depthwise)
    convolve_depthwise(in.values.data(), in_h, in_w, in_c, filter.values.data(), k_h, k_w, int(filter.shape[3]), b,
                       out.values.data(), y.size, x.size, n.stride_y, n.stride_x, n.dilation_y, n.dilation_x,
                       y.pad_before, x.pad_before);
  else if (k_h == 1 && k_w == 1 && n.stride_y == 1 && n.stride_x == 1)
    convolve_pointwise(in.values.data(), in_h * in_w, in_c, filter.values.data(), out_c, b, out.values.data());
  else
    convolve_full(in.values.data(), in_h, in_w, in_c, filter.values.data(), k_h, k_w, out_c, b, out.values.data(),
                  y.size, x.size, n.stride_y, n.stride_x, n.dilation_y, n.dilation_x, y.pad_before, x.pad_before);
  if (slopes) {
    if (slopes->values.size() != size_t(out_c)) throw fail("PReLU slopes do not fit the output channels");
    apply_prelu(out.values, slopes->values);
  } else if (n.activation != Activation::none) {
    apply_relu(out.values, n.activation == Activation::relu6);
  }
  return out;
}

std::array<int, 2> TfjsGraph::resize_size(const Node& n, const TfjsTensor& size, const Evaluation& run) const {
  const auto fail = [&](const std::string& what) {
    return Error(ErrorKind::model, model_error(source_, fmt::format("{}: {}", n.name, what)));
  };
  if (size.values.size() != 2 || !(size.values[0] >= 1 && size.values[1] >= 1 && size.values[0] <= 8192 &&
                                   size.values[1] <= 8192))
    throw fail("bad output size");
  std::array<int, 2> out{int(size.values[0]), int(size.values[1])};
  // A constant size was frozen for the declared input (a Keras UpSampling2D becomes one): it scales
  // with the input actually given, as the layer's factor does.
  if (!declared_input_ || node(n.inputs[1]).op != Op::constant) return out;
  const int64_t given[] = {run.input_height, run.input_width};
  for (size_t axis = 0; axis < 2; ++axis) {
    const int64_t scaled = out[axis] * given[axis];
    if (scaled % (*declared_input_)[axis] != 0 || scaled / (*declared_input_)[axis] > 8192)
      throw fail(fmt::format("an input of {}x{} does not scale the graph's fixed resize to whole pixels",
                             run.input_height, run.input_width));
    out[axis] = int(scaled / (*declared_input_)[axis]);
  }
  return out;
}

TfjsTensor TfjsGraph::resize_bilinear(const Node& n, const TfjsTensor& in, std::array<int, 2> size) const {
  if (in.shape.size() != 4 || in.shape[0] != 1 || in.shape[1] < 1 || in.shape[2] < 1)
    throw Error(ErrorKind::model, model_error(source_, fmt::format("{}: input is not a 1xHxWxC feature map", n.name)));
  const int in_h = int(in.shape[1]), in_w = int(in.shape[2]), out_h = size[0], out_w = size[1];
  const size_t channels = size_t(in.shape[3]);
  TfjsTensor out{{1, out_h, out_w, in.shape[3]}, {}};
  out.values = fresh_map(static_cast<size_t>(value_count(out.shape, source_)));
  // TensorFlow's sampling rules: where output pixel `o` reads the input, along one axis.
  const auto source_at = [&](int o, int in_size, int out_size) {
    const double scale = n.align_corners && out_size > 1 ? double(in_size - 1) / (out_size - 1)
                                                        : double(in_size) / out_size;
    const double at = n.half_pixel_centers ? (o + 0.5) * scale - 0.5 : o * scale;
    const double clamped = std::max(at, 0.0);
    const int low = std::min(int(clamped), in_size - 1);
    return std::tuple{low, std::min(low + 1, in_size - 1), float(clamped - low)};
  };
  for (int oy = 0; oy < out_h; ++oy) {
    const auto [y0, y1, fy] = source_at(oy, in_h, out_h);
    for (int ox = 0; ox < out_w; ++ox) {
      const auto [x0, x1, fx] = source_at(ox, in_w, out_w);
      const float* a = in.values.data() + (size_t(y0) * in_w + x0) * channels;
      const float* b = in.values.data() + (size_t(y0) * in_w + x1) * channels;
      const float* c = in.values.data() + (size_t(y1) * in_w + x0) * channels;
      const float* d = in.values.data() + (size_t(y1) * in_w + x1) * channels;
      float* o = out.values.data() + (size_t(oy) * out_w + ox) * channels;
      for (size_t k = 0; k < channels; ++k) {
        const float top = a[k] + (b[k] - a[k]) * fx, bottom = c[k] + (d[k] - c[k]) * fx;
        o[k] = top + (bottom - top) * fy;
      }
    }
  }
  return out;
}

TfjsTensor TfjsGraph::compute(const Node& n, const std::vector<const TfjsTensor*>& inputs,
                              const std::vector<TfjsTensor*>& spare) const {
  const auto fail = [&](const std::string& what) {
    return Error(ErrorKind::model, model_error(source_, fmt::format("{}: {}", n.name, what)));
  };
  const TfjsTensor& in = *inputs[0];
  // Input k's values to be overwritten: the map itself when spare, else a copy.
  const auto take = [&](size_t k) { return spare[k] ? std::move(*spare[k]) : *inputs[k]; };
  switch (n.op) {
    case Op::identity: return take(0);
    case Op::sigmoid: {
      TfjsTensor out = take(0);
      for (float& v : out.values) v = 1.0f / (1.0f + std::exp(-v));
      return out;
    }
    case Op::prelu: {
      if (in.shape.empty() || inputs[1]->values.size() != size_t(in.shape.back()))
        throw fail("PReLU slopes do not fit the channels");
      TfjsTensor out = take(0);
      apply_prelu(out.values, inputs[1]->values);
      return out;
    }
    case Op::add:
    case Op::mul: {
      // Equal shapes, or one side a single value or one value per channel (the last axis).
      const bool in_is_larger = in.values.size() >= inputs[1]->values.size();
      const TfjsTensor& big = in_is_larger ? in : *inputs[1];
      const TfjsTensor& small = in_is_larger ? *inputs[1] : in;
      const size_t n_small = small.values.size();
      if (!(small.shape == big.shape || n_small == 1 || (!big.shape.empty() && n_small == size_t(big.shape.back()))))
        throw fail("the shapes do not broadcast");
      if (n_small == 0 || big.values.size() % n_small != 0) throw fail("the shapes do not broadcast");
      TfjsTensor out = take(in_is_larger ? 0 : 1);
      float* values = out.values.data();
      const size_t count = out.values.size();
      if (n_small == 1 && n.op == Op::add) add_value(values, count, small.values[0]);
      else if (n_small == 1) multiply_value(values, count, small.values[0]);
      else if (n.op == Op::add) add_rows(values, count, small.values.data(), n_small);
      else multiply_rows(values, count, small.values.data(), n_small);
      return out;
    }
    case Op::relu:
    case Op::relu6: {
      TfjsTensor out = take(0);
      apply_relu(out.values, n.op == Op::relu6);
      return out;
    }
    case Op::mean: {
      // Over the picture (axes 1 and 2), one mean per channel: a squeeze-and-excitation block's pooling.
      const std::vector<float>& axes = inputs[1]->values;
      if (in.shape.size() != 4 || in.shape[0] != 1 || axes.size() != 2 || std::min(axes[0], axes[1]) != 1 ||
          std::max(axes[0], axes[1]) != 2)
        throw fail("only means over a feature map's height and width are supported");
      const size_t channels = size_t(in.shape[3]), pixels = size_t(in.shape[1] * in.shape[2]);
      std::vector<double> sums(channels, 0.0);
      for (size_t i = 0; i < pixels; ++i)
        for (size_t c = 0; c < channels; ++c) sums[c] += in.values[i * channels + c];
      TfjsTensor out{{1, 1, 1, in.shape[3]}, std::vector<float>(channels)};
      for (size_t c = 0; c < channels; ++c) out.values[c] = pixels ? float(sums[c] / double(pixels)) : 0.0f;
      return out;
    }
    case Op::concat: {
      // Along the last axis, of feature maps of the same height and width.
      const float axis = inputs.back()->values.empty() ? 0.0f : inputs.back()->values[0];
      if (in.shape.size() != 4 || inputs.back()->values.size() != 1 || (axis != 3 && axis != -1))
        throw fail("only concatenation along the channels of feature maps is supported");
      TfjsTensor out{in.shape, {}};
      out.shape[3] = 0;
      for (size_t k = 0; k + 1 < inputs.size(); ++k) {
        const TfjsTensor& part = *inputs[k];
        if (part.shape.size() != 4 || !std::equal(part.shape.begin(), part.shape.begin() + 3, in.shape.begin()))
          throw fail("the maps joined differ in size");
        out.shape[3] += part.shape[3];
      }
      out.values = fresh_map(static_cast<size_t>(value_count(out.shape, source_)));
      const size_t pixels = size_t(in.shape[1] * in.shape[2]), out_channels = size_t(out.shape[3]);
      size_t first = 0;
      for (size_t k = 0; k + 1 < inputs.size(); ++k) {
        const size_t channels = size_t(inputs[k]->shape[3]);
        for (size_t i = 0; i < pixels; ++i)
          std::copy_n(inputs[k]->values.data() + i * channels, channels, out.values.data() + i * out_channels + first);
        first += channels;
      }
      return out;
    }
    case Op::max_pool: {
      if (in.shape.size() != 4 || in.shape[0] != 1) throw fail("input is not a 1xHxWxC feature map");
      const int in_h = int(in.shape[1]), in_w = int(in.shape[2]), channels = int(in.shape[3]);
      const Axis y = output_axis(in_h, n.window_y, n.stride_y, 1, n.same_padding);
      const Axis x = output_axis(in_w, n.window_x, n.stride_x, 1, n.same_padding);
      TfjsTensor out{{1, y.size, x.size, channels}, {}};
      // Outside the picture is no candidate (SAME pooling pads with minus infinity).
      out.values = fresh_map(static_cast<size_t>(value_count(out.shape, source_)), -std::numeric_limits<float>::infinity());
      for (int oy = 0; oy < y.size; ++oy)
        for (int ox = 0; ox < x.size; ++ox) {
          float* o = out.values.data() + (static_cast<size_t>(oy) * x.size + ox) * channels;
          for (int ky = 0; ky < n.window_y; ++ky) {
            const int iy = oy * n.stride_y - y.pad_before + ky;
            if (iy < 0 || iy >= in_h) continue;
            for (int kx = 0; kx < n.window_x; ++kx) {
              const int ix = ox * n.stride_x - x.pad_before + kx;
              if (ix < 0 || ix >= in_w) continue;
              const float* pixel = in.values.data() + (static_cast<size_t>(iy) * in_w + ix) * channels;
              for (int c = 0; c < channels; ++c) o[c] = std::max(o[c], pixel[c]);
            }
          }
        }
      return out;
    }
    case Op::pad: {
      // Zeros before and after each of the 4 axes.
      const TfjsTensor& paddings = *inputs[1];
      if (in.shape.size() != 4 || paddings.values.size() != 8) throw fail("only 4-D tensors are padded");
      std::array<int64_t, 4> before{}, size{}, out_size{};
      for (size_t a = 0; a < 4; ++a) {
        const float b = paddings.values[2 * a], e = paddings.values[2 * a + 1];
        if (!(b >= 0 && e >= 0 && b <= 4096 && e <= 4096)) throw fail("padding out of range");
        before[a] = int64_t(b);
        size[a] = in.shape[a];
        out_size[a] = size[a] + int64_t(b) + int64_t(e);
      }
      TfjsTensor out{{out_size.begin(), out_size.end()}, {}};
      out.values = fresh_map(static_cast<size_t>(value_count(out.shape, source_)));
      for (int64_t i0 = 0; i0 < size[0]; ++i0)
        for (int64_t i1 = 0; i1 < size[1]; ++i1)
          for (int64_t i2 = 0; i2 < size[2]; ++i2) {
            const float* from = in.values.data() + ((i0 * size[1] + i1) * size[2] + i2) * size[3];
            float* to = out.values.data() +
                        (((i0 + before[0]) * out_size[1] + i1 + before[1]) * out_size[2] + i2 + before[2]) *
                            out_size[3] +
                        before[3];
            std::copy(from, from + size[3], to);
          }
      return out;
    }
    case Op::reshape: {
      // The new shape may leave one axis (-1) to be inferred from the value count.
      TfjsTensor out{{}, in.values};
      int64_t known = 1;
      int inferred = -1;
      for (const float d : inputs[1]->values) {
        if (d == -1 && inferred < 0) inferred = int(out.shape.size());
        else if (!(d >= 0 && d <= float(max_tensor_values))) throw fail("reshape to a bad shape");
        else known *= int64_t(d);
        out.shape.push_back(int64_t(d));
      }
      if (inferred >= 0 && known > 0) out.shape[size_t(inferred)] = int64_t(in.values.size()) / known;
      if (static_cast<size_t>(value_count(out.shape, source_)) != in.values.size())
        throw fail("reshape changes the number of values");
      return out;
    }
    default: throw Error(ErrorKind::internal, "tfjs graph: not an element-wise op");
  }
}

}  // namespace herlens::models
