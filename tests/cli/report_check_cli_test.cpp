// herlens report writes a complete folder in one pass; herlens check turns metrics into exit codes.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include <fmt/format.h>

#include "herlens/report/atomic_file.hpp"
#include "herlens/report/output_folder.hpp"
#include <nlohmann/json.hpp>
#include "support/fixtures.hpp"

using herlens::test::media;
using herlens::test::read_text;
using herlens::test::run_cli;
using herlens::test::ScratchDir;
using herlens::test::source_file;
using nlohmann::json;

TEST_CASE("cli report: a folder with tables, summary metrics and a self-contained page, reruns replace it") {
  ScratchDir dir;
  const auto out = dir / "report";
  const auto first = run_cli({"report", "-q", "--only", "shots", media("basic.mp4").string(), "-o", out.string()});
  REQUIRE(first.exit_code == 0);
  CHECK(std::filesystem::exists(out / "shots.csv"));
  const json summary = json::parse(read_text(out / "summary.json"));
  CHECK(summary.at("metrics").at("shot_count").at("value").get<double>() >= 1);
  CHECK(summary.at("metrics").at("runtime_minutes").at("value").get<double>() == doctest::Approx(0.05));
  CHECK(summary.at("metrics").at("asl_seconds").at("unit").get<std::string>() == "seconds");
  const std::string html = read_text(out / "report.html");
  CHECK(html.find("<html") != std::string::npos);
  CHECK(html.find("src=\"http") == std::string::npos);

  // A rerun with fewer analyses replaces the folder whole: no table of the first run is left.
  REQUIRE(run_cli({"report", "-q", "--only", "shots,palette", media("basic.mp4").string(), "-o", out.string()}).exit_code == 0);
  CHECK(std::filesystem::exists(out / "palette.csv"));
  REQUIRE(run_cli({"report", "-q", "--only", "shots", media("basic.mp4").string(), "-o", out.string()}).exit_code == 0);
  CHECK_FALSE(std::filesystem::exists(out / "palette.csv"));
  CHECK(std::filesystem::exists(out / "summary.json"));
  CHECK(std::filesystem::exists(out / ".herlens"));
  for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
    CHECK(entry.path().filename() == "report");  // no staging folder left behind
}

TEST_CASE("cli report: refuses a folder that is not its own, before decoding, touching nothing") {
  ScratchDir dir;
  // Holding a summary.json does not make a folder herlens's: only its marker does.
  herlens::report::write_file_atomically(dir / "summary.json", "{}");
  herlens::report::write_file_atomically(dir / "thesis.txt", "precious");
  const auto result = run_cli({"report", "-q", media("basic.mp4").string(), "-o", dir.path().string()});
  CHECK(result.exit_code == 6);
  CHECK(result.err.find("herlens did not write") != std::string::npos);
  CHECK(read_text(dir / "thesis.txt") == "precious");
  CHECK(read_text(dir / "summary.json") == "{}");
  // The output is checked first: an unwritable -o fails with 6 even for an input that is not there.
  for (const char* command : {"report", "shots", "palette", "framing", "dialogue"}) {
    CAPTURE(command);
    CHECK(run_cli({command, "-q", media("missing.mp4").string(), "-o", dir.path().string()}).exit_code == 6);
    CHECK(run_cli({command, "-q", media("missing.mp4").string(), "-o", "/proc/herlens-no"}).exit_code == 6);
  }
  CHECK(run_cli({"shots", "-q", media("missing.mp4").string(), "--stats", "/proc/herlens-no/stats.csv"}).exit_code == 6);
  CHECK(run_cli({"dialogue", "-q", media("missing.mp4").string(), "--export-wav", "/proc/herlens-no/a.wav"}).exit_code == 6);
}

TEST_CASE("cli report: killed with SIGKILL mid-run, the previous report is intact, the next run cleans up") {
  ScratchDir dir;
  const auto out = dir / "report";
  const std::string film = source_file("samples/her-sample.mp4").string();
  REQUIRE(run_cli({"report", "-q", "--only", "shots", film, "-o", out.string()}).exit_code == 0);
  const std::string before = read_text(out / "summary.json");
  const pid_t pid = herlens::test::start_cli({"report", "-q", film, "-o", out.string()}, dir / "stdout", dir / "stderr");
  // Killed once its staging folder exists, that is while it analyses.
  const auto staging = [&dir] {
    for (const auto& entry : std::filesystem::directory_iterator(dir.path()))
      if (entry.path().filename().string().rfind(".report.herlens-new-", 0) == 0) return true;
    return false;
  };
  while (!staging()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFSIGNALED(status));
  CHECK(read_text(out / "summary.json") == before);
  CHECK(staging());  // left behind by the killed run
  REQUIRE(run_cli({"report", "-q", "--only", "shots", film, "-o", out.string()}).exit_code == 0);
  CHECK_FALSE(staging());
}

TEST_CASE("cli report: a silent film and an audio file get what their streams allow, one warning per analysis left out") {
  ScratchDir dir;
  const auto silent = run_cli({"report", media("video_only.mp4").string(), "-o", (dir / "silent").string()});
  CHECK(silent.exit_code == 0);
  CHECK(silent.err.starts_with("herlens: warning: dialogue skipped: " + media("video_only.mp4").string() +
                                " has no audio stream\nherlens: wrote "));
  for (const char* file : {"shots.csv", "palette.csv", "framing.csv", "report.html", "summary.json"})
    CHECK(std::filesystem::exists(dir / "silent" / file));
  CHECK_FALSE(std::filesystem::exists(dir / "silent" / "speech.csv"));
  const json summary = json::parse(read_text(dir / "silent" / "summary.json"));
  CHECK(summary.at("skipped").at(0).at("analysis") == "dialogue");
  CHECK(summary.at("metrics").contains("shot_count"));
  CHECK_FALSE(summary.at("metrics").contains("dialogue_minutes"));

  const auto audio = run_cli({"report", "-q", media("tone.wav").string(), "-o", (dir / "audio").string()});
  CHECK(audio.exit_code == 0);
  CHECK(audio.err.empty());  // -q silences the warnings
  CHECK(std::filesystem::exists(dir / "audio" / "speech.csv"));
  CHECK_FALSE(std::filesystem::exists(dir / "audio" / "shots.csv"));
  CHECK(json::parse(read_text(dir / "audio" / "summary.json")).at("skipped").size() == 3);
  // Nothing left to run is an error.
  CHECK(run_cli({"report", "-q", "--only", "shots", media("tone.wav").string(), "-o", (dir / "none").string()})
            .exit_code == 5);
}

TEST_CASE("cli report: bad --only, missing input") {
  ScratchDir dir;
  const auto colour = run_cli({"report", media("basic.mp4").string(), "-o", (dir / "r").string(), "--only", "palete"});
  CHECK(colour.exit_code == 2);
  CHECK(colour.err.find("unknown analysis 'palete' (choose from shots, palette, framing, dialogue) (did you mean "
                        "'palette'?)") != std::string::npos);
  CHECK(run_cli({"report", media("missing.mp4").string(), "-o", (dir / "r").string()}).exit_code == 3);
  CHECK_FALSE(std::filesystem::exists(dir / "r"));
}

TEST_CASE("cli report: without -o, FILE.herlens beside the film, and a last line saying where") {
  ScratchDir dir;
  const auto film = dir / "film.mp4";
  std::filesystem::copy_file(media("basic.mp4"), film);
  const auto run = run_cli({"report", film.string(), "--only", "shots"});
  REQUIRE(run.exit_code == 0);
  const auto folder = dir / "film.mp4.herlens";
  CHECK(std::filesystem::exists(folder / "report.html"));
  CHECK(std::filesystem::exists(folder / "shots.csv"));
  CHECK(run.out.empty());
  // The last line names the folder and the page; the count is of the files written.
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) files += entry.path().filename() != ".herlens";
  CHECK(run.err == fmt::format("herlens: wrote {} files into {}/; open {}/report.html\n", files, folder.string(),
                               folder.string()));
  // Run again: the folder is its own report, replaced.
  CHECK(run_cli({"report", "-q", film.string(), "--only", "shots"}).exit_code == 0);
  // --quiet: no last line either.
  CHECK(run_cli({"report", "-q", film.string(), "--only", "shots"}).err.empty());
  // Where the film's folder cannot be written, the current folder: the rule, on a folder that is
  // not there (the tests run as root, for whom permission bits do not stop writing).
  CHECK(herlens::report::default_report_folder("/nowhere/at/all/film.mkv", dir.path()) == dir / "film.mkv.herlens");
  CHECK(herlens::report::default_report_folder(film, "/elsewhere") == dir / "film.mp4.herlens");
  CHECK(herlens::report::default_report_folder("film.mkv", "/elsewhere") == "film.mkv.herlens");
}

TEST_CASE("cli: did you mean, for subcommands, options and metrics") {
  const auto command = run_cli({"shot", media("basic.mp4").string()});
  CHECK(command.exit_code == 2);
  CHECK(command.err.find("herlens: 'shot': did you mean 'shots'?") != std::string::npos);
  CHECK(command.err.find("Run 'herlens --help' for usage.") != std::string::npos);
  const auto option = run_cli({"shots", media("basic.mp4").string(), "--analysis-widht", "320"});
  CHECK(option.exit_code == 2);
  CHECK(option.err.find("herlens: '--analysis-widht': did you mean '--analysis-width'?") != std::string::npos);
  CHECK(option.err.find("Run 'herlens shots --help' for usage.") != std::string::npos);
  const auto nested = run_cli({"corpus", "merge", "x", "--jbos", "2"});
  CHECK(nested.exit_code == 2);
  CHECK(nested.err.find("Run 'herlens corpus merge --help' for usage.") != std::string::npos);
  const auto metric = run_cli({"check", media("basic.mp4").string(), "--claim", "face_shot_time_ration > 0.5"});
  CHECK(metric.exit_code == 2);
  CHECK(metric.err.find("did you mean 'face_shot_time_ratio'?") != std::string::npos);
  const auto format = run_cli({"report", media("basic.mp4").string(), "--export", "ebl"});
  CHECK(format.exit_code == 2);
  CHECK(format.err.find("did you mean 'edl'?") != std::string::npos);
  // Nothing near: no suggestion.
  const auto far = run_cli({"zebra"});
  CHECK(far.exit_code == 2);
  CHECK(far.err.find("did you mean") == std::string::npos);
}

TEST_CASE("cli: --start and --end take 10s, 1:30 and 01:02:03.5") {
  const std::string film = media("basic.mp4").string();  // 3 s
  for (const auto& [start, end] : std::vector<std::pair<std::string, std::string>>{
           {"1", "2"}, {"1s", "2s"}, {"0:01", "0:02"}, {"00:00:01.0", "00:00:02"}, {"1000ms", ""}}) {
    CAPTURE(start);
    const auto run = run_cli({"shots", "--json", film, "--start", start, "--end", end.empty() ? "2" : end});
    if (start == "1000ms") {
      CHECK(run.exit_code == 2);
      CHECK(run.err.find("'1000ms' is not a time") != std::string::npos);
      continue;
    }
    REQUIRE(run.exit_code == 0);
    const json summary = json::parse(run.out);
    CHECK(summary.at("provenance").at("options").dump().find("\"start\":1.0") != std::string::npos);
    CHECK(summary.at("shots").at("duration_seconds").get<double>() == doctest::Approx(1.0).epsilon(0.05));
  }
}

TEST_CASE("cli: exit codes listed once, by herlens --help, and each subcommand's help ends with examples") {
  const auto top = run_cli({"--help"});
  CHECK(top.exit_code == 0);
  CHECK(top.out.find("Exit codes:\n  0  success") != std::string::npos);
  for (const std::vector<std::string>& command :
       std::vector<std::vector<std::string>>{{"probe"}, {"shots"}, {"palette"}, {"framing"}, {"dialogue"}, {"report"},
                                             {"export"}, {"check"}, {"corpus", "run"}, {"corpus", "merge"}, {"corpus", "slurm"}}) {
    std::vector<std::string> args = command;
    args.push_back("--help");
    const auto help = run_cli(args);
    CAPTURE(args[0]);
    CHECK(help.exit_code == 0);
    CHECK(help.out.find("0  success") == std::string::npos);
    const size_t examples = help.out.find("Examples:\n");
    REQUIRE(examples != std::string::npos);
    size_t lines = 0;
    for (size_t at = help.out.find("\n  herlens ", examples); at != std::string::npos; at = help.out.find("\n  herlens ", at + 1))
      ++lines;
    CHECK(lines >= 2);
    CHECK(lines <= 3);
    CHECK(help.out.find("Exit codes: herlens --help.") != std::string::npos);
  }
}

TEST_CASE("cli check: percentages, and/or, two metrics, and metrics every summary has") {
  ScratchDir dir;
  herlens::report::write_file_atomically(
      dir / "summary.json",
      R"({"metrics": {"blue_share": {"value": 0.092}, "warm_share": {"value": 0.68}, "cool_share": {"value": 0.09},
          "face_shot_time_ratio": {"value": 0.27}, "asl_seconds": {"value": 6.7}}})");
  const auto check = [&dir](const std::string& claim) {
    return run_cli({"check", "--from", dir.path().string(), "--claim", claim}).exit_code;
  };
  CHECK(check("blue_share < 10%") == 0);
  CHECK(check("blue_share < 5%") == 1);
  CHECK(check("warm_share > cool_share") == 0);
  CHECK(check("warm_share > cool_share and asl_seconds > 7") == 1);
  CHECK(check("asl_seconds > 7 or blue_share < 10%") == 0);
  CHECK(check("face_shot_time_ratio > 25%") == 0);
  CHECK(check("asl_seconds > 5%") == 2);  // a percentage of seconds
  const auto verdicts = json::parse(
      run_cli({"check", "--from", dir.path().string(), "--json", "--claim", "warm_share > cool_share"}).out);
  CHECK(verdicts.at("claims").at(0).at("values").at("cool_share").get<double>() == doctest::Approx(0.09));
}

TEST_CASE("cli check: exit 0 when every claim holds, 1 when one fails, 2 on any error") {
  const std::string film = media("basic.mp4").string();
  const auto holds = run_cli({"check", "-q", film, "--claim", "runtime_minutes == 0.05 +- 0.001",
                              "--claim", "shot_count >= 1"});
  CHECK(holds.exit_code == 0);
  CHECK(holds.out.find("2 of 2 claims hold") != std::string::npos);
  const auto fails = run_cli({"check", "-q", film, "--claim", "runtime_minutes > 125"});
  CHECK(fails.exit_code == 1);
  CHECK(fails.out.find("FAILS") != std::string::npos);
  CHECK(run_cli({"check", film, "--claim", "runtime_minutes >"}).exit_code == 2);
  const auto unknown = run_cli({"check", film, "--claim", "bleu_share < 0.05"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err.find("bleu_share") != std::string::npos);
  CHECK(run_cli({"check", media("missing.mp4").string(), "--claim", "shot_count > 1"}).exit_code == 2);
  CHECK(run_cli({"check", media("not_media.txt").string(), "--claim", "shot_count > 1"}).exit_code == 2);
  CHECK(run_cli({"check", film}).exit_code == 2);  // no claim
}

TEST_CASE("cli check --from: claims against a saved summary, without decoding anything") {
  ScratchDir dir;
  herlens::report::write_file_atomically(
      dir / "summary.json",
      R"({"metrics": {"blue_share": {"value": 0.01}, "runtime_minutes": {"value": 125.4}}})");
  herlens::report::write_file_atomically(dir / "claims.txt",
                                         "# Her\nblue_share < 0.05 \"blue almost absent\"\n"
                                         "runtime_minutes == 126 +- 1 # 2 h 6 min\n");
  const auto result = run_cli({"check", "--from", dir.path().string(), "--claims", (dir / "claims.txt").string(), "--json"});
  CHECK(result.exit_code == 0);
  const json verdicts = json::parse(result.out);
  CHECK(verdicts.at("all_hold").get<bool>());
  CHECK(verdicts.at("claims").at(0).at("description").get<std::string>() == "blue almost absent");
  CHECK(verdicts.at("claims").at(1).at("measured").get<double>() == doctest::Approx(125.4));
  // A metric the saved report did not measure is an error, not a pass.
  CHECK(run_cli({"check", "--from", dir.path().string(), "--claim", "asl_seconds > 6"}).exit_code == 2);
  CHECK(run_cli({"check", "--from", (dir / "nowhere").string(), "--claim", "blue_share < 1"}).exit_code == 2);
  herlens::report::write_file_atomically(dir / "summary.json", "{not json");
  CHECK(run_cli({"check", "--from", dir.path().string(), "--claim", "blue_share < 1"}).exit_code == 2);
}

TEST_CASE("cli check: the claims file about Her parses, and every metric it names is documented") {
  const auto listed = run_cli({"check", "--list-metrics"});
  REQUIRE(listed.exit_code == 0);
  for (const char* name : {"runtime_minutes", "shot_count", "asl_seconds", "msl_seconds", "longest_shot_seconds",
                           "blue_share", "warm_share", "pastel_share", "closeup_ratio", "face_shot_ratio",
                           "dialogue_share", "voice_only_share"}) {
    CAPTURE(name);
    CHECK(listed.out.find(std::string(name) + " ") != std::string::npos);
  }
  ScratchDir dir;
  herlens::report::write_file_atomically(dir / "summary.json", R"({"metrics": {}})");
  const auto result = run_cli({"check", "--from", dir.path().string(), "--claims",
                               source_file("samples/her-claims.txt").string()});
  // Parses (not "bad claim"); fails only because this empty summary measured nothing.
  CHECK(result.exit_code == 2);
  CHECK(result.err.find("bad claim") == std::string::npos);
  CHECK(result.err.find("no measured value") != std::string::npos);
}
