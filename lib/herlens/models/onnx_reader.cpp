#include "herlens/models/onnx_reader.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <fstream>
#include <iterator>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "herlens/error.hpp"

namespace herlens::models {

std::string model_error(const std::string& source, std::string_view what) {
  return fmt::format("model {}: {}; run scripts/setup to fetch it again", source, what);
}

namespace {

// Tensor bytes are little-endian IEEE floats; they are copied as they are.
static_assert(std::endian::native == std::endian::little);

// Field numbers from onnx.proto (stable across ONNX versions).
constexpr uint32_t model_graph = 7;
constexpr uint32_t graph_node = 1;
constexpr uint32_t graph_initializer = 5;
constexpr uint32_t node_output = 2;
constexpr uint32_t node_op_type = 4;
constexpr uint32_t node_attribute = 5;
constexpr uint32_t attribute_name = 1;
constexpr uint32_t attribute_tensor = 5;
constexpr uint32_t attribute_graph = 6;
constexpr uint32_t attribute_graphs = 11;
constexpr uint32_t tensor_dims = 1;
constexpr uint32_t tensor_data_type = 2;
constexpr uint32_t tensor_float_data = 4;
constexpr uint32_t tensor_name = 8;
constexpr uint32_t tensor_raw_data = 9;
constexpr uint32_t tensor_data_location = 14;
constexpr uint64_t data_type_float = 1;
constexpr uint64_t data_location_external = 1;

// Real models nest a few levels (Silero: 5); the limit keeps hostile files off the stack's end.
constexpr int max_graph_depth = 32;

enum class WireType : uint32_t { varint = 0, fixed64 = 1, length_delimited = 2, fixed32 = 5 };

struct Field {
  uint32_t number = 0;
  WireType type = WireType::varint;
  uint64_t integer = 0;    // varint fields
  std::string_view bytes;  // every other wire type: the payload
};

// Walks one protobuf message. Every read is checked against the end of the message.
class WireReader {
 public:
  WireReader(std::string_view bytes, const std::string& source) : bytes_(bytes), source_(source) {}

  bool done() const { return position_ == bytes_.size(); }

  Field next() {
    const uint64_t tag = varint();
    Field field;
    if ((tag >> 3) == 0 || (tag >> 3) > UINT32_MAX) fail("invalid protobuf field number");
    field.number = static_cast<uint32_t>(tag >> 3);
    switch (tag & 7) {
      case 0:
        field.type = WireType::varint;
        field.integer = varint();
        break;
      case 1:
        field.type = WireType::fixed64;
        field.bytes = take(8);
        break;
      case 2:
        field.type = WireType::length_delimited;
        field.bytes = take(varint());
        break;
      case 5:
        field.type = WireType::fixed32;
        field.bytes = take(4);
        break;
      default:
        fail(fmt::format("unsupported protobuf wire type {}", tag & 7));
    }
    return field;
  }

  uint64_t varint() {
    uint64_t value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (done()) fail("truncated varint");
      const auto byte = static_cast<uint8_t>(bytes_[position_++]);
      if (shift == 63 && byte > 1) fail("varint longer than 64 bits");
      value |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if (byte < 0x80) return value;
    }
    fail("varint longer than 64 bits");
  }

  [[noreturn]] void fail(std::string_view what) const {
    throw Error(ErrorKind::model, model_error(source_, fmt::format("corrupt file ({})", what)));
  }

 private:
  std::string_view take(uint64_t size) {
    if (size > bytes_.size() - position_) fail("field runs past the end of its message");
    const auto part = bytes_.substr(position_, static_cast<size_t>(size));
    position_ += static_cast<size_t>(size);
    return part;
  }

  std::string_view bytes_;
  size_t position_ = 0;
  const std::string& source_;
};

// Collects the float tensors of a ModelProto into `tensors`.
class ModelWalker {
 public:
  ModelWalker(std::string_view file, const std::string& source, std::vector<OnnxTensor>& tensors)
      : file_size_(file.size()), source_(source), tensors_(tensors) {}

  void model(std::string_view bytes) {
    WireReader reader(bytes, source_);
    bool has_graph = false;
    while (!reader.done()) {
      const Field field = reader.next();
      if (field.number != model_graph) continue;
      expect(reader, field, WireType::length_delimited);
      graph(field.bytes, 0);
      has_graph = true;
    }
    if (!has_graph) reader.fail("no graph");
  }

 private:
  void graph(std::string_view bytes, int depth) {
    WireReader reader(bytes, source_);
    if (depth > max_graph_depth) reader.fail("subgraphs nested too deep");
    while (!reader.done()) {
      const Field field = reader.next();
      if (field.number == graph_node) {
        expect(reader, field, WireType::length_delimited);
        node(field.bytes, depth);
      } else if (field.number == graph_initializer) {
        expect(reader, field, WireType::length_delimited);
        tensor(field.bytes, {});
      }
    }
  }

  // A node's fields may come in any order: gather them before deciding what the node holds.
  void node(std::string_view bytes, int depth) {
    WireReader reader(bytes, source_);
    std::string_view first_output, op_type;
    bool has_output = false;
    std::vector<std::string_view> attributes;
    while (!reader.done()) {
      const Field field = reader.next();
      if (field.number == node_output) {
        expect(reader, field, WireType::length_delimited);
        if (!has_output) first_output = field.bytes;
        has_output = true;
      } else if (field.number == node_op_type) {
        expect(reader, field, WireType::length_delimited);
        op_type = field.bytes;
      } else if (field.number == node_attribute) {
        expect(reader, field, WireType::length_delimited);
        attributes.push_back(field.bytes);
      }
    }
    const bool constant = op_type == "Constant";
    if (constant && !has_output) reader.fail("Constant node without an output");
    for (const auto attribute_bytes : attributes)
      attribute(attribute_bytes, depth, constant ? std::optional(first_output) : std::nullopt);
  }

  // `constant_output` is set for a Constant node's attributes: its `value` tensor takes that name.
  void attribute(std::string_view bytes, int depth,
                 std::optional<std::string_view> constant_output) {
    WireReader reader(bytes, source_);
    std::string_view name;
    std::optional<std::string_view> value;
    while (!reader.done()) {
      const Field field = reader.next();
      switch (field.number) {
        case attribute_name:
          expect(reader, field, WireType::length_delimited);
          name = field.bytes;
          break;
        case attribute_tensor:
          expect(reader, field, WireType::length_delimited);
          value = field.bytes;
          break;
        case attribute_graph:
        case attribute_graphs:
          expect(reader, field, WireType::length_delimited);
          graph(field.bytes, depth + 1);
          break;
        default:
          break;
      }
    }
    if (constant_output && name == "value" && value) tensor(*value, *constant_output);
  }

  // Keeps the tensor if it holds floats; `name_override` replaces its own (usually empty) name.
  void tensor(std::string_view bytes, std::optional<std::string_view> name_override) {
    WireReader reader(bytes, source_);
    OnnxTensor result;
    uint64_t data_type = 0, data_location = 0;
    std::optional<std::string_view> raw_data;
    std::vector<std::string_view> float_data;  // each a run of little-endian floats
    while (!reader.done()) {
      const Field field = reader.next();
      switch (field.number) {
        case tensor_dims:
          if (field.type == WireType::length_delimited) {  // packed
            WireReader packed(field.bytes, source_);
            while (!packed.done()) result.dims.push_back(static_cast<int64_t>(packed.varint()));
          } else {
            expect(reader, field, WireType::varint);
            result.dims.push_back(static_cast<int64_t>(field.integer));
          }
          break;
        case tensor_data_type:
          expect(reader, field, WireType::varint);
          data_type = field.integer;
          break;
        case tensor_float_data:
          if (field.type != WireType::length_delimited) expect(reader, field, WireType::fixed32);
          if (field.bytes.size() % sizeof(float) != 0) reader.fail("float_data not whole floats");
          float_data.push_back(field.bytes);
          break;
        case tensor_name:
          expect(reader, field, WireType::length_delimited);
          result.name = field.bytes;
          break;
        case tensor_raw_data:
          expect(reader, field, WireType::length_delimited);
          raw_data = field.bytes;
          break;
        case tensor_data_location:
          expect(reader, field, WireType::varint);
          data_location = field.integer;
          break;
        default:
          break;
      }
    }
    if (data_type != data_type_float) return;
    if (name_override) result.name = *name_override;
    if (data_location == data_location_external)
      reader.fail(fmt::format("tensor '{}' keeps its data in another file", result.name));

    // No tensor can hold more values than the file has bytes: this bound also keeps the
    // product of hostile dims from overflowing.
    uint64_t count = 1;
    for (const int64_t dim : result.dims) {
      if (dim < 0) reader.fail(fmt::format("tensor '{}' has a negative dimension", result.name));
      if (dim != 0 && count > file_size_ / static_cast<uint64_t>(dim))
        reader.fail(fmt::format("tensor '{}' is larger than the file", result.name));
      count *= static_cast<uint64_t>(dim);
    }
    std::string data;
    if (raw_data && !float_data.empty())
      reader.fail(fmt::format("tensor '{}' has both raw_data and float_data", result.name));
    if (raw_data) {
      data = *raw_data;
    } else {
      for (const auto run : float_data) data += run;
    }
    if (data.size() != count * sizeof(float))
      reader.fail(fmt::format("tensor '{}' has {} bytes of data for {} floats", result.name,
                              data.size(), count));
    result.values.resize(static_cast<size_t>(count));
    std::memcpy(result.values.data(), data.data(), data.size());
    tensors_.push_back(std::move(result));
  }

  static void expect(const WireReader& reader, const Field& field, WireType type) {
    if (field.type != type)
      reader.fail(fmt::format("field {} has an unexpected wire type", field.number));
  }

  uint64_t file_size_;
  const std::string& source_;
  std::vector<OnnxTensor>& tensors_;
};

}  // namespace

OnnxWeights OnnxWeights::load(const std::filesystem::path& model) {
  std::ifstream in(model, std::ios::binary);
  if (!in) throw Error(ErrorKind::model, model_error(model.string(), "cannot be opened"));
  const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  return parse(bytes, model.string());
}

OnnxWeights OnnxWeights::parse(std::string_view bytes, const std::string& source) {
  OnnxWeights weights;
  weights.source_ = source;
  ModelWalker(bytes, source, weights.tensors_).model(bytes);
  return weights;
}

const OnnxTensor& OnnxWeights::get(std::string_view name) const {
  const auto found = std::find_if(tensors_.begin(), tensors_.end(),
                                  [&](const OnnxTensor& tensor) { return tensor.name == name; });
  if (found == tensors_.end())
    throw Error(ErrorKind::model, model_error(source_, fmt::format("no tensor '{}'", name)));
  return *found;
}

const OnnxTensor& OnnxWeights::get(std::string_view name,
                                   std::initializer_list<int64_t> dims) const {
  const OnnxTensor& found = get(name);
  if (!std::equal(found.dims.begin(), found.dims.end(), dims.begin(), dims.end()))
    throw Error(
        ErrorKind::model,
        model_error(source_, fmt::format("tensor '{}' has shape [{}], expected [{}]", name,
                                         fmt::join(found.dims, ", "), fmt::join(dims, ", "))));
  return found;
}

}  // namespace herlens::models
