#include "herlens/metrics/csv.hpp"

namespace herlens::metrics {

std::vector<CsvRow> read_csv(std::string_view text) {
  std::vector<CsvRow> rows;
  CsvRow row{1, {}};
  std::string cell;
  int64_t line = 1;
  bool quoted = false;
  const auto end_row = [&] {
    row.cells.push_back(std::move(cell));
    cell.clear();
    rows.push_back(std::move(row));
    row = {line, {}};
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') ++line;
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell += '"', ++i;
      else if (c == '"') quoted = false;
      else cell += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      row.cells.push_back(std::move(cell));
      cell.clear();
    } else if (c == '\n') {
      if (!cell.empty() && cell.back() == '\r') cell.pop_back();
      end_row();
    } else {
      cell += c;
    }
  }
  if (!cell.empty() || !row.cells.empty()) end_row();
  return rows;
}

}  // namespace herlens::metrics
