#include <doctest/doctest.h>

#include <filesystem>

#include "herlens/error.hpp"
#include "herlens/report/atomic_file.hpp"
#include "herlens/report/outputs.hpp"
#include "support/fixtures.hpp"

using namespace herlens::report;
using herlens::test::read_text;
using herlens::test::ScratchDir;

TEST_CASE("atomic write: replaces the file whole and leaves no temporary behind") {
  ScratchDir dir;
  write_file_atomically(dir / "a.csv", "first");
  write_file_atomically(dir / "a.csv", "second");
  CHECK(read_text(dir / "a.csv") == "second");
  int files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path())) ++files;
  CHECK(files == 1);
}

TEST_CASE("atomic write: an unwritable target fails with Error(output) and keeps the old file") {
  ScratchDir dir;
  write_file_atomically(dir / "keep.csv", "precious");
  std::filesystem::create_directory(dir / "folder");
  CHECK_THROWS_AS(write_file_atomically(dir / "folder", "x"), herlens::Error);
  CHECK_THROWS_AS(write_file_atomically(dir / "keep.csv" / "below", "x"), herlens::Error);
  CHECK(read_text(dir / "keep.csv") == "precious");
}

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
