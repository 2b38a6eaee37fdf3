// The fuzz target's path (tests/fuzz/fuzz_input.hpp) over every input it found a bug with
// (tests/data/fuzz-regressions, kept by scripts/fuzz) and over all the generated test media, bad
// ones included: a result or a clean herlens::Error each time, never a bug.
#include <doctest/doctest.h>

#include <filesystem>

#include "fuzz/fuzz_input.hpp"
#include "support/fixtures.hpp"

namespace {

// `first` (the choice of analyses) followed by the file's bytes.
std::string fuzz_input(uint8_t first, const std::filesystem::path& file) {
  std::string input = herlens::test::read_text(file);
  input.insert(input.begin(), char(first));
  return input;
}

void replay(const std::string& input) {
  CHECK_NOTHROW(herlens::test::analyse_fuzz_input({reinterpret_cast<const uint8_t*>(input.data()), input.size()}));
}

}  // namespace

TEST_CASE("fuzz regressions: every saved finding is answered without a bug") {
  for (const auto& entry : std::filesystem::directory_iterator(herlens::test::source_file("tests/data/fuzz-regressions"))) {
    if (entry.path().extension() == ".md") continue;
    CAPTURE(entry.path().filename().string());
    replay(herlens::test::read_text(entry.path()));
  }
}

TEST_CASE("fuzz path: every generated test file, all analyses, without a bug") {
  size_t files = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(herlens::test::media(""))) {
    if (!entry.is_regular_file() || entry.path().filename().string().front() == '.') continue;
    CAPTURE(entry.path().string());
    replay(fuzz_input(0x0f, entry.path()));
    ++files;
  }
  CHECK(files > 30);
}

TEST_CASE("fuzz path: the input's temporary file is gone after each run") {
  // libFuzzer's fork mode starts a process per batch: a file left by each filled the temp folder.
  replay(fuzz_input(0x01, herlens::test::source_file("samples/her-sample.mp4")));
  CHECK_FALSE(std::filesystem::exists(herlens::test::fuzz_input_file()));
}
