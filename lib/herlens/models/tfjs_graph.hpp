#pragma once
// A TensorFlow.js graph model (a `model.json` topology and its binary weight shards) read and run
// natively, without TensorFlow. Only the operations herlens's models use are implemented, on float32
// NHWC tensors of batch 1: 2-D convolutions and depthwise convolutions (plain, or fused with a bias
// and ReLU / ReLU6 / PReLU), element-wise addition and multiplication, PReLU, ReLU, ReLU6, sigmoid,
// max pooling, zero padding, reshaping, identity, and for CenterNet means over the picture, bilinear
// resizing and concatenation of channels. A graph using anything else is refused when it is loaded,
// naming the op, unless the outputs asked for do not need that node (a model's own post-processing,
// which herlens does itself).
// Model files are untrusted input: anything malformed is reported as Error(model), never undefined
// behaviour.
#include <array>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <opencv2/core.hpp>

namespace herlens::models {

// A float32 tensor, row-major. Feature maps are NHWC with batch 1: {1, height, width, channels}.
struct TfjsTensor {
  std::vector<int64_t> shape;
  std::vector<float> values;  // as many as the product of `shape`
};

// A network's input from an 8-bit BGR picture already at the input's size: {1, rows, cols, 3} in RGB
// order, each value v * scale + offset (the range the network was trained on).
TfjsTensor picture_input(const cv::Mat& bgr, double scale = 1, double offset = 0);

class TfjsGraph {
 public:
  // Reads `model_json` and the weight shards its manifest names, from the same folder. With
  // `outputs`, only the nodes they need are read (and only those can be run); else every node.
  static TfjsGraph load(const std::filesystem::path& model_json, const std::vector<std::string>& outputs = {});
  // Parses the topology `json`; `read_shard` returns the bytes of a shard named in the manifest.
  // `source` names the model in error messages.
  static TfjsGraph parse(std::string_view json, const std::function<std::string(const std::string&)>& read_shard,
                         const std::string& source, const std::vector<std::string>& outputs = {});

  // The graph's one input (a Placeholder).
  const std::string& input_name() const { return input_; }
  // Feeds `input` ({1, height, width, channels}) to the input and computes the nodes named in
  // `outputs`, in that order. Throws Error(model) for an unknown output or a shape the weights do not
  // fit.
  std::vector<TfjsTensor> run(const TfjsTensor& input, const std::vector<std::string>& outputs) const;
  // Keeps one output channel of the (not depthwise) convolution `conv`, slicing its filter, bias and
  // slopes: for a model of which one class is wanted, whose later nodes work channel by channel.
  // Throws Error(model) when `conv` is no such node or shares its weights.
  void keep_one_channel(const std::string& conv, int64_t channel);

 private:
  enum class Op {
    placeholder, constant, conv2d, depthwise_conv2d,
    add, mul, prelu, sigmoid, relu, relu6, max_pool, pad, reshape, identity, mean, resize_bilinear, concat
  };
  enum class Activation { none, relu, relu6, prelu };
  struct Node {
    std::string name;
    Op op = Op::constant;
    std::vector<std::string> inputs;  // producing nodes' names
    int stride_y = 1, stride_x = 1, dilation_y = 1, dilation_x = 1;
    int window_y = 1, window_x = 1;  // max pooling's window
    bool same_padding = true;
    bool align_corners = false, half_pixel_centers = false;  // bilinear resizing's sampling rule
    bool bias = false;  // the third input is a bias added to each channel
    Activation activation = Activation::none;  // a fused PReLU's slopes are the last input
  };

  // One run's feature maps: each is dropped once the last node reading it has been computed, so a
  // run holds a few maps at a time rather than every one (PoseNet at 385 px made 65 MB of them).
  struct Evaluation {
    std::map<std::string, TfjsTensor> computed;
    std::map<std::string, int> reads_left;  // by the nodes not yet computed; outputs one more
    int64_t input_height = 0, input_width = 0;
  };

  const Node& node(const std::string& name) const;
  // `depth`: nodes being evaluated below the outputs; bounds the recursion a crafted cycle would make.
  const TfjsTensor& evaluate(const std::string& name, Evaluation& run, int depth) const;
  TfjsTensor convolve(const Node& node, const TfjsTensor& input, const TfjsTensor& filter,
                      const TfjsTensor* bias, const TfjsTensor* slopes) const;
  // A resize's output height and width, from its `size` input and the run's input.
  std::array<int, 2> resize_size(const Node& node, const TfjsTensor& size, const Evaluation& run) const;
  TfjsTensor resize_bilinear(const Node& node, const TfjsTensor& input, std::array<int, 2> size) const;
  // The operations that are not convolutions, on their evaluated inputs. `spare[k]`, when set, is
  // input k's own map, read by no later node: its values may be moved into the output.
  TfjsTensor compute(const Node& node, const std::vector<const TfjsTensor*>& inputs,
                     const std::vector<TfjsTensor*>& spare) const;

  std::string source_;
  std::string input_;
  std::optional<std::array<int64_t, 2>> declared_input_;  // the input's fixed height and width, if any
  std::map<std::string, Node> nodes_;
  // How many node inputs name each node. Nodes the outputs do not need keep their reads counted: what
  // they read is never dropped, which costs memory, not results.
  std::map<std::string, int> reads_;
  std::map<std::string, TfjsTensor> weights_;
};

}  // namespace herlens::models
