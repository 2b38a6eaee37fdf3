#pragma once
// Everything a run writes, formatted from its FilmSummary: per analysis its tables (the main one
// first) and pictures, the summary as JSON, and documents (report.html). The CLI decides where it
// goes (stdout CSV, stdout JSON, a folder).
//
// Pictures are drawn when they are written, one at a time, from the summary they were made from: a
// feature film has dozens of pages of boundary strips, and holding them all at once was what made
// memory grow with the film's length. So Outputs refer to their summary, which must outlive them
// (outputs_of refuses a temporary).
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <opencv2/core.hpp>

#include "herlens/metrics/film_summary.hpp"
#include "herlens/report/framing_report.hpp"
#include "herlens/report/palette_report.hpp"
#include "herlens/report/table.hpp"

namespace herlens::report {

struct Picture {
  std::string name;               // file stem: "barcode" -> barcode.png
  std::function<cv::Mat()> draw;  // BGR or grey, 8 bits
};

struct AnalysisOutputs {
  metrics::Analysis analysis;
  std::vector<Table> tables;  // the main table first
  std::vector<Picture> pictures;
};

struct Outputs {
  std::vector<AnalysisOutputs> analyses;  // in the order they ran
  nlohmann::ordered_json summary;         // summary.json
  std::vector<std::pair<std::string, std::string>> documents;  // file name -> bytes (report.html)

  // The first analysis's main table: what a command prints on stdout. Nullptr when none ran.
  const Table* main_table() const;
  // Whether some analysis writes the picture `name` (a file the page can show by name).
  bool has_picture(std::string_view name) const;
};

// How writers draw: picture sizes, contact sheets, optional tables.
struct WriterOptions {
  PaletteReportParams palette;
  FramingReportOptions framing;
};

// Tables and pictures of every analysis in `summary`, and the summary JSON.
Outputs outputs_of(const metrics::FilmSummary& summary, const WriterOptions& options);
Outputs outputs_of(metrics::FilmSummary&& summary, const WriterOptions& options) = delete;

}  // namespace herlens::report
