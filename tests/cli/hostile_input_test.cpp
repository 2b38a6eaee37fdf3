// Crafted inputs (scripts/make-hostile-media): each gets a clean, documented exit code and at most
// one clear line on stderr, never a crash or a hang.
#include <doctest/doctest.h>

#include "support/fixtures.hpp"

using herlens::test::media;
using herlens::test::run_cli;

namespace {

std::string hostile(const std::string& name) { return media("hostile/" + name).string(); }

}  // namespace

TEST_CASE("hostile input: pictures a few pixels wide are analysed") {
  for (const char* file : {"narrow_2x480.mp4", "narrow_3x4095.mkv", "narrow_4x64.mkv"}) {
    CAPTURE(file);
    for (const char* command : {"shots", "framing"}) {
      CAPTURE(command);
      const auto result = run_cli({command, "--quiet", hostile(file)});
      CHECK(result.exit_code == 0);
      CHECK(result.err.empty());
    }
  }
}

TEST_CASE("hostile input: pictures a few pixels tall, or that shape by their pixel aspect, are analysed") {
  for (const char* file : {"wide_1280x20.mp4", "wide_640x8.mp4", "wide_16384x16.mkv", "sar_1000.mp4"}) {
    CAPTURE(file);
    for (const char* command : {"shots", "palette", "framing"}) {
      CAPTURE(command);
      const auto result = run_cli({command, "--quiet", hostile(file)});
      CHECK(result.exit_code == 0);
      CHECK(result.err.empty());
    }
  }
}
