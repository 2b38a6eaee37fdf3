#pragma once
// The outputs TensorFlow.js gave for a model's parity fixture (scripts/make-tfjs-reference writes
// tests/data/MODEL/outputs.csv: output, flat index or "shape", value).
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <utility>

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

}  // namespace herlens::test
