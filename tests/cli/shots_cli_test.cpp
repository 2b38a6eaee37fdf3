// `herlens shots` end to end on generated media with boundaries known by construction
// (scripts/make-shots-test-media).
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>
#include "support/csv.hpp"
#include "support/fixtures.hpp"

using herlens::test::media;
using herlens::test::run_cli;
using nlohmann::json;

namespace {

// The shot media, made once per test run (the script skips work when nothing changed).
// Made by scripts/make-shots-test-media, which the make_test_media CTest fixture runs once
// before any test (tests run as parallel processes, so none may make media itself).
std::filesystem::path shots_media(const std::string& name) { return media("shots") / name; }

}  // namespace

TEST_CASE("cli shots: hard cuts on their exact frames, times from a stream starting at 10 s, flash ignored") {
  const auto result = run_cli({"shots", "-q", shots_media("cuts.mkv").string()});
  REQUIRE(result.exit_code == 0);
  const auto rows = herlens::test::parse_csv(result.out);
  REQUIRE(rows.size() == 4);
  CHECK(rows[0] == std::vector<std::string>{"shot", "start_frame", "end_frame", "start_time", "end_time", "duration",
                                            "transition", "transition_out", "content", "confidence"});
  CHECK(rows[1] == std::vector<std::string>{"1", "0", "50", "0.000", "2.000", "2.000", "start", "cut", "picture", ""});
  const std::vector<std::string> rest[] = {{"2", "50", "100", "2.000", "4.000", "2.000", "cut", "cut", "picture"},
                                           {"3", "100", "150", "4.000", "6.000", "2.000", "cut", "end", "picture"}};
  for (size_t k = 0; k < 2; ++k) {
    CHECK(std::vector<std::string>(rows[k + 2].begin(), rows[k + 2].end() - 1) == rest[k]);
    CHECK(std::stod(rows[k + 2].back()) > 0.5);  // clear cuts: well past the thresholds
    CHECK(std::stod(rows[k + 2].back()) <= 1);
  }
}

TEST_CASE("cli shots --json: summary statistics and longest takes") {
  const auto result = run_cli({"shots", "-q", "--json", "--window-minutes", "0.05", shots_media("cuts.mkv").string()});
  REQUIRE(result.exit_code == 0);
  const json film = json::parse(result.out);
  const json& summary = film.at("shots");
  CHECK(summary.at("shot_count").get<double>() == 3);
  CHECK(summary.at("asl_seconds").get<double>() == doctest::Approx(2));
  CHECK(summary.at("msl_seconds").get<double>() == doctest::Approx(2));
  CHECK(summary.at("cuts_per_minute").get<double>() == doctest::Approx(20));
  const json& takes = summary.at("longest_takes");
  REQUIRE(takes.size() == 3);
  CHECK(takes[0].at("shot").get<double>() == 1);
  CHECK(takes[1].at("start").get<std::string>() == "00:00:02.000");
  CHECK(summary.at("cutting_rate").size() == 2);  // 3-second windows over 6 s
  CHECK(film.at("decode").at("video_frames").get<double>() == 150);
}

TEST_CASE("cli shots -o: dissolve, tables and per-frame stats") {
  herlens::test::ScratchDir out;
  const auto stats = out / "stats.csv";
  const auto result = run_cli({"shots", "-q", "-o", (out / "report").string(), "--stats", stats.string(),
                               shots_media("dissolve.mp4").string()});
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.empty());
  const std::string shots = herlens::test::read_text(out / "report/shots.csv");
  CHECK(shots.find("2,40,80,1.600,3.200,1.600,dissolve,end") != std::string::npos);  // mixed frames 30..49
  const std::string transitions = herlens::test::read_text(out / "report/transitions.csv");
  CHECK(transitions.find("dissolve,") != std::string::npos);
  CHECK(std::filesystem::exists(out / "report/cutting_rate.csv"));
  CHECK(std::filesystem::exists(out / "report/boundaries-1.png"));  // the dissolve's strip, from the pass
  CHECK(std::filesystem::exists(out / "report/summary.json"));
  const std::string per_frame = herlens::test::read_text(stats);
  CHECK(per_frame.rfind("frame,time,content,histogram,cut_score,cut_ratio", 0) == 0);
  CHECK(std::count(per_frame.begin(), per_frame.end(), '\n') == 81);  // header + 80 frames
}

TEST_CASE("cli shots: no video stream -> exit 5, unwritable output -> exit 6, bad option -> exit 2") {
  const auto audio = run_cli({"shots", media("audio_only.m4a").string()});
  CHECK(audio.exit_code == 5);
  CHECK(audio.err.find("no video stream") != std::string::npos);
  herlens::test::ScratchDir scratch;
  const auto file = scratch / "a-file";
  { std::ofstream(file) << "x"; }
  const auto unwritable = run_cli({"shots", "-q", "-o", (file / "out").string(), shots_media("cuts.mkv").string()});
  CHECK(unwritable.exit_code == 6);
  CHECK(run_cli({"shots", "--threshold", "0.2", shots_media("cuts.mkv").string()}).exit_code == 2);
}
