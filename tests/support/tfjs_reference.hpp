#pragma once
// The outputs TensorFlow.js gave for a model's parity fixture (scripts/make-tfjs-reference writes
// tests/data/MODEL/outputs.csv: output, flat index or "shape", value).
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "herlens/models/tfjs_graph.hpp"

namespace herlens::test {

struct TfjsReference {
  std::map<std::pair<size_t, size_t>, double> values;  // by output and flat index
  std::map<size_t, std::string> shapes;                // by output, "1x33x33x17"
};

inline TfjsReference read_tfjs_reference(const std::filesystem::path& csv_file) {
  TfjsReference reference;
  std::ifstream csv(csv_file);
  std::string line;
  std::getline(csv, line);  // header
  while (std::getline(csv, line)) {
    std::istringstream fields(line);
    std::string output, index, value;
    std::getline(fields, output, ',');
    std::getline(fields, index, ',');
    std::getline(fields, value, ',');
    if (index == "shape") reference.shapes[std::stoul(output)] = value;
    else reference.values[{std::stoul(output), std::stoul(index)}] = std::stod(value);
  }
  return reference;
}

// The picture scripts/make-tfjs-reference fed the network (its input.png), as the script feeds it:
// RGB values v / scale + offset, {1, height, width, 3}. Empty when the file cannot be read.
inline models::TfjsTensor read_reference_input(const std::filesystem::path& png, float scale, float offset) {
  cv::Mat rgb = cv::imread(png.string(), cv::IMREAD_COLOR);
  if (rgb.empty()) return {};
  cv::cvtColor(rgb, rgb, cv::COLOR_BGR2RGB);
  models::TfjsTensor input{{1, rgb.rows, rgb.cols, 3}, {}};
  rgb.reshape(1, 1).convertTo(input.values, CV_32F, 1.0 / scale, offset);
  return input;
}

// How far outputs run natively stand from the reference: the values compared, the largest
// difference relative to 1 + |expected|, and whether every output's shape matches.
struct ReferenceDifference {
  size_t compared = 0;
  double largest = 0;
  bool shapes_match = true;
};

inline ReferenceDifference compare_to_reference(const std::vector<models::TfjsTensor>& outputs,
                                                const TfjsReference& reference) {
  ReferenceDifference difference;
  difference.shapes_match = reference.shapes.size() == outputs.size();
  for (const auto& [output, shape] : reference.shapes)
    difference.shapes_match &= output < outputs.size() && fmt::format("{}", fmt::join(outputs[output].shape, "x")) == shape;
  for (const auto& [at, expected] : reference.values) {
    const double got = outputs.at(at.first).values.at(at.second);
    difference.largest = std::max(difference.largest, std::abs(got - expected) / (1.0 + std::abs(expected)));
    ++difference.compared;
  }
  return difference;
}

}  // namespace herlens::test
