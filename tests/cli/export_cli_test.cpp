// herlens report --export and herlens export end to end, on films with cuts at known frames
// (scripts/make-export-test-media) and speech at known times: every export read back agrees with
// the report's own tables, and bad folders, formats and targets fail cleanly.
#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <functional>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "herlens/report/atomic_file.hpp"
#include "herlens/report/timecode.hpp"
#include "support/csv.hpp"
#include "support/exports.hpp"
#include "support/fixtures.hpp"

using herlens::test::media;
using herlens::test::read_text;
using herlens::test::run_cli;
using herlens::test::ScratchDir;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

fs::path export_media(const std::string& name) { return media("exports") / name; }

const std::string schemas = herlens::test::source_file("tests/data/exports").string();

// shots.csv (or speech.csv) of a report folder, header first.
std::vector<std::vector<std::string>> table(const fs::path& dir, const std::string& name) {
  return herlens::test::parse_csv(read_text(dir / (name + ".csv")));
}

// `herlens report --only shots --export edl,otio,fcpxml` into DIR/report.
fs::path shots_report(const ScratchDir& dir, const fs::path& film) {
  const auto result = run_cli({"report", "-q", "--only", "shots", "--export", "edl,otio,fcpxml", film.string(), "-o",
                               (dir / "report").string()});
  REQUIRE_MESSAGE(result.exit_code == 0, result.err);
  return dir / "report";
}

json timeline_of(const fs::path& report) { return json::parse(read_text(report / "summary.json")).at("timeline"); }

// Every EDL event and OTIO clip at the frames `expected` gives each shots.csv row (start, end).
void check_shot_frames(const fs::path& report, int64_t base,
                       const std::function<std::pair<int64_t, int64_t>(const std::vector<std::string>&)>& expected) {
  const auto shots = table(report, "shots");
  const herlens::test::Edl edl = herlens::test::parse_edl(read_text(report / "shots.edl"), base);
  const auto clips = herlens::test::otio_items(json::parse(read_text(report / "shots.otio")));
  REQUIRE(edl.events.size() == shots.size() - 1);
  REQUIRE(clips.size() == shots.size() - 1);
  for (size_t k = 1; k < shots.size(); ++k) {
    CAPTURE(k);
    const auto [start, end] = expected(shots[k]);
    const herlens::test::EdlEvent& event = edl.events[k - 1];
    CHECK(event.source_in == start);
    CHECK(event.source_out == end);
    CHECK(event.record_in == start);
    CHECK(event.record_out == end);
    CHECK(clips[k - 1].track_start == start);
    CHECK(clips[k - 1].source_start == start);
    CHECK(clips[k - 1].duration == end - start);
  }
  const auto lint = herlens::test::xmllint(report / "shots.fcpxml", {"--dtdvalid", schemas + "/fcpxml-subset.dtd"});
  CHECK_MESSAGE(lint.exit_code == 0, lint.err);
}

std::pair<int64_t, int64_t> frame_columns(const std::vector<std::string>& shot) {
  return {std::stoll(shot[1]), std::stoll(shot[2])};
}

}  // namespace

TEST_CASE("cli export: 29.97 in drop-frame, cuts past the first minute, every export on the shots' exact frames") {
  ScratchDir dir;
  const fs::path report = shots_report(dir, export_media("cuts_2997.mp4"));
  CHECK(timeline_of(report).at("frame_rate") == "30000/1001");
  CHECK(table(report, "shots").size() == 4);
  check_shot_frames(report, 30, frame_columns);
  const std::string edl = read_text(report / "shots.edl");
  CHECK(edl.find("FCM: DROP FRAME\n") != std::string::npos);
  CHECK(edl.find("003  AX       V     C        00:01:01;22 00:01:03;22 00:01:01;22 00:01:03;22\n") != std::string::npos);
  CHECK(read_text(report / "shots.fcpxml").find("tcFormat=\"DF\"") != std::string::npos);
  // The report's marker lists the exports, so the next report replaces them with the folder.
  const std::string marker = read_text(report / ".herlens");
  for (const char* file : {"shots.edl\n", "shots.otio\n", "shots.fcpxml\n"}) CHECK(marker.find(file) != std::string::npos);
  // Made again from the folder, without decoding: the same bytes.
  for (const auto& [format, file] : {std::pair{"edl", "shots.edl"}, {"otio", "shots.otio"}, {"fcpxml", "shots.fcpxml"}}) {
    CAPTURE(format);
    const auto again = run_cli({"export", report.string(), "--format", format});
    CHECK(again.exit_code == 0);
    CHECK(again.out == read_text(report / file));
  }
}

TEST_CASE("cli export: a 23.976 film whose stream starts at 10 s starts at 00:00:00:00, frames exact") {
  ScratchDir dir;
  const fs::path report = shots_report(dir, export_media("cuts_23976_offset.mkv"));
  const json timeline = timeline_of(report);
  CHECK(timeline.at("start_offset_seconds") == 10.0);
  CHECK(timeline.at("frame_rate") == "24000/1001");
  CHECK(timeline.at("variable_frame_rate") == false);  // millisecond timestamps, a constant rate
  const auto shots = table(report, "shots");
  REQUIRE(shots.size() == 4);
  CHECK(shots[2][1] == "48");  // the cuts at frames 48 and 120, at 2.002 s and 5.005 s
  CHECK(shots[3][1] == "120");
  check_shot_frames(report, 24, frame_columns);
  const herlens::test::Edl edl = herlens::test::parse_edl(read_text(report / "shots.edl"), 24);
  CHECK(edl.fcm == "NON-DROP FRAME");
  CHECK(edl.events.front().source_in == 0);
  const json otio = json::parse(read_text(report / "shots.otio"));
  CHECK(otio.at("metadata").at("herlens").at("start_offset_seconds") == 10.0);
}

TEST_CASE("cli export: a variable frame rate film is counted by time at its average rate, not by picture index") {
  ScratchDir dir;
  const fs::path report = shots_report(dir, export_media("cuts_vfr.mkv"));
  CHECK(timeline_of(report).at("variable_frame_rate") == true);
  const auto shots = table(report, "shots");
  REQUIRE(shots.size() == 4);
  CHECK(shots[2][1] == "50");  // cuts at pictures 50 and 100, at 2.000 s and 4.000 s
  CHECK(shots[3][3] == "4.000");
  // 150 pictures in 5.02 s: 29.9 a second on average, counted at 29.97, where 4 s is frame 120.
  const herlens::report::FrameRate rate{30000, 1001};
  check_shot_frames(report, 30, [rate](const std::vector<std::string>& shot) {
    return std::pair{herlens::report::frame_at(std::stod(shot[3]), rate), herlens::report::frame_at(std::stod(shot[4]), rate)};
  });
  CHECK(read_text(report / "shots.edl").find("00:00:02;00 00:00:04;00") != std::string::npos);
}

TEST_CASE("cli export: FFmpeg reads the cues at speech.csv's times to the millisecond, the EAF is valid") {
  ScratchDir dir;
  const fs::path report = dir / "report";
  const auto made = run_cli({"report", "-q", "--only", "dialogue", "--export", "srt,vtt,eaf",
                             media("speech_black_start.mp4").string(), "-o", report.string()});
  REQUIRE_MESSAGE(made.exit_code == 0, made.err);
  const auto speech = table(report, "speech");
  REQUIRE(speech.size() == 4);  // three utterances
  for (const char* file : {"speech.srt", "speech.vtt"}) {
    CAPTURE(file);
    const std::vector<herlens::test::Cue> cues = herlens::test::ffmpeg_cues(report / file);
    REQUIRE(cues.size() == speech.size() - 1);
    for (size_t k = 0; k < cues.size(); ++k) {
      CHECK(std::abs(cues[k].start - std::stod(speech[k + 1][1])) <= 0.001);
      CHECK(std::abs(cues[k].start + cues[k].duration - std::stod(speech[k + 1][2])) <= 0.001);
    }
  }
  // The first utterance is heard mostly over the black opening.
  CHECK(speech[1][5] == "over_black");
  CHECK(read_text(report / "speech.srt").find("[voice only, black screen]") != std::string::npos);
  const auto lint = herlens::test::xmllint(report / "annotations.eaf", {"--schema", schemas + "/eaf-subset.xsd"});
  CHECK_MESSAGE(lint.exit_code == 0, lint.err);
  const std::string eaf = read_text(report / "annotations.eaf");
  CHECK(eaf.find("TIER_ID=\"on screen\"") != std::string::npos);
  CHECK(eaf.find(fmt::format("TIME_VALUE=\"{}\"", std::lround(std::stod(speech[1][1]) * 1000))) != std::string::npos);
  CHECK(eaf.find("MEDIA_URL=\"file://" + fs::absolute(media("speech_black_start.mp4")).lexically_normal().string()) !=
        std::string::npos);
  CHECK(eaf.find("RELATIVE_MEDIA_URL=\"") != std::string::npos);
  // herlens export writes a file atomically where -o says.
  const auto again = run_cli({"export", report.string(), "-f", "vtt", "-o", (dir / "cues.vtt").string()});
  CHECK(again.exit_code == 0);
  CHECK(again.out.empty());
  CHECK(read_text(dir / "cues.vtt") == read_text(report / "speech.vtt"));
}

TEST_CASE("cli export: not a report, an unknown format, what the report lacks, an unwritable target: one message, "
          "its exit code, nothing written") {
  ScratchDir dir;
  const fs::path report = dir / "report";
  REQUIRE(run_cli({"report", "-q", "--only", "shots", media("basic.mp4").string(), "-o", report.string()}).exit_code == 0);
  // Its sound was not analysed, but the film has it: the FCPXML asset says so.
  CHECK(timeline_of(report).at("has_audio") == true);
  CHECK(run_cli({"export", report.string(), "-f", "fcpxml"}).out.find("hasAudio=\"1\"") != std::string::npos);
  herlens::report::write_file_atomically(dir / "thesis.txt", "precious");
  const auto fails = [](std::vector<std::string> args, int code, const std::string& message) {
    args.insert(args.begin(), "export");
    const auto result = run_cli(args);
    CAPTURE(args);
    CHECK(result.exit_code == code);
    CHECK(result.out.empty());
    CHECK_MESSAGE(result.err.find(message) != std::string::npos, result.err);
    CHECK(result.err.rfind("herlens: ", 0) == 0);
    CHECK(result.err.find("herlens: ", 1) == std::string::npos);  // one message
  };
  fails({(dir / "nowhere").string(), "--format", "edl"}, 3, "no such folder");
  fails({(dir / "thesis.txt").string(), "--format", "edl"}, 3, "not a folder");
  fails({dir.path().string(), "--format", "edl"}, 3, "not a herlens report (no readable summary.json)");
  fails({report.string(), "--format", "premiere"}, 2, "unknown export format 'premiere' (choose from edl, otio");
  fails({report.string(), "--format", "edl,srt"}, 2, "one format at a time");
  fails({report.string()}, 2, "--format is required");
  fails({report.string(), "--format", "srt"}, 5,
        "no srt export from this report: it has no speech (the dialogue analysis was not asked for)");
  fails({report.string(), "--format", "edl", "-o", "/proc/herlens-no/shots.edl"}, 6, "cannot write");
  fs::create_directory(dir / "edl");
  fails({report.string(), "--format", "edl", "-o", (dir / "edl").string()}, 6, "Is a directory");
  // Nothing half-written: no file nor temporary file left anywhere.
  CHECK(fs::is_empty(dir / "edl"));
  size_t entries = 0;
  for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir.path())) ++entries;
  CHECK(entries == 3);  // report, thesis.txt, edl
  CHECK_FALSE(fs::exists(report / "shots.edl"));
  // A report folder with a table gone is damaged: said so, by name.
  fs::remove(report / "shots.csv");
  fails({report.string(), "--format", "edl"}, 3, "shots.csv: cannot read it: the report is not complete");
}

TEST_CASE("cli report --export: a format --only leaves out is refused before decoding, one the film cannot give is "
          "skipped with a warning") {
  ScratchDir dir;
  const auto refused = run_cli({"report", "--only", "shots", "--export", "edl,srt", media("basic.mp4").string(), "-o",
                                (dir / "a").string()});
  CHECK(refused.exit_code == 2);
  CHECK(refused.err == "herlens: --export srt shows the dialogue analysis, which --only leaves out\n");
  CHECK_FALSE(fs::exists(dir / "a"));
  CHECK(run_cli({"report", "--export", "mp4", media("basic.mp4").string(), "-o", (dir / "b").string()}).exit_code == 2);
  CHECK_FALSE(fs::exists(dir / "b"));

  const auto silent = run_cli({"report", "--only", "shots,dialogue", "--export", "edl,srt",
                               media("video_only.mp4").string(), "-o", (dir / "c").string()});
  CHECK(silent.exit_code == 0);
  CHECK(silent.err.find("herlens: warning: srt export skipped: it has no speech (the dialogue analysis was skipped: "
                        "no audio stream)\n") != std::string::npos);
  CHECK(fs::exists(dir / "c" / "shots.edl"));
  CHECK_FALSE(fs::exists(dir / "c" / "speech.srt"));
}
