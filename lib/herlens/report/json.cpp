#include "herlens/report/json.hpp"

#include <cmath>
#include <cctype>
#include <cstdlib>
#include <string_view>

#include <fmt/format.h>

#include "herlens/error.hpp"

namespace herlens::report::json {

double Value::as_number() const {
  if (const auto* i = std::get_if<int64_t>(&data_)) return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&data_)) return *d;
  throw Error(ErrorKind::usage, "JSON value is not a number");
}

const Value* Value::find(const std::string& key) const {
  const auto* object = std::get_if<Object>(&data_);
  if (!object) return nullptr;
  for (const auto& [name, value] : *object)
    if (name == key) return &value;
  return nullptr;
}

Value& Value::set(const std::string& key, Value value) {
  auto& object = std::get<Object>(data_);
  for (auto& [name, existing] : object)
    if (name == key) return existing = std::move(value);
  object.emplace_back(key, std::move(value));
  return object.back().second;
}

namespace {

void append_string(std::string& out, const std::string& text) {
  out += '"';
  for (const unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) out += fmt::format("\\u{:04x}", c);
        else out += static_cast<char>(c);
    }
  }
  out += '"';
}

void append_number(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  // Shortest text that reads back as the same double.
  out += fmt::format("{}", value);
}

class Parser {
 public:
  explicit Parser(const std::string& text) : text_(text) {}

  Value document() {
    Value value = parse_value(0);
    skip_space();
    if (pos_ != text_.size()) fail("unexpected text after the value");
    return value;
  }

 private:
  static constexpr int max_depth = 256;

  [[noreturn]] void fail(const std::string& what) const {
    throw Error(ErrorKind::usage, fmt::format("invalid JSON at byte {}: {}", pos_, what));
  }

  void skip_space() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r'))
      ++pos_;
  }

  bool consume(std::string_view word) {
    if (text_.compare(pos_, word.size(), word) != 0) return false;
    pos_ += word.size();
    return true;
  }

  void expect(char c) {
    skip_space();
    if (pos_ >= text_.size() || text_[pos_] != c) fail(fmt::format("expected '{}'", c));
    ++pos_;
  }

  Value parse_value(int depth) {
    if (depth > max_depth) fail("nested too deeply");
    skip_space();
    if (pos_ >= text_.size()) fail("unexpected end");
    const char c = text_[pos_];
    if (c == '{') return parse_object(depth);
    if (c == '[') return parse_array(depth);
    if (c == '"') return parse_string();
    if (consume("true")) return true;
    if (consume("false")) return false;
    if (consume("null")) return nullptr;
    return parse_number();
  }

  Value parse_object(int depth) {
    ++pos_;
    Object object;
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      return object;
    }
    for (;;) {
      skip_space();
      if (pos_ >= text_.size() || text_[pos_] != '"') fail("expected a member name");
      std::string key = parse_string();
      expect(':');
      object.emplace_back(std::move(key), parse_value(depth + 1));
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == ',') { ++pos_; continue; }
      expect('}');
      return object;
    }
  }

  Value parse_array(int depth) {
    ++pos_;
    Array array;
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      return array;
    }
    for (;;) {
      array.push_back(parse_value(depth + 1));
      skip_space();
      if (pos_ < text_.size() && text_[pos_] == ',') { ++pos_; continue; }
      expect(']');
      return array;
    }
  }

  std::string parse_string() {
    ++pos_;  // opening quote
    std::string out;
    for (;;) {
      if (pos_ >= text_.size()) fail("unterminated string");
      const char c = text_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in string");
      if (c != '\\') { out += c; continue; }
      if (pos_ >= text_.size()) fail("unterminated escape");
      switch (const char e = text_[pos_++]) {
        case '"': case '\\': case '/': out += e; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': append_utf8(out, parse_code_point()); break;
        default: fail("unknown escape");
      }
    }
  }

  unsigned parse_hex4() {
    if (pos_ + 4 > text_.size()) fail("short \\u escape");
    unsigned value = 0;
    for (int i = 0; i < 4; ++i) {
      const char h = text_[pos_++];
      value <<= 4;
      if (h >= '0' && h <= '9') value |= unsigned(h - '0');
      else if (h >= 'a' && h <= 'f') value |= unsigned(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F') value |= unsigned(h - 'A' + 10);
      else fail("bad hex digit in \\u escape");
    }
    return value;
  }

  unsigned parse_code_point() {
    const unsigned first = parse_hex4();
    if (first < 0xD800 || first > 0xDBFF) return first;
    if (!consume("\\u")) fail("lone surrogate");
    const unsigned second = parse_hex4();
    if (second < 0xDC00 || second > 0xDFFF) fail("bad surrogate pair");
    return 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
  }

  static void append_utf8(std::string& out, unsigned cp) {
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  Value parse_number() {
    const size_t start = pos_;
    if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
    const size_t digits = pos_;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    if (pos_ == digits) fail("expected a value");
    if (text_[digits] == '0' && pos_ - digits > 1) fail("leading zero");
    bool integral = true;
    if (pos_ < text_.size() && text_[pos_] == '.') {
      integral = false;
      const size_t fraction = ++pos_;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
      if (pos_ == fraction) fail("expected digits after '.'");
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      integral = false;
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      const size_t exponent = pos_;
      while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
      if (pos_ == exponent) fail("expected exponent digits");
    }
    const std::string number = text_.substr(start, pos_ - start);
    if (integral && pos_ - digits <= 18) return static_cast<int64_t>(std::strtoll(number.c_str(), nullptr, 10));
    return std::strtod(number.c_str(), nullptr);
  }

  const std::string& text_;
  size_t pos_ = 0;
};

void dump_into(std::string& out, const Value& value, int indent, int level);

}  // namespace

std::string dump(const Value& value, int indent) {
  std::string out;
  dump_into(out, value, indent, 0);
  out += '\n';
  return out;
}

namespace {

void newline(std::string& out, int indent, int level) {
  out += '\n';
  out.append(static_cast<size_t>(indent * level), ' ');
}

void dump_into(std::string& out, const Value& value, int indent, int level) {
  if (value.is_null()) out += "null";
  else if (value.is_bool()) out += value.as_bool() ? "true" : "false";
  else if (value.is_string()) append_string(out, value.as_string());
  else if (value.is_array()) {
    const Array& array = value.as_array();
    if (array.empty()) { out += "[]"; return; }
    out += '[';
    for (size_t i = 0; i < array.size(); ++i) {
      if (i) out += ',';
      newline(out, indent, level + 1);
      dump_into(out, array[i], indent, level + 1);
    }
    newline(out, indent, level);
    out += ']';
  } else if (value.is_object()) {
    const Object& object = value.as_object();
    if (object.empty()) { out += "{}"; return; }
    out += '{';
    for (size_t i = 0; i < object.size(); ++i) {
      if (i) out += ',';
      newline(out, indent, level + 1);
      append_string(out, object[i].first);
      out += ": ";
      dump_into(out, object[i].second, indent, level + 1);
    }
    newline(out, indent, level);
    out += '}';
  } else if (value.is_integer()) {
    out += std::to_string(value.as_integer());
  } else {
    append_number(out, value.as_number());
  }
}

}  // namespace

Value parse(const std::string& text) { return Parser(text).document(); }

}  // namespace herlens::report::json
