#include "herlens/models/onnx_reader.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "herlens/error.hpp"

namespace {

using herlens::models::OnnxWeights;

// A minimal protobuf writer, enough to build ONNX models field by field.
std::string varint(uint64_t value) {
  std::string out;
  for (; value >= 0x80; value >>= 7) out += static_cast<char>((value & 0x7f) | 0x80);
  return out + static_cast<char>(value);
}
std::string tag(uint32_t field, int wire_type) { return varint(uint64_t{field} << 3 | wire_type); }
std::string integer_field(uint32_t field, uint64_t value) { return tag(field, 0) + varint(value); }
std::string bytes_field(uint32_t field, const std::string& payload) {
  return tag(field, 2) + varint(payload.size()) + payload;
}
std::string float_bytes(const std::vector<float>& values) {
  // Not memcpy: an empty vector's data() may be null, which memcpy may not be given.
  const auto* bytes = reinterpret_cast<const char*>(values.data());
  return std::string(bytes, bytes + values.size() * sizeof(float));
}

enum class Storage { raw_data, packed_float_data, unpacked_float_data };

// TensorProto: dims 1, data_type 2, float_data 4, name 8, raw_data 9.
std::string float_tensor(const std::string& name, const std::vector<int64_t>& dims,
                         const std::vector<float>& values, Storage storage = Storage::raw_data) {
  std::string out;
  for (const int64_t dim : dims) out += integer_field(1, static_cast<uint64_t>(dim));
  out += integer_field(2, 1);
  if (!name.empty()) out += bytes_field(8, name);
  switch (storage) {
    case Storage::raw_data:
      out += bytes_field(9, float_bytes(values));
      break;
    case Storage::packed_float_data:
      out += bytes_field(4, float_bytes(values));
      break;
    case Storage::unpacked_float_data:
      for (const float value : values) out += tag(4, 5) + float_bytes({value});
      break;
  }
  return out;
}

// NodeProto: output 2, op_type 4, attribute 5. AttributeProto: name 1, t 5, g 6.
std::string constant_node(const std::string& output, const std::string& tensor) {
  return bytes_field(2, output) + bytes_field(4, "Constant") +
         bytes_field(5, bytes_field(1, "value") + bytes_field(5, tensor));
}
std::string if_node(const std::string& then_graph, const std::string& else_graph) {
  return bytes_field(4, "If") +
         bytes_field(5, bytes_field(1, "then_branch") + bytes_field(6, then_graph)) +
         bytes_field(5, bytes_field(1, "else_branch") + bytes_field(6, else_graph));
}
// GraphProto: node 1, initializer 5.
std::string node_entry(const std::string& node) { return bytes_field(1, node); }
std::string initializer_entry(const std::string& tensor) { return bytes_field(5, tensor); }
// ModelProto: ir_version 1, graph 7.
std::string model(const std::string& graph) { return integer_field(1, 8) + bytes_field(7, graph); }

OnnxWeights parse(const std::string& bytes) { return OnnxWeights::parse(bytes, "test.onnx"); }

void check_rejected(const std::string& bytes) {
  try {
    parse(bytes);
    FAIL("malformed model accepted");
  } catch (const herlens::Error& error) {
    CHECK(error.kind() == herlens::ErrorKind::model);
    const std::string message = error.what();
    CHECK(message.find("test.onnx") != std::string::npos);
    CHECK(message.find("scripts/setup") != std::string::npos);
  }
}

}  // namespace

TEST_CASE("onnx reader reads float initializers however their data is stored") {
  const std::string int64_tensor = integer_field(1, 1) + integer_field(2, 7) +
                                   bytes_field(8, "shape") + bytes_field(9, std::string(8, '\0'));
  const std::string packed_dims = bytes_field(1, varint(2) + varint(1)) + integer_field(2, 1) +
                                  bytes_field(8, "packed_dims") +
                                  bytes_field(9, float_bytes({5, 6}));
  const auto weights = parse(model(
      initializer_entry(float_tensor("raw", {2, 3}, {1, 2, 3, 4, 5, 6})) +
      initializer_entry(float_tensor("packed", {2}, {-1.5f, 2.25f}, Storage::packed_float_data)) +
      initializer_entry(float_tensor("unpacked", {3}, {7, 8, 9}, Storage::unpacked_float_data)) +
      initializer_entry(float_tensor("scalar", {}, {0.5f})) + initializer_entry(int64_tensor) +
      initializer_entry(packed_dims)));

  REQUIRE(weights.tensors().size() == 5);  // the int64 tensor is skipped
  CHECK(weights.get("raw", {2, 3}).values == std::vector<float>{1, 2, 3, 4, 5, 6});
  CHECK(weights.get("packed", {2}).values == std::vector<float>{-1.5f, 2.25f});
  CHECK(weights.get("unpacked", {3}).values == std::vector<float>{7, 8, 9});
  CHECK(weights.get("scalar", {}).values == std::vector<float>{0.5f});
  CHECK(weights.get("packed_dims", {2, 1}).values == std::vector<float>{5, 6});
}

TEST_CASE("onnx reader names Constant values after their output, in nested If branches too") {
  const std::string inner = node_entry(constant_node("deep", float_tensor("", {1}, {3})));
  const std::string then_branch =
      node_entry(constant_node("then_value", float_tensor("", {1}, {1}))) +
      node_entry(if_node(inner, ""));
  const std::string else_branch =
      node_entry(constant_node("else_value", float_tensor("", {1}, {2})));
  const auto weights = parse(model(node_entry(if_node(then_branch, else_branch))));

  std::vector<std::string> names;
  for (const auto& tensor : weights.tensors()) names.push_back(tensor.name);
  CHECK(names == std::vector<std::string>{"then_value", "deep", "else_value"});
  CHECK(weights.get("deep", {1}).values == std::vector<float>{3});
}

TEST_CASE("onnx reader reports a missing tensor or a different shape as a model error") {
  const auto weights = parse(model(initializer_entry(float_tensor("w", {2, 2}, {1, 2, 3, 4}))));
  CHECK_THROWS_WITH_AS(weights.get("absent", {2, 2}), doctest::Contains("no tensor 'absent'"),
                       herlens::Error);
  CHECK_THROWS_WITH_AS(weights.get("w", {4}), doctest::Contains("shape [2, 2], expected [4]"),
                       herlens::Error);
}

TEST_CASE("onnx reader rejects every truncation of a model") {
  const std::string whole =
      model(node_entry(if_node(node_entry(constant_node("c", float_tensor("", {2}, {1, 2}))), "")) +
            initializer_entry(float_tensor("w", {3}, {1, 2, 3})));
  REQUIRE(parse(whole).tensors().size() == 2);
  for (size_t size = 0; size < whole.size(); ++size) {
    CAPTURE(size);
    check_rejected(whole.substr(0, size));
  }
}

TEST_CASE("onnx reader rejects malformed fields and tensors") {
  const auto with_tensor = [](const std::string& tensor) {
    return model(initializer_entry(tensor));
  };
  SUBCASE("data size does not match the dims") {
    check_rejected(with_tensor(float_tensor("w", {3}, {1, 2})));
  }
  SUBCASE("negative dimension") { check_rejected(with_tensor(float_tensor("w", {-1}, {}))); }
  SUBCASE("dims whose product overflows") {
    check_rejected(with_tensor(float_tensor("w", {int64_t{1} << 40, int64_t{1} << 40, 16}, {})));
  }
  SUBCASE("both raw_data and float_data") {
    check_rejected(with_tensor(float_tensor("w", {1}, {1}) + bytes_field(4, float_bytes({1}))));
  }
  SUBCASE("data kept in an external file") {
    check_rejected(with_tensor(float_tensor("w", {1}, {1}) + integer_field(14, 1)));
  }
  SUBCASE("varint longer than 64 bits") {
    check_rejected(integer_field(1, 8) + tag(1, 0) + std::string(10, '\xff') + '\x01');
  }
  SUBCASE("group wire type") { check_rejected(model("") + tag(3, 3)); }
  SUBCASE("field number zero") { check_rejected(model("") + tag(0, 0) + varint(1)); }
  SUBCASE("known field with the wrong wire type") { check_rejected(integer_field(7, 1)); }
  SUBCASE("Constant node without an output") {
    check_rejected(model(node_entry(bytes_field(4, "Constant"))));
  }
  SUBCASE("no graph") { check_rejected(integer_field(1, 8)); }
  SUBCASE("subgraphs nested beyond any real model") {
    std::string graph;
    for (int depth = 0; depth < 100; ++depth) graph = node_entry(if_node(graph, ""));
    check_rejected(model(graph));
  }
}
