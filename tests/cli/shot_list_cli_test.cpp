// --shots FILE end to end: a corrected shot list, in herlens' own format or PySceneDetect's, drives
// the statistics and every table per shot; bad lists are refused before any decoding.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "herlens/models/model_files.hpp"
#include "herlens/report/atomic_file.hpp"
#include "support/csv.hpp"
#include "support/fixtures.hpp"

using herlens::test::media;
using herlens::test::read_text;
using herlens::test::run_cli;
using herlens::test::ScratchDir;
using nlohmann::json;

namespace {

// Three 50-frame shots at 25 fps, cuts at frames 50 and 100 (scripts/make-shots-test-media).
std::string cuts_film() { return (media("shots") / "cuts.mkv").string(); }

std::string csv_text(const std::vector<std::vector<std::string>>& rows) {
  std::string text;
  for (const auto& row : rows) {
    for (size_t k = 0; k < row.size(); ++k) text += (k ? "," : "") + row[k];
    text += "\r\n";
  }
  return text;
}

// (start_time, end_time) of every distinct shot of a per-shot table with those columns.
std::set<std::pair<std::string, std::string>> shot_times(const std::filesystem::path& table) {
  const auto rows = herlens::test::parse_csv(read_text(table));
  std::set<std::pair<std::string, std::string>> times;
  for (size_t k = 1; k < rows.size(); ++k) times.emplace(rows[k].at(1), rows[k].at(2));
  return times;
}

// A shots table without its last column, the confidence: a listed boundary's is 1, a detected
// one's what the frames showed.
std::string without_confidence(const std::string& csv) {
  auto rows = herlens::test::parse_csv(csv);
  for (auto& row : rows) {
    REQUIRE(row.back() == (&row == &rows.front() ? "confidence" : row.back()));
    row.pop_back();
  }
  return csv_text(rows);
}

}  // namespace

TEST_CASE("cli --shots: a corrected shots.csv drives the statistics, per-shot palettes and scales") {
  ScratchDir dir;
  const auto detected = run_cli({"shots", "-q", cuts_film()});
  REQUIRE(detected.exit_code == 0);
  auto rows = herlens::test::parse_csv(detected.out);
  REQUIRE(rows.size() == 4);
  // The scholar's corrections: no cut at frame 50 (shot 1 runs on to frame 100), a cut at frame 120.
  rows[1][2] = rows[2][2];
  rows.erase(rows.begin() + 2);
  rows.push_back(rows[2]);
  rows[2][2] = rows[3][1] = "120";
  const auto list = dir / "corrected.csv";
  herlens::report::write_file_atomically(list, csv_text(rows));

  const auto out = dir / "report";
  const auto result = run_cli({"report", "-q", "--shots", list.string(), cuts_film(), "-o", out.string()});
  REQUIRE(result.exit_code == 0);
  CHECK(read_text(out / "shots.csv") ==
        "shot,start_frame,end_frame,start_time,end_time,duration,transition,transition_out,content,confidence\r\n"
        "1,0,100,0.000,4.000,4.000,start,cut,picture,\r\n"
        "2,100,120,4.000,4.800,0.800,cut,cut,picture,1.000\r\n"
        "3,120,150,4.800,6.000,1.200,cut,end,picture,1.000\r\n");
  const json summary = json::parse(read_text(out / "summary.json"));
  const json& shots = summary.at("shots");
  CHECK(shots.at("shot_count").get<int>() == 3);
  CHECK(shots.at("asl_seconds").get<double>() == doctest::Approx(2));
  CHECK(shots.at("msl_seconds").get<double>() == doctest::Approx(1.2));
  CHECK(shots.at("longest_shot_seconds").get<double>() == doctest::Approx(4));
  const std::set<std::pair<std::string, std::string>> listed{
      {"0.000", "4.000"}, {"4.000", "4.800"}, {"4.800", "6.000"}};
  CHECK(shot_times(out / "shot_palettes.csv") == listed);
  CHECK(shot_times(out / "shot_colours.csv") == listed);
  CHECK(shot_times(out / "framing.csv") == listed);
  CHECK(summary.at("framing").at("shot_count").get<int>() == 3);

  // The provenance names the list and its content; the detector's parameters played no part.
  const json& provenance = summary.at("provenance");
  CHECK(provenance.at("shot_list").at("path") == list.string());
  CHECK(provenance.at("shot_list").at("sha256") == herlens::models::sha256_of(read_text(list)));
  CHECK_FALSE(provenance.at("options").contains("shot_detector"));
  CHECK(read_text(out / "report.html").find("as listed in " + list.string()) != std::string::npos);

  const auto check = run_cli({"check", "-q", "--shots", list.string(), cuts_film(), "--claim", "shot_count == 3",
                              "--claim", "longest_shot_seconds == 4 +- 0.001"});
  CHECK(check.exit_code == 0);
}

TEST_CASE("cli --shots: herlens' own shots.csv fed back gives the same shots and statistics") {
  for (const char* film : {"cuts.mkv", "dissolve.mp4"}) {
    CAPTURE(film);
    ScratchDir dir;
    const std::string path = (media("shots") / film).string();
    REQUIRE(run_cli({"shots", "-q", "-o", (dir / "detected").string(), path}).exit_code == 0);
    const auto list = dir / "detected" / "shots.csv";
    REQUIRE(run_cli({"shots", "-q", "-o", (dir / "listed").string(), "--shots", list.string(), path}).exit_code == 0);
    CHECK(without_confidence(read_text(dir / "listed" / "shots.csv")) == without_confidence(read_text(list)));
    const json detected = json::parse(read_text(dir / "detected" / "summary.json"));
    const json listed = json::parse(read_text(dir / "listed" / "summary.json"));
    CHECK(listed.at("shots") == detected.at("shots"));
    CHECK(listed.at("metrics") == detected.at("metrics"));
    CHECK(detected.at("provenance").at("shot_list").is_null());
  }
}

TEST_CASE("cli --shots: the sample film's report, given its own shots.csv, measures everything the same") {
  // A real film with cuts, a dissolve, a fade out to black and a fade in, faces and speech.
  ScratchDir dir;
  const auto& detected = herlens::test::sample_report();
  const auto listed = dir / "listed";
  REQUIRE(run_cli({"report", "-q", "--shots", (detected / "shots.csv").string(),
                   herlens::test::source_file("samples/her-sample.mp4").string(), "-o", listed.string()})
              .exit_code == 0);
  for (const char* table : {"shots.csv", "cutting_rate.csv", "shot_palettes.csv", "shot_colours.csv",
                            "family_evidence.csv", "framing.csv", "speech.csv"}) {
    CAPTURE(table);
    if (std::string_view(table) == "shots.csv")
      CHECK(without_confidence(read_text(listed / table)) == without_confidence(read_text(detected / table)));
    else
      CHECK(read_text(listed / table) == read_text(detected / table));
  }
  const json before = json::parse(read_text(detected / "summary.json"));
  const json after = json::parse(read_text(listed / "summary.json"));
  for (const char* section : {"shots", "palette", "framing", "dialogue", "metrics"}) {
    CAPTURE(section);
    CHECK(after.at(section) == before.at(section));
  }
}

TEST_CASE("cli --shots: PySceneDetect's list-scenes CSV, frames numbered from 1") {
  ScratchDir dir;
  const auto list = dir / "cuts-Scenes.csv";
  herlens::report::write_file_atomically(
      list,
      "Timecode List:,00:00:01.600,00:00:04.000\n"
      "Scene Number,Start Frame,Start Timecode,Start Time (seconds),End Frame,End Timecode,End Time (seconds),"
      "Length (frames),Length (timecode),Length (seconds)\n"
      "1,1,00:00:00.000,0.000,40,00:00:01.600,1.600,40,00:00:01.600,1.600\n"
      "2,41,00:00:01.600,1.600,100,00:00:04.000,4.000,60,00:00:02.400,2.400\n"
      "3,101,00:00:04.000,4.000,150,00:00:06.000,6.000,50,00:00:02.000,2.000\n");
  const auto result = run_cli({"shots", "-q", "--shots", list.string(), cuts_film()});
  REQUIRE(result.exit_code == 0);
  CHECK(result.out ==
        "shot,start_frame,end_frame,start_time,end_time,duration,transition,transition_out,content,confidence\r\n"
        "1,0,40,0.000,1.600,1.600,start,cut,picture,\r\n"
        "2,40,100,1.600,4.000,2.400,cut,cut,picture,1.000\r\n"
        "3,100,150,4.000,6.000,2.000,cut,end,picture,1.000\r\n");
}

TEST_CASE("cli --shots: a missing list -> exit 3, a bad one -> exit 2 with one message, before any decoding") {
  ScratchDir dir;
  const std::string header = "shot,start_frame,end_frame\n";
  const auto refused = [&](const std::string& text, const std::string& message) {
    const auto list = dir / "list.csv";
    herlens::report::write_file_atomically(list, text);
    const auto out = dir / "out";
    const auto result = run_cli({"shots", "-q", "--shots", list.string(), "-o", out.string(), cuts_film()});
    CHECK(result.exit_code == 2);
    CHECK(result.err == "herlens: " + list.string() + message + "\n");
    CHECK_FALSE(std::filesystem::exists(out / "summary.json"));
  };
  refused("frame,time\n0,0\n",
          ": not a shot list: no header with start_frame and end_frame (herlens shots.csv) or Start Frame and End "
          "Frame (PySceneDetect list-scenes)");
  refused(header + "1,0,50\n2,x,100\n", " line 3: start_frame 'x' is not a frame number");
  refused(header + "1,-1,50\n", " line 2: start_frame -1 is negative");
  refused(header + "1,0,60\n2,50,100\n", " line 3: the shot overlaps the one on line 2");
  // Only the pass knows the film's length: said after it, naming the row.
  refused(header + "1,0,100\n2,100,200\n",
          " line 3: the shot ends at frame 200, beyond the film's 150 frames (a list made from another file, or "
          "with another --start?)");

  const auto missing = run_cli({"palette", "-q", "--shots", (dir / "nowhere.csv").string(), cuts_film()});
  CHECK(missing.exit_code == 3);
  CHECK(missing.err == "herlens: " + (dir / "nowhere.csv").string() + ": no such file\n");
  // Options that mean nothing with a list are usage errors.
  const auto stats = run_cli({"shots", "-q", "--shots", (dir / "list.csv").string(), "--stats",
                              (dir / "stats.csv").string(), cuts_film()});
  CHECK(stats.exit_code == 2);
  CHECK(stats.err.find("--shots excludes --stats") != std::string::npos);
  CHECK(run_cli({"check", "--from", dir.path().string(), "--shots", (dir / "list.csv").string(), "--claim",
                 "shot_count > 1"})
            .exit_code == 2);
}
