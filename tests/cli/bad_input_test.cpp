// Bad input gets one clear line on stderr and its documented exit code, never a crash.
#include <doctest/doctest.h>

#include <filesystem>

#include "support/fixtures.hpp"

using herlens::test::media;
using herlens::test::run_cli;

namespace {

// One line, naming herlens, no stack trace.
void check_one_clear_line(const herlens::test::CliResult& result, const std::string& must_contain) {
  CAPTURE(result.err);
  CHECK(result.err.rfind("herlens: ", 0) == 0);
  CHECK(result.err.find('\n') == result.err.size() - 1);
  CHECK(result.err.find(must_contain) != std::string::npos);
  CHECK(result.out.empty());
}

}  // namespace

TEST_CASE("bad input: missing file, folder -> exit 3") {
  auto missing = run_cli({"probe", media("no-such-film.mkv").string()});
  CHECK(missing.exit_code == 3);
  check_one_clear_line(missing, "no such file");
  auto folder = run_cli({"probe", media("").string()});
  CHECK(folder.exit_code == 3);
  check_one_clear_line(folder, "is a directory");
}

TEST_CASE("bad input: not a media file, empty file, absurd header -> exit 4") {
  for (const char* file : {"not_media.txt", "empty.mp4", "huge_header.y4m"}) {
    CAPTURE(file);
    auto result = run_cli({"probe", media(file).string()});
    CHECK(result.exit_code == 4);
    check_one_clear_line(result, file);
  }
}

TEST_CASE("bad input: playlists and concat scripts pointing elsewhere are refused -> exit 4") {
  for (const char* file : {"local_playlist.m3u8", "url_playlist.m3u8", "local.ffconcat"}) {
    CAPTURE(file);
    auto result = run_cli({"probe", "--decode", media(file).string()});
    CHECK(result.exit_code == 4);
    check_one_clear_line(result, "refused");
  }
}

TEST_CASE("bad input: damaged streams decode as far as they can, with a warning -> exit 0") {
  auto garbage = run_cli({"probe", "--decode", media("garbage_middle.ts").string()});
  CHECK(garbage.exit_code == 0);
  CHECK(garbage.out.find("decode errors") != std::string::npos);
  CHECK(garbage.out.find(" 0 decode errors") == std::string::npos);
  auto truncated = run_cli({"probe", "--decode", media("truncated.mp4").string()});
  CHECK(truncated.exit_code == 0);
  CHECK(truncated.out.find("decoded") != std::string::npos);
}

TEST_CASE("bad usage: unknown subcommand or option -> exit 2") {
  CHECK(run_cli({"frobnicate"}).exit_code == 2);
  CHECK(run_cli({"probe", "--no-such-option", media("basic.mp4").string()}).exit_code == 2);
  CHECK(run_cli({"probe"}).exit_code == 2);
  CHECK(run_cli({}).exit_code == 2);
}

TEST_CASE("help lists the exit codes") {
  const auto help = run_cli({"--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("Exit codes") != std::string::npos);
  CHECK(help.out.find("7  a trained model is missing") != std::string::npos);
}
