#include "herlens/models/tfjs_graph.hpp"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <limits>
#include <sstream>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "herlens/error.hpp"
#include "herlens/models/cpu_dispatch.hpp"
#include "herlens/models/onnx_reader.hpp"

namespace herlens::models {
namespace {

using nlohmann::json;

// Weight shards and tensors beyond this are no model herlens runs: refused before memory is sized.
constexpr int64_t max_tensor_values = int64_t{1} << 28;
// Nodes between an output and the input, at most: far beyond any network herlens runs (FaceMesh has
// a few hundred).
constexpr int max_depth = 2000;

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

// out[pixel][o] = bias + sum over taps and input channels of in * filter, filter laid out HWIO.
HERLENS_ALSO_AVX2
void convolve_full(const float* in, int in_h, int in_w, int in_c, const float* filter, int k_h, int k_w,
                   int out_c, const float* bias, float* out, int out_h, int out_w, int stride_y, int stride_x,
                   int dilation_y, int dilation_x, int pad_top, int pad_left) {
  for (int oy = 0; oy < out_h; ++oy)
    for (int ox = 0; ox < out_w; ++ox) {
      float* __restrict o = out + (static_cast<size_t>(oy) * out_w + ox) * out_c;
      for (int k = 0; k < out_c; ++k) o[k] = bias ? bias[k] : 0.0f;
      for (int ky = 0; ky < k_h; ++ky) {
        const int iy = oy * stride_y - pad_top + ky * dilation_y;
        if (iy < 0 || iy >= in_h) continue;
        for (int kx = 0; kx < k_w; ++kx) {
          const int ix = ox * stride_x - pad_left + kx * dilation_x;
          if (ix < 0 || ix >= in_w) continue;
          const float* pixel = in + (static_cast<size_t>(iy) * in_w + ix) * in_c;
          const float* taps = filter + static_cast<size_t>(ky * k_w + kx) * in_c * out_c;
          for (int c = 0; c < in_c; ++c) {
            const float a = pixel[c];
            const float* __restrict w = taps + static_cast<size_t>(c) * out_c;
            for (int k = 0; k < out_c; ++k) o[k] += a * w[k];
          }
        }
      }
    }
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
// {k_h, k_w, in_c, multiplier}.
HERLENS_ALSO_AVX2
void convolve_depthwise(const float* in, int in_h, int in_w, int in_c, const float* filter, int k_h, int k_w,
                        int multiplier, const float* bias, float* out, int out_h, int out_w, int stride_y,
                        int stride_x, int dilation_y, int dilation_x, int pad_top, int pad_left) {
  const int out_c = in_c * multiplier;
  for (int oy = 0; oy < out_h; ++oy)
    for (int ox = 0; ox < out_w; ++ox) {
      float* __restrict o = out + (static_cast<size_t>(oy) * out_w + ox) * out_c;
      for (int k = 0; k < out_c; ++k) o[k] = bias ? bias[k] : 0.0f;
      for (int ky = 0; ky < k_h; ++ky) {
        const int iy = oy * stride_y - pad_top + ky * dilation_y;
        if (iy < 0 || iy >= in_h) continue;
        for (int kx = 0; kx < k_w; ++kx) {
          const int ix = ox * stride_x - pad_left + kx * dilation_x;
          if (ix < 0 || ix >= in_w) continue;
          const float* __restrict pixel = in + (static_cast<size_t>(iy) * in_w + ix) * in_c;
          const float* __restrict w = filter + static_cast<size_t>(ky * k_w + kx) * out_c;
          if (multiplier == 1) {
            for (int c = 0; c < in_c; ++c) o[c] += pixel[c] * w[c];
          } else {
            for (int c = 0; c < in_c; ++c)
              for (int j = 0; j < multiplier; ++j) o[c * multiplier + j] += pixel[c] * w[c * multiplier + j];
          }
        }
      }
    }
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

TfjsGraph TfjsGraph::load(const std::filesystem::path& model_json) {
  const std::string source = model_json.string();
  const std::filesystem::path folder = model_json.parent_path();
  return parse(
      read_bytes(model_json, source),
      [&](const std::string& shard) {
        if (shard.find('/') != std::string::npos || shard.find('\\') != std::string::npos || shard == "..")
          throw Error(ErrorKind::model, model_error(source, "a weight shard path leaves the model's folder"));
        return read_bytes(folder / shard, source);
      },
      source);
}

TfjsGraph TfjsGraph::parse(std::string_view text, const std::function<std::string(const std::string&)>& read_shard,
                           const std::string& source) {
  TfjsGraph graph;
  graph.source_ = source;
  const auto fail = [&](const std::string& what) { return Error(ErrorKind::model, model_error(source, what)); };
  try {
    const json model = json::parse(text);
    for (const json& item : model.at("modelTopology").at("node")) {
      Node node;
      node.name = item.at("name").get<std::string>();
      const std::string op = item.at("op").get<std::string>();
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
      } else if (op == "Const") {
        node.op = Op::constant;
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
            else throw fail(fmt::format("{}: fused op {} is not supported", node.name, name));
          }
        if (node.inputs.size() != (node.bias ? 3u : 2u)) throw fail(fmt::format("{}: wrong number of inputs", node.name));
      } else {
        throw fail(fmt::format("op {} ({}) is not supported", op, node.name));
      }
      const std::string name = node.name;
      if (!graph.nodes_.emplace(name, std::move(node)).second) throw fail(fmt::format("node {} twice", name));
    }
    if (graph.input_.empty()) throw fail("no input");

    for (const json& group : model.at("weightsManifest")) {
      std::string bytes;
      for (const json& path : group.at("paths")) bytes += read_shard(path.get<std::string>());
      size_t offset = 0;
      for (const json& spec : group.at("weights")) {
        TfjsTensor tensor;
        const std::string name = spec.at("name").get<std::string>();
        tensor.shape = spec.at("shape").get<std::vector<int64_t>>();
        const auto count = static_cast<size_t>(value_count(tensor.shape, source));
        tensor.values.resize(count);
        // Quantized weights are stored as unsigned integers mapped linearly onto floats.
        std::string dtype = spec.at("dtype").get<std::string>();
        double minimum = 0, scale = 1;
        if (spec.contains("quantization")) {
          const json& q = spec["quantization"];
          dtype = q.at("dtype").get<std::string>();
          minimum = q.at("min").get<double>();
          scale = q.at("scale").get<double>();
        }
        const size_t width = dtype == "float32" ? 4 : dtype == "uint16" ? 2 : dtype == "uint8" ? 1 : 0;
        if (width == 0) throw fail(fmt::format("weight {}: type {} is not supported", name, dtype));
        if (bytes.size() - offset < count * width) throw fail(fmt::format("weight {} runs past its shard", name));
        const char* at = bytes.data() + offset;
        for (size_t i = 0; i < count; ++i) {
          if (width == 4) {
            std::memcpy(&tensor.values[i], at + 4 * i, 4);  // little-endian, as the format stores it
          } else {
            uint16_t q = uint8_t(at[width * i]);
            if (width == 2) q |= uint16_t(uint8_t(at[2 * i + 1]) << 8);
            tensor.values[i] = float(minimum + scale * q);
          }
        }
        offset += count * width;
        graph.weights_[name] = std::move(tensor);
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
  std::map<std::string, TfjsTensor> computed;
  computed[input_] = input;
  std::vector<TfjsTensor> results;
  for (const std::string& name : outputs) results.push_back(evaluate(name, computed, 0));
  return results;
}

const TfjsTensor& TfjsGraph::evaluate(const std::string& name, std::map<std::string, TfjsTensor>& computed,
                                      int depth) const {
  if (const auto done = computed.find(name); done != computed.end()) return done->second;
  const Node& n = node(name);
  if (n.op == Op::constant) return weights_.at(name);
  if (n.op == Op::placeholder) throw Error(ErrorKind::internal, "tfjs graph: input not fed");
  // Inputs are evaluated first; a graph is acyclic, and a cycle in a crafted file ends here rather
  // than in a stack overflow.
  if (depth > max_depth) throw Error(ErrorKind::model, model_error(source_, "the graph is too deep or has a cycle"));
  const TfjsTensor& in = evaluate(n.inputs[0], computed, depth + 1);
  const TfjsTensor& filter = evaluate(n.inputs[1], computed, depth + 1);
  const TfjsTensor* bias = n.bias ? &evaluate(n.inputs[2], computed, depth + 1) : nullptr;
  TfjsTensor out = convolve(n, in, filter, bias);
  return computed[name] = std::move(out);
}

TfjsTensor TfjsGraph::convolve(const Node& n, const TfjsTensor& in, const TfjsTensor& filter,
                               const TfjsTensor* bias) const {
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
  out.values.resize(static_cast<size_t>(value_count(out.shape, source_)));
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
  if (n.activation != Activation::none) {
    const float ceiling = n.activation == Activation::relu6 ? 6.0f : std::numeric_limits<float>::infinity();
    for (float& v : out.values) v = std::clamp(v, 0.0f, ceiling);
  }
  return out;
}

}  // namespace herlens::models
