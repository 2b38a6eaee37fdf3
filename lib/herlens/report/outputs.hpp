#pragma once
// Everything one command produces: a main table, further tables, a summary and pictures.
// Commands build an Outputs; the CLI decides where it goes (stdout CSV, stdout JSON, a folder).
#include <filesystem>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "herlens/report/json.hpp"
#include "herlens/report/table.hpp"

namespace herlens::report {

struct Picture {
  std::string name;  // file stem: "barcode" -> barcode.png
  cv::Mat image;     // BGR or grey, 8 bits
};

struct Outputs {
  Table main;                   // printed as CSV on stdout by default
  std::vector<Table> tables;    // further tables, written only to a folder
  json::Value summary = json::Object{};
  std::vector<Picture> pictures;
};

// Writes <table>.csv for every table, summary.json and <picture>.png into `dir`, each file
// atomically. Throws Error(output).
void write_to_dir(const std::filesystem::path& dir, const Outputs& outputs);

}  // namespace herlens::report
