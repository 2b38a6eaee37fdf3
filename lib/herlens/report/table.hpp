#pragma once
// A table of results, as analyses produce them and writers print them (CSV, JSON, HTML).
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace herlens::report {

using Cell = std::variant<std::monostate, bool, int64_t, double, std::string>;

struct Column {
  std::string name;
  int decimals = 3;  // digits after the point for real numbers (times, seconds: 3)
};

struct Table {
  std::string name;  // file stem when written to a folder: "shots" -> shots.csv
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;

  // Appends a row; throws Error(internal) when it does not have one cell per column.
  void add_row(std::vector<Cell> row);
};

// A cell as text: empty for no value, reals with the column's decimals.
std::string format_cell(const Cell& cell, int decimals);

// RFC 4180: header row, comma separated, CRLF line ends, fields quoted when they need it.
std::string to_csv(const Table& table);

}  // namespace herlens::report
