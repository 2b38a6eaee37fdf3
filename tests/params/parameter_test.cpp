// Options as data: one table per parameter struct validates, binds the command line and records
// provenance. These tests hold every table to its own ranges.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <set>
#include <string>

#include "herlens/error.hpp"
#include "herlens/params/parameter.hpp"
#include "herlens/pipeline/analyse.hpp"
#include "herlens/report/outputs.hpp"

using namespace herlens;

namespace {

struct Example {
  double ratio = 0.5;
  int count = 3;
  static const params::Table<Example>& table() {
    static const params::Table<Example> table{"example",
                                              {{"ratio", "--ratio", "A ratio", &Example::ratio, 0, 1},
                                               {"count", "", "A count", &Example::count, 1, 10}}};
    return table;
  }
};

// Every table's defaults lie inside its own ranges, and its names are unique.
template <typename Params>
void check_table() {
  // Static: GCC 12 takes a read through a member pointer of a small local for a read past its end.
  static const Params defaults;
  const params::Table<Params>& table = Params::table();
  CAPTURE(table.owner);
  std::set<std::string_view> names;
  for (const params::Parameter<Params>& p : table.parameters) {
    CAPTURE(p.name);
    CHECK(names.insert(p.name).second);
    CHECK(p.low <= p.high);
    CHECK(p.value(defaults) >= p.low);
    CHECK(p.value(defaults) <= p.high);
    CHECK_FALSE(p.help.empty());
  }
  CHECK_NOTHROW(params::check(defaults, table));
}

}  // namespace

TEST_CASE("parameters: a value outside its range, or NaN, is a usage error naming owner, name and range") {
  Example example;
  CHECK_NOTHROW(params::check(example, Example::table()));
  example.count = 11;
  CHECK_THROWS_WITH_AS(params::check(example, Example::table()), "example: count must be 1..10, not 11", Error);
  example = {};
  example.ratio = std::numeric_limits<double>::quiet_NaN();
  try {
    params::check(example, Example::table());
    FAIL("NaN accepted");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::usage);
    CHECK(std::string(e.what()).find("ratio") != std::string::npos);
  }
}

TEST_CASE("parameters: values() records every parameter, whole numbers marked as such") {
  const params::Group group = params::values(Example{0.25, 7}, Example::table());
  CHECK(group.owner == "example");
  REQUIRE(group.values.size() == 2);
  CHECK(group.values[0].name == "ratio");
  CHECK(group.values[0].value == 0.25);
  CHECK_FALSE(group.values[0].integer);
  CHECK(group.values[1].value == 7);
  CHECK(group.values[1].integer);
}

TEST_CASE("parameters: every table holds its defaults in range") {
  check_table<pipeline::PassOptions>();
  check_table<metrics::ShotBoundaryParams>();
  check_table<metrics::ShotsParams>();
  check_table<metrics::ColourParams>();
  check_table<metrics::PaletteParams>();
  check_table<metrics::LetterboxParams>();
  check_table<analyzers::FaceAnalyzerParams>();
  check_table<metrics::ShotScaleParams>();
  check_table<metrics::ScaleThresholds>();
  check_table<analyzers::SpeechDetectorParams>();
  check_table<metrics::SpeechSegmentParams>();
  check_table<analyzers::PictureLevelParams>();
  check_table<metrics::DialogueParams>();
  check_table<report::PaletteReportParams>();
  check_table<report::FramingReportOptions>();
  CHECK_NOTHROW(pipeline::AnalysisOptions{}.validate());
}

TEST_CASE("parameters: checks across parameters stay with their struct") {
  metrics::ScaleThresholds thresholds;
  thresholds.cu = 0.9;  // above ecu
  CHECK_THROWS_WITH_AS(thresholds.validate(), doctest::Contains("cu = 0.9 must be below ecu = 0.65"), Error);
  analyzers::FaceAnalyzerParams faces;
  faces.sparse_interval = 0.2;  // below dense_interval
  CHECK_THROWS_WITH_AS(faces.validate(), doctest::Contains("sparse_interval"), Error);
  pipeline::PassOptions pass;
  pass.start = 2;
  pass.end = 1;
  CHECK_THROWS_AS(pass.validate(), Error);
}
