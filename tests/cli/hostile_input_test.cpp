// Crafted inputs (scripts/make-hostile-media): each gets a clean, documented exit code and at most
// one clear line on stderr, never a crash or a hang.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"

using herlens::test::media;
using herlens::test::ScratchDir;

namespace {

std::string hostile(const std::string& name) { return media("hostile/" + name).string(); }

// Every command on these small inputs finishes well within this (seconds); a hang fails the test.
constexpr unsigned time_limit = 60;

herlens::test::CliResult run_cli(const std::vector<std::string>& args) {
  return herlens::test::run_cli(args, time_limit);
}

// One line, naming herlens, no stack trace, nothing on stdout.
void check_one_clear_line(const herlens::test::CliResult& result, const std::string& must_contain) {
  CAPTURE(result.err);
  CHECK(result.err.rfind("herlens: ", 0) == 0);
  CHECK(result.err.find('\n') == result.err.size() - 1);
  CHECK(result.err.find(must_contain) != std::string::npos);
  CHECK(result.out.empty());
}

// What a report folder holds, but for herlens' marker: the files the last line of stderr counts.
size_t files_in(const std::filesystem::path& folder) {
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) files += entry.path().filename() != ".herlens";
  return files;
}

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

TEST_CASE("hostile input: a FIFO is refused before anything waits on it -> exit 3") {
  ScratchDir dir;
  const std::string fifo = (dir / "film.mp4").string();
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  for (const char* command : {"probe", "shots", "dialogue", "report"}) {
    CAPTURE(command);
    std::vector<std::string> args{command, fifo};
    if (std::string(command) == "report") args.insert(args.end(), {"-o", (dir / "out").string()});
    const auto result = run_cli(args);
    CHECK(result.exit_code == 3);
    check_one_clear_line(result, "film.mp4: is a FIFO (named pipe); herlens reads regular files only");
  }
  const auto device = run_cli({"probe", "/dev/zero"});
  CHECK(device.exit_code == 3);
  check_one_clear_line(device, "/dev/zero: is a character device; herlens reads regular files only");
}

TEST_CASE("hostile input: a loop of symbolic links is named for what it is -> exit 3") {
  ScratchDir dir;
  std::filesystem::create_symlink(dir / "b.mkv", dir / "a.mkv");
  std::filesystem::create_symlink(dir / "a.mkv", dir / "b.mkv");
  const auto result = run_cli({"shots", (dir / "a.mkv").string()});
  CHECK(result.exit_code == 3);
  check_one_clear_line(result, "a.mkv: cannot read: Too many levels of symbolic links");
}

TEST_CASE("hostile input: a stream that cannot be decoded is named, the others are analysed") {
  const std::string film = hostile("damaged_vorbis.mkv");
  const auto dialogue = run_cli({"dialogue", film});
  CHECK(dialogue.exit_code == 8);
  check_one_clear_line(dialogue, "damaged_vorbis.mkv: audio stream #1 (vorbis) cannot be decoded: its decoder refuses "
                                 "its headers: Invalid data found when processing input (dialogue needs it)");
  const auto shots = run_cli({"shots", film});
  CHECK(shots.exit_code == 0);
  CHECK(shots.err.empty());
  ScratchDir out;
  const auto report = run_cli({"report", film, "-o", (out / "report").string()});
  CHECK(report.exit_code == 0);
  CHECK(report.err == "herlens: warning: dialogue skipped: " + film +
                          " has audio stream #1 (vorbis) that cannot be decoded: its decoder refuses its headers: "
                          "Invalid data found when processing input\n"
                          "herlens: wrote " + std::to_string(files_in(out / "report")) + " files into " +
                          (out / "report").string() + "/; open " + (out / "report").string() + "/report.html\n");
  CHECK(std::filesystem::exists(out / "report" / "summary.json"));
}

TEST_CASE("hostile input: a file cut short is analysed as far as it goes, and said to have ended early") {
  for (const char* container : {".mkv", "_moov_first.mp4", ".ts", ".avi", ".wav"}) {
    CAPTURE(std::string(container));
    const std::string cut = hostile(std::string("cut") + container), whole = hostile(std::string("whole") + container);
    const auto probed_cut = run_cli({"probe", "--decode", "--json", cut});
    REQUIRE(probed_cut.exit_code == 0);
    CHECK(nlohmann::json::parse(probed_cut.out).at("decoded").at("ended_early") == true);
    const auto probed_whole = run_cli({"probe", "--decode", "--json", whole});
    REQUIRE(probed_whole.exit_code == 0);
    CHECK(nlohmann::json::parse(probed_whole.out).at("decoded").at("ended_early") == false);
    // The warning of an analysis (a WAV has no picture: its speech is analysed).
    const char* command = std::string(container) == ".wav" ? "dialogue" : "shots";
    const auto analysed = run_cli({command, cut});
    CHECK(analysed.exit_code == 0);
    CHECK(analysed.err.find("herlens: warning: " + cut + " ended early (truncated or unreadable)") != std::string::npos);
    CHECK(run_cli({command, whole}).err.empty());
  }
  // An MP4 whose index came last lost it: nothing to analyse, said in one line.
  const auto index_lost = run_cli({"probe", "--decode", hostile("cut_moov_last.mp4")});
  CHECK(index_lost.exit_code == 4);
  check_one_clear_line(index_lost, "cut_moov_last.mp4: not a media file herlens can read, or its headers are damaged");
  CHECK(run_cli({"probe", "--decode", hostile("whole_moov_last.mp4")}).exit_code == 0);
}

TEST_CASE("hostile input: a --start beyond any timestamp leaves nothing to analyse -> exit 8") {
  // 1e300 s is no integer number of samples or microseconds: compared before any conversion.
  const auto sound = run_cli({"dialogue", "--start", "1e300", media("tone.wav").string()});
  CHECK(sound.exit_code == 8);
  check_one_clear_line(sound, "tone.wav: no audio at or after --start");
  for (const char* command : {"shots", "dialogue"}) {
    CAPTURE(std::string(command));
    const auto film = run_cli({command, "--start", "1e300", media("basic.mp4").string()});
    CHECK(film.exit_code == 8);
    check_one_clear_line(film, "basic.mp4: no picture at or after --start");
  }
}

TEST_CASE("hostile input: pictures beyond the size limits are refused before any is decoded -> exit 4") {
  const std::pair<const char*, const char*> claims[] = {{"claims_20000x20000.y4m", "20000x20000"},
                                                        {"claims_16000x8000.y4m", "16000x8000"},
                                                        {"claims_16000x8000_ffv1.mkv", "16000x8000"}};
  for (const auto& [file, size] : claims) {
    CAPTURE(std::string(file));
    for (const char* command : {"probe", "shots"}) {
      const auto result = run_cli({command, hostile(file)});
      CHECK(result.exit_code == 4);
      check_one_clear_line(result, std::string(file) + ": claims a " + size +
                                       " picture, beyond herlens's limit of 16384 pixels a side and 35389440 "
                                       "pixels a picture");
    }
  }
}

TEST_CASE("hostile input: an MP3 without a header stating its length is read to its end") {
  const auto probed = run_cli({"probe", "--decode", "--json", hostile("vbr_without_xing.mp3")});
  REQUIRE(probed.exit_code == 0);
  const auto decoded = nlohmann::json::parse(probed.out).at("decoded");
  CHECK(decoded.at("audio_seconds").get<double>() == doctest::Approx(6.0).epsilon(0.02));
  CHECK(decoded.at("ended_early") == false);
}

TEST_CASE("hostile input: timestamps claiming more than 24 hours are ignored, with a warning") {
  // 25 frames whose timestamps run to 760 years: timed by their count, 1 s, in one shot.
  const auto shots = run_cli({"shots", "--json", hostile("huge_timestamps.mkv")});
  CHECK(shots.exit_code == 0);
  check_one_clear_line({0, "", shots.err}, "timestamps claim more than 24 hours");
  const nlohmann::json film = nlohmann::json::parse(shots.out);
  CHECK(film.at("decode").at("timestamps_ignored") == true);
  CHECK(film.at("runtime").at("seconds").get<double>() == doctest::Approx(1.0));
  CHECK(film.at("shots").at("cutting_rate").size() == 1);
  // Sound whose timestamps start a billion seconds after the picture runs from the film's start.
  ScratchDir dir;
  const auto report =
      run_cli({"report", "-q", "--json", hostile("sound_a_billion_seconds_late.mkv"), "-o", (dir / "r").string()});
  CHECK(report.exit_code == 0);
  const nlohmann::json summary = nlohmann::json::parse(report.out);
  CHECK(summary.at("decode").at("timestamps_ignored") == true);
  CHECK(summary.at("decode").at("audio_seconds").get<double>() == doctest::Approx(1.0).epsilon(0.05));
  CHECK(summary.at("runtime").at("seconds").get<double>() == doctest::Approx(1.0));
  CHECK(summary.at("dialogue").at("dialogue_rate").size() == 1);
  // A healthy film is timed by its timestamps.
  const auto healthy = run_cli({"probe", "--decode", "--json", media("basic.mp4").string()});
  CHECK(nlohmann::json::parse(healthy.out).at("decoded").at("timestamps_ignored") == false);
}
