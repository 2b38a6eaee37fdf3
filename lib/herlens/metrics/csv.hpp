#pragma once
// Reading CSV text (RFC 4180: quoted fields, "" for a quote, LF or CRLF line ends), for tables a
// user hands herlens (a shot list, herlens shots --shots) and for tests reading back what it wrote.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace herlens::metrics {

struct CsvRow {
  int64_t line = 0;  // 1-based line of the text the row starts on, for messages
  std::vector<std::string> cells;
};

// Every row, blank lines included (one empty cell). A quoted field may hold commas, quotes and
// line ends; an unterminated quote runs to the end of the text.
std::vector<CsvRow> read_csv(std::string_view text);

}  // namespace herlens::metrics
