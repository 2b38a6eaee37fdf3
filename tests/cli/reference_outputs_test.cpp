// herlens report on the bundled sample film gives the committed reference outputs
// (tests/reference/her-sample, written by scripts/make-reference-outputs): the same tables and the
// same summary, so a change to any number shows up here and in review. Tolerances: a real number
// printed in a table may differ by one unit of its last printed decimal (the tables round), a real
// number in summary.json by one part in a million; text and whole numbers must be equal.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "support/csv.hpp"
#include "support/fixtures.hpp"

using herlens::test::read_text;
using herlens::test::sample_report;
using herlens::test::source_file;
using nlohmann::json;

namespace {

const std::filesystem::path reference_dir = source_file("tests/reference/her-sample");

bool is_number(const std::string& text, double& value) {
  char* end = nullptr;
  value = std::strtod(text.c_str(), &end);
  return !text.empty() && end == text.c_str() + text.size();
}

// One unit of the last decimal printed ("0.2500" -> 0.0001); whole numbers must match exactly.
double printed_unit(const std::string& text) {
  const size_t point = text.find('.');
  return point == std::string::npos ? 0 : std::pow(10.0, -double(text.size() - point - 1));
}

void compare_cells(const std::string& table, const std::string& got, const std::string& expected) {
  double a = 0, b = 0;
  if (is_number(got, a) && is_number(expected, b)) {
    CHECK_MESSAGE(std::abs(a - b) <= printed_unit(expected) * 1.0001, table, ": ", got, " vs ", expected);
  } else {
    CHECK_MESSAGE(got == expected, table);
  }
}

void compare_json(const std::string& where, const json& got, const json& expected) {
  if (expected.is_number_float() || (expected.is_number() && got.is_number_float())) {
    const double a = got.get<double>(), b = expected.get<double>();
    CHECK_MESSAGE(std::abs(a - b) <= 1e-6 * std::max(1.0, std::abs(b)), where, ": ", a, " vs ", b);
  } else if (expected.is_object()) {
    REQUIRE_MESSAGE(got.is_object(), where);
    for (const auto& [key, value] : expected.items()) {
      REQUIRE_MESSAGE(got.contains(key), where, "/", key, " is missing");
      compare_json(where + "/" + key, got.at(key), value);
    }
    for (const auto& [key, value] : got.items()) CHECK_MESSAGE(expected.contains(key), where, "/", key, " is new");
  } else if (expected.is_array()) {
    REQUIRE_MESSAGE(got.size() == expected.size(), where);
    for (size_t i = 0; i < expected.size(); ++i) compare_json(where + "[" + std::to_string(i) + "]", got[i], expected[i]);
  } else {
    CHECK_MESSAGE(got == expected, where);
  }
}

}  // namespace

TEST_CASE("reference outputs: every table of the sample film's report, row by row") {
  size_t tables = 0;
  for (const auto& entry : std::filesystem::directory_iterator(reference_dir)) {
    if (entry.path().extension() != ".csv") continue;
    ++tables;
    const std::string name = entry.path().filename().string();
    CAPTURE(name);
    REQUIRE_MESSAGE(std::filesystem::exists(sample_report() / name), name, " is no longer written");
    const auto expected = herlens::test::parse_csv(read_text(entry.path()));
    const auto got = herlens::test::parse_csv(read_text(sample_report() / name));
    REQUIRE(got.size() == expected.size());
    CHECK(got.front() == expected.front());  // the header
    for (size_t r = 1; r < expected.size(); ++r) {
      REQUIRE(got[r].size() == expected[r].size());
      for (size_t c = 0; c < expected[r].size(); ++c)
        compare_cells(name + " row " + std::to_string(r) + " " + expected[0][c], got[r][c], expected[r][c]);
    }
  }
  CHECK(tables >= 10);
  for (const auto& entry : std::filesystem::directory_iterator(sample_report()))
    if (entry.path().extension() == ".csv")
      CHECK_MESSAGE(std::filesystem::exists(reference_dir / entry.path().filename()), entry.path().filename(),
                    " is new: run scripts/make-reference-outputs");
}

TEST_CASE("reference outputs: the sample film's summary.json, but for its paths and provenance") {
  json got = json::parse(read_text(sample_report() / "summary.json"));
  got.erase("input");
  got.erase("input_path");
  got.erase("provenance");
  compare_json("summary.json", got, json::parse(read_text(reference_dir / "summary.json")));
}
