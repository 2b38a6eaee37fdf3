#pragma once
// A small JSON value: summaries are built as one, written by dump() and read back by parse()
// (`herlens check --from DIR`). Objects keep their insertion order so output reads as written.
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace herlens::report::json {

class Value;
using Array = std::vector<Value>;
using Object = std::vector<std::pair<std::string, Value>>;

class Value {
 public:
  Value() = default;  // null
  Value(std::nullptr_t) {}
  Value(bool b) : data_(b) {}
  Value(int i) : data_(static_cast<int64_t>(i)) {}
  Value(int64_t i) : data_(i) {}
  Value(double d) : data_(d) {}
  Value(const char* s) : data_(std::string(s)) {}
  Value(std::string s) : data_(std::move(s)) {}
  Value(Array a) : data_(std::move(a)) {}
  Value(Object o) : data_(std::move(o)) {}

  bool is_null() const { return std::holds_alternative<std::monostate>(data_); }
  bool is_number() const { return std::holds_alternative<int64_t>(data_) || std::holds_alternative<double>(data_); }
  bool is_object() const { return std::holds_alternative<Object>(data_); }
  bool is_array() const { return std::holds_alternative<Array>(data_); }
  bool is_string() const { return std::holds_alternative<std::string>(data_); }
  bool is_bool() const { return std::holds_alternative<bool>(data_); }

  bool is_integer() const { return std::holds_alternative<int64_t>(data_); }
  double as_number() const;  // throws Error(usage) when not a number
  int64_t as_integer() const { return std::get<int64_t>(data_); }
  bool as_bool() const { return std::get<bool>(data_); }
  const std::string& as_string() const { return std::get<std::string>(data_); }
  const Array& as_array() const { return std::get<Array>(data_); }
  const Object& as_object() const { return std::get<Object>(data_); }
  Object& as_object() { return std::get<Object>(data_); }
  Array& as_array() { return std::get<Array>(data_); }

  // Member of an object, nullptr when absent (or when this is not an object).
  const Value* find(const std::string& key) const;
  // Sets (or replaces) a member; this must be an object.
  Value& set(const std::string& key, Value value);

 private:
  std::variant<std::monostate, bool, int64_t, double, std::string, Array, Object> data_;
};

// Pretty-printed with two-space indents; non-finite reals are written as null.
std::string dump(const Value& value, int indent = 2);

// Strict RFC 8259 parser; throws Error(usage) with the byte offset of the first problem.
Value parse(const std::string& text);

}  // namespace herlens::report::json
