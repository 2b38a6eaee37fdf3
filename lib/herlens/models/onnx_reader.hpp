#pragma once
// Reads the float weights out of an ONNX model file without an ONNX runtime: a bounds-checked
// protobuf wire-format walk over ModelProto that keeps only the tensors. Model files are untrusted
// input: anything truncated or malformed is reported as Error(model), never undefined behaviour.
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace herlens::models {

// "model <source>: <what>; run scripts/setup to fetch it again": how every unusable model is reported.
std::string model_error(const std::string& source, std::string_view what);

// One float32 tensor of the model.
struct OnnxTensor {
  // The initializer's name, or for a Constant node the name of the node's output.
  std::string name;
  std::vector<int64_t> dims;  // empty for a scalar
  std::vector<float> values;  // row-major; as many as the product of dims
};

// Every float32 tensor of a model: graph initializers and Constant nodes' `value` tensors, in the
// main graph and in every subgraph held by a node attribute (the branches of If, Loop bodies),
// in file order. Tensors of other element types are skipped. Throws Error(model).
class OnnxWeights {
 public:
  // Reads and parses `model`; error messages name the file and scripts/setup.
  static OnnxWeights load(const std::filesystem::path& model);
  // Parses the serialized ModelProto in `bytes`; `source` names it in error messages.
  static OnnxWeights parse(std::string_view bytes, const std::string& source);

  const std::vector<OnnxTensor>& tensors() const { return tensors_; }
  // The tensor called `name`, which must have exactly the shape `dims`: throws Error(model)
  // naming what is missing or different, since the inference code depends on that shape.
  const OnnxTensor& get(std::string_view name, std::initializer_list<int64_t> dims) const;
  // The tensor called `name`, whatever its shape; throws Error(model) when there is none.
  const OnnxTensor& get(std::string_view name) const;

 private:
  std::string source_;
  std::vector<OnnxTensor> tensors_;
};

}  // namespace herlens::models
