// Writing outputs into a folder: every table, picture and summary.json, each file atomically.
#include <doctest/doctest.h>

#include <filesystem>

#include "herlens/error.hpp"
#include "herlens/report/atomic_file.hpp"
#include "herlens/report/outputs.hpp"
#include "support/fixtures.hpp"

using namespace herlens::report;
using herlens::test::read_text;
using herlens::test::ScratchDir;

TEST_CASE("output folder: tables, pictures and summary.json; a file in the way is an error") {
  ScratchDir dir;
  Outputs outputs;
  Table shots{"shots", {{"shot"}}, {}};
  shots.add_row({int64_t{1}});
  outputs.analyses.push_back({herlens::metrics::Analysis::shots,
                              {shots, Table{"extra", {{"x"}}, {}}},
                              {{"swatch", cv::Mat(4, 8, CV_8UC3, cv::Scalar(255, 0, 0))}}});
  outputs.summary["shot_count"] = 1;
  write_to_dir(dir / "out", outputs);
  CHECK(read_text(dir / "out" / "shots.csv") == "shot\r\n1\r\n");
  CHECK(std::filesystem::exists(dir / "out" / "extra.csv"));
  CHECK(std::filesystem::file_size(dir / "out" / "swatch.png") > 0);
  CHECK(read_text(dir / "out" / "summary.json").find("\"shot_count\": 1") != std::string::npos);

  write_file_atomically(dir / "plain-file", "x");
  try {
    write_to_dir(dir / "plain-file", outputs);
    FAIL("expected an error");
  } catch (const herlens::Error& e) {
    CHECK(e.kind() == herlens::ErrorKind::output);
  }
}
