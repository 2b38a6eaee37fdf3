#pragma once
// Reading back the CSV herlens writes (RFC 4180: CRLF line ends, quoted fields), for tests.
#include <string>
#include <vector>

#include "herlens/metrics/csv.hpp"

namespace herlens::test {

// Rows of cells, the header row first. Quoted fields may hold commas, quotes ("") and line ends.
inline std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  for (metrics::CsvRow& row : metrics::read_csv(text)) rows.push_back(std::move(row.cells));
  return rows;
}

}  // namespace herlens::test
