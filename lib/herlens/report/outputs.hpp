#pragma once
// Everything one command produces: a main table, further tables, a summary and pictures.
// Commands build an Outputs; the CLI decides where it goes (stdout CSV, stdout JSON, a folder).
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include <opencv2/core.hpp>

#include "herlens/media/source.hpp"
#include "herlens/report/json.hpp"
#include "herlens/report/table.hpp"

namespace herlens::report {

struct Picture {
  std::string name;  // file stem: "barcode" -> barcode.png
  cv::Mat image;     // BGR or grey, 8 bits
};

struct Outputs {
  Table main;                   // printed as CSV on stdout by default; unnamed: none
  std::vector<Table> tables;    // further tables, written only to a folder
  json::Value summary = json::Object{};
  std::vector<Picture> pictures;
  std::vector<std::pair<std::string, std::string>> documents;  // file name -> bytes (report.html)
};

// The "decode" section of every summary: frames and audio decoded, errors, early end.
json::Value decode_health(const media::DecodeStats& stats);

// Writes <table>.csv for every table, summary.json and <picture>.png into `dir`, each file
// atomically. Throws Error(output).
void write_to_dir(const std::filesystem::path& dir, const Outputs& outputs);

// Replaces `dir` as a whole by a folder holding exactly `outputs`: written into a staging folder
// beside it, then swapped in, so a rerun never mixes old and new files and an interrupted run
// leaves the previous report intact. An existing `dir` must be empty or a previous herlens
// output (it has a summary.json), so a mistyped -o never deletes someone's files.
void replace_dir(const std::filesystem::path& dir, const Outputs& outputs);

}  // namespace herlens::report
