#include "herlens/report/table.hpp"

#include <cmath>

#include <fmt/format.h>

#include "herlens/error.hpp"

namespace herlens::report {

namespace {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

}  // namespace

void Table::add_row(std::vector<Cell> row) {
  if (row.size() != columns.size())
    throw Error(ErrorKind::internal, fmt::format("table {}: row of {} cells for {} columns", name,
                                                 row.size(), columns.size()));
  rows.push_back(std::move(row));
}

std::string format_cell(const Cell& cell, int decimals) {
  struct Formatter {
    int decimals;
    std::string operator()(std::monostate) const { return ""; }
    std::string operator()(bool value) const { return value ? "true" : "false"; }
    std::string operator()(int64_t value) const { return std::to_string(value); }
    std::string operator()(double value) const {
      if (!std::isfinite(value)) return "";
      return fmt::format("{:.{}f}", value, decimals);
    }
    std::string operator()(const std::string& value) const { return value; }
  };
  return std::visit(Formatter{decimals}, cell);
}

std::string to_csv(const Table& table) {
  std::string out;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    if (c) out += ',';
    out += csv_field(table.columns[c].name);
  }
  out += "\r\n";
  for (const auto& row : table.rows) {
    for (size_t c = 0; c < row.size(); ++c) {
      if (c) out += ',';
      out += csv_field(format_cell(row[c], table.columns[c].decimals));
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace herlens::report
