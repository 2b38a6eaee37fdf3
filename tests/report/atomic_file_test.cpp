#include <doctest/doctest.h>

#include <filesystem>

#include "herlens/error.hpp"
#include "herlens/report/atomic_file.hpp"
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
