// The output rule: herlens writes only into a folder it makes, an empty one, or one holding its
// marker; a report replaces its folder whole, never losing a file herlens did not write.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "herlens/error.hpp"
#include "herlens/report/atomic_file.hpp"
#include "herlens/report/output_folder.hpp"
#include "support/fixtures.hpp"

using herlens::report::OutputFolder;
using herlens::test::read_text;
using herlens::test::ScratchDir;
namespace fs = std::filesystem;

namespace {

// Outputs with the given tables (one row each) and a picture.
herlens::report::Outputs outputs(std::initializer_list<const char*> tables) {
  herlens::report::Outputs out;
  herlens::report::AnalysisOutputs analysis{herlens::metrics::Analysis::shots, {}, {}};
  for (const char* name : tables) {
    herlens::report::Table table{name, {{"x"}}, {}};
    table.add_row({int64_t{1}});
    analysis.tables.push_back(table);
  }
  analysis.pictures.push_back({"swatch", [] { return cv::Mat(4, 8, CV_8UC3, cv::Scalar(255, 0, 0)); }});
  out.analyses.push_back(analysis);
  out.summary["shot_count"] = 1;
  return out;
}

herlens::ErrorKind refusal(const fs::path& dir, OutputFolder::Mode mode) {
  try {
    OutputFolder folder(dir, mode);
  } catch (const herlens::Error& e) {
    CHECK(std::string(e.what()).find(dir.filename().string()) != std::string::npos);
    return e.kind();
  }
  FAIL("not refused");
  return herlens::ErrorKind::internal;
}

size_t entries_in(const fs::path& dir) {
  return size_t(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

}  // namespace

TEST_CASE("output folder: a new folder gets every table, picture, the marker and summary.json") {
  ScratchDir dir;
  OutputFolder folder(dir / "out" / "deeper", OutputFolder::Mode::add);
  CHECK(fs::exists(dir / "out" / "deeper" / ".herlens"));  // made before any work
  folder.write(outputs({"shots", "extra"}));
  const fs::path out = dir / "out" / "deeper";
  CHECK(read_text(out / "shots.csv") == "x\r\n1\r\n");
  CHECK(fs::file_size(out / "swatch.png") > 0);
  CHECK(read_text(out / "summary.json").find("\"shot_count\": 1") != std::string::npos);
  const std::string marker = read_text(out / ".herlens");
  CHECK(marker.rfind("herlens 0.1.0", 0) == 0);
  for (const char* file : {"shots.csv", "extra.csv", "swatch.png", "summary.json"})
    CHECK(marker.find(std::string("\n") + file + "\n") != std::string::npos);
}

TEST_CASE("output folder: a folder of someone's files, or a file in the way, is refused and left as it was") {
  ScratchDir dir;
  fs::create_directory(dir / "work");
  herlens::report::write_file_atomically(dir / "work" / "thesis.txt", "precious");
  herlens::report::write_file_atomically(dir / "work" / "summary.json", "{}");  // not enough to be herlens's
  CHECK(refusal(dir / "work", OutputFolder::Mode::replace) == herlens::ErrorKind::output);
  CHECK(refusal(dir / "work", OutputFolder::Mode::add) == herlens::ErrorKind::output);
  CHECK(read_text(dir / "work" / "thesis.txt") == "precious");
  CHECK(entries_in(dir / "work") == 2);
  CHECK(entries_in(dir.path()) == 1);  // no staging folder left beside it
  herlens::report::write_file_atomically(dir / "plain-file", "x");
  CHECK(refusal(dir / "plain-file", OutputFolder::Mode::add) == herlens::ErrorKind::output);
  CHECK(refusal("/proc/herlens-cannot-be-here", OutputFolder::Mode::replace) == herlens::ErrorKind::output);
  CHECK(refusal("/proc/herlens-cannot-be-here", OutputFolder::Mode::add) == herlens::ErrorKind::output);
}

TEST_CASE("output folder: a report replaces its folder whole, one with a file herlens did not write is refused") {
  ScratchDir dir;
  const fs::path report = dir / "report";
  OutputFolder(report, OutputFolder::Mode::replace).write(outputs({"shots", "palette"}));
  CHECK(fs::exists(report / "palette.csv"));
  OutputFolder(report, OutputFolder::Mode::replace).write(outputs({"shots"}));
  CHECK_FALSE(fs::exists(report / "palette.csv"));  // never old and new mixed
  CHECK(fs::exists(report / "shots.csv"));
  CHECK(entries_in(dir.path()) == 1);  // no staging or retired folder left

  herlens::report::write_file_atomically(report / "notes.txt", "mine");
  CHECK(refusal(report, OutputFolder::Mode::replace) == herlens::ErrorKind::output);
  CHECK(read_text(report / "notes.txt") == "mine");
  // Adding outputs beside a user's file is fine: nothing is removed.
  OutputFolder(report, OutputFolder::Mode::add).write(outputs({"more"}));
  CHECK(read_text(report / "notes.txt") == "mine");
  CHECK(fs::exists(report / "shots.csv"));
  CHECK(fs::exists(report / "more.csv"));
}

TEST_CASE("output folder: never written, the staging folder goes, the previous report stays") {
  ScratchDir dir;
  const fs::path report = dir / "report";
  OutputFolder(report, OutputFolder::Mode::replace).write(outputs({"shots"}));
  {
    OutputFolder interrupted(report, OutputFolder::Mode::replace);
    CHECK(entries_in(dir.path()) == 2);  // the staging folder beside it
  }
  CHECK(entries_in(dir.path()) == 1);
  CHECK(fs::exists(report / "shots.csv"));
}

TEST_CASE("output folder: through a symbolic link the folder it names is written, the link stays") {
  ScratchDir dir;
  fs::create_directory(dir / "real");
  fs::create_directory_symlink(dir / "real", dir / "link");
  OutputFolder(dir / "link", OutputFolder::Mode::replace).write(outputs({"shots"}));
  CHECK(fs::is_symlink(dir / "link"));
  CHECK(fs::exists(dir / "real" / "shots.csv"));
  OutputFolder(dir / "link", OutputFolder::Mode::replace).write(outputs({"again"}));
  CHECK(fs::is_symlink(dir / "link"));
  CHECK(fs::exists(dir / "real" / "again.csv"));
  CHECK_FALSE(fs::exists(dir / "real" / "shots.csv"));
  fs::create_directory_symlink(dir / "loop", dir / "loop");
  CHECK(refusal(dir / "loop", OutputFolder::Mode::replace) == herlens::ErrorKind::output);
}

TEST_CASE("output folder: what a killed run left beside the folder is cleaned up, a swapped-out report restored") {
  ScratchDir dir;
  const fs::path report = dir / "report";
  OutputFolder(report, OutputFolder::Mode::replace).write(outputs({"shots"}));
  // A run killed between swapping the report out and the new one in (a process id beyond any the
  // kernel gives): the report is only in its retired folder, and a staging folder lies beside it.
  constexpr pid_t dead = 999999999;
  fs::rename(report, dir / (".report.herlens-old-" + std::to_string(dead)));
  fs::create_directory(dir / (".report.herlens-new-" + std::to_string(dead)));
  herlens::report::write_file_atomically(dir / (".report.herlens-new-" + std::to_string(dead)) / ".herlens",
                                         "herlens 0.1.0\n");
  // Someone else's folder of a similar name is not touched.
  fs::create_directory(dir / (".report.herlens-new-" + std::to_string(dead + 1)));
  herlens::report::write_file_atomically(dir / (".report.herlens-new-" + std::to_string(dead + 1)) / "mine.txt", "x");
  {
    OutputFolder next(report, OutputFolder::Mode::add);
    CHECK(fs::exists(report / "shots.csv"));  // put back before anything else
  }
  CHECK_FALSE(fs::exists(dir / (".report.herlens-new-" + std::to_string(dead))));
  CHECK(fs::exists(dir / (".report.herlens-new-" + std::to_string(dead + 1))));
}

TEST_CASE("output folder: a report may not replace the current folder") {
  ScratchDir dir;
  const fs::path before = fs::current_path();
  fs::create_directory(dir / "here");
  fs::current_path(dir / "here");
  CHECK_THROWS_WITH_AS(OutputFolder(".", OutputFolder::Mode::replace), doctest::Contains("current folder"),
                       herlens::Error);
  CHECK_THROWS_AS(OutputFolder("..", OutputFolder::Mode::replace), herlens::Error);
  CHECK_NOTHROW(OutputFolder(".", OutputFolder::Mode::add));
  fs::current_path(before);
  CHECK(entries_in(dir.path()) == 1);
}
