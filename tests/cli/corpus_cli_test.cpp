// herlens corpus run / merge and check --corpus end to end, on the small corpus of
// scripts/make-corpus-test-media: parallel runs equal serial ones, bad manifest rows are reported per
// film while the rest is analysed, reruns skip what is done, claims over a corpus give exit codes.
// The Slurm recipe is tested against a real one-node cluster by scripts/test-slurm.
#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <map>

#include <fmt/format.h>

#include "herlens/report/atomic_file.hpp"
#include "support/csv.hpp"
#include "support/fixtures.hpp"

using herlens::test::media;
using herlens::test::read_text;
using herlens::test::run_cli;
using herlens::test::ScratchDir;
namespace fs = std::filesystem;

namespace {

std::string corpus_media(const std::string& name) { return (media("corpus") / name).string(); }

// corpus.csv as rows keyed by their manifest path, each a column -> cell map.
std::map<std::string, std::map<std::string, std::string>> merged(const fs::path& dir) {
  const auto rows = herlens::test::parse_csv(read_text(dir / "corpus.csv"));
  std::map<std::string, std::map<std::string, std::string>> by_path;
  for (size_t r = 1; r < rows.size(); ++r) {
    REQUIRE(rows[r].size() == rows[0].size());
    for (size_t c = 0; c < rows[0].size(); ++c) by_path[rows[r][1]][rows[0][c]] = rows[r][c];
  }
  return by_path;
}

fs::file_time_type modified(const fs::path& file) { return fs::last_write_time(file); }

}  // namespace

TEST_CASE("cli corpus: --jobs 2 equals --jobs 1, and bad manifest rows are reported per film") {
  ScratchDir dir;
  const auto one = dir / "one", two = dir / "two";
  const std::string manifest = corpus_media("bad_manifest.csv");
  REQUIRE(run_cli({"corpus", "run", "-q", manifest, "-o", one.string(), "--jobs", "1"}, 600).exit_code == 0);
  const auto started = std::chrono::steady_clock::now();
  REQUIRE(run_cli({"corpus", "run", "-q", manifest, "-o", two.string(), "--jobs", "2"}, 600).exit_code == 0);
  MESSAGE(fmt::format("corpus run --jobs 2, 4 films and 4 bad rows: {:.2f} s",
                      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count()));
  REQUIRE(run_cli({"corpus", "merge", "-q", one.string()}).exit_code == 0);
  REQUIRE(run_cli({"corpus", "merge", "-q", two.string()}).exit_code == 0);
  CHECK(read_text(one / "corpus.csv") == read_text(two / "corpus.csv"));

  const auto films = merged(one);
  REQUIRE(films.size() == 8);
  for (const char* good : {"blue.mp4", "warm.mp4", "fractal.mp4"}) {
    CAPTURE(good);
    CHECK(films.at(good).at("status") == "analysed");
    CHECK(films.at(good).at("exit_code") == "0");
    CHECK_FALSE(films.at(good).at("asl_seconds").empty());
    CHECK_FALSE(films.at(good).at("warm_share").empty());
  }
  CHECK(films.at("warm.mp4").at("title") == "Warm, Red");
  CHECK(films.at("warm.mp4").at("year") == "1975");
  CHECK(std::stod(films.at("blue.mp4").at("blue_share")) > std::stod(films.at("warm.mp4").at("blue_share")));
  CHECK(std::stod(films.at("warm.mp4").at("warm_share")) > 0.9);
  // Each bad row: failed, with the exit code herlens report gives such a file, and why.
  const std::map<std::string, std::pair<std::string, std::string>> failures{
      {"missing.mp4", {"3", "no such file"}},
      {"./blue.mp4", {"2", "already listed on line 2"}},
      {"notes.txt", {"4", ""}},
      {"pattern.mp4", {"2", "4 fields where the header has 3"}},
      {"damaged.mp4", {"4", ""}}};
  for (const auto& [path, failure] : failures) {
    CAPTURE(path);
    CHECK(films.at(path).at("status") == "failed");
    CHECK(films.at(path).at("exit_code") == failure.first);
    CHECK(films.at(path).at("message").find(failure.second) != std::string::npos);
    CHECK(films.at(path).at("asl_seconds").empty());
  }
  const std::string html = read_text(one / "corpus.html");
  CHECK(html.find("Against year") != std::string::npos);
  CHECK(html.find("already listed on line 2") != std::string::npos);
  CHECK(html.find("src=\"http") == std::string::npos);
}

TEST_CASE("cli corpus: a rerun skips films done, reruns a changed file, a failed film and other options") {
  ScratchDir dir;
  const auto out = dir / "corpus";
  const fs::path films = dir / "films";
  fs::create_directories(films);
  for (const char* name : {"blue.mp4", "warm.mp4", "damaged.mp4"}) fs::copy_file(corpus_media(name), films / name);
  herlens::report::write_file_atomically(films / "manifest.csv", "path,year\nblue.mp4,1962\nwarm.mp4,1975\ndamaged.mp4,1990\n");
  const std::string manifest = (films / "manifest.csv").string();
  const std::vector<std::string> run{"corpus", "run", manifest, "-o", out.string(), "--only", "shots,palette"};
  const auto first = run_cli(run, 300);
  REQUIRE(first.exit_code == 0);
  CHECK(first.err.find("2 analysed, 0 already done, 1 failed") != std::string::npos);
  CHECK(first.err.find("damaged.mp4 failed (exit code 4)") != std::string::npos);
  const auto blue_summary = out / "films" / fs::directory_iterator(out / "films")->path().filename() / "summary.json";
  const auto before = modified(blue_summary);

  // Nothing changed: the films done are skipped, the failed one is tried again.
  const auto second = run_cli(run, 300);
  REQUIRE(second.exit_code == 0);
  CHECK(second.err.find("0 analysed, 2 already done, 1 failed") != std::string::npos);
  CHECK(modified(blue_summary) == before);

  // A film whose file changed runs again; other options run every film again.
  fs::last_write_time(films / "warm.mp4", fs::last_write_time(films / "warm.mp4") + std::chrono::seconds(5));
  CHECK(run_cli(run, 300).err.find("1 analysed, 1 already done, 1 failed") != std::string::npos);
  std::vector<std::string> other = run;
  other.back() = "shots";
  CHECK(run_cli(other, 300).err.find("2 analysed, 0 already done, 1 failed") != std::string::npos);

  // Shards split the films between them and together cover them all.
  const auto shard0 = run_cli({"corpus", "run", manifest, "-o", out.string(), "--only", "palette", "--shard", "0/2"}, 300);
  const auto shard1 = run_cli({"corpus", "run", manifest, "-o", out.string(), "--only", "palette", "--shard", "1/2"}, 300);
  CHECK(shard0.err.find("1 analysed, 0 already done, 1 failed") != std::string::npos);
  CHECK(shard1.err.find("1 analysed, 0 already done, 0 failed") != std::string::npos);
}

TEST_CASE("cli check --corpus: claims per film and over films, with exit codes") {
  ScratchDir dir;
  const auto out = dir / "corpus";
  REQUIRE(run_cli({"corpus", "run", "-q", corpus_media("manifest.csv"), "-o", out.string(), "--only", "shots,palette"}, 300)
              .exit_code == 0);
  const auto check = [&](std::vector<std::string> claims) {
    std::vector<std::string> args{"check", "--corpus", out.string()};
    for (const std::string& claim : claims) args.insert(args.end(), {"--claim", claim});
    return run_cli(args);
  };
  CHECK(check({"median(asl_seconds) > 1", "max(blue_share) > 0.3", "runtime_minutes == 0.05 +- 0.01"}).exit_code == 0);
  const auto per_film = check({"blue_share > 0.3"});
  CHECK(per_film.exit_code == 1);  // only the blue film holds it
  CHECK(per_film.out.find("holds   Blue Room: blue_share > 0.3") != std::string::npos);
  CHECK(per_film.out.find("FAILS   Pattern: blue_share > 0.3") != std::string::npos);
  CHECK(check({"mean(warm_share) < 0"}).exit_code == 1);
  CHECK(check({"median(nonsense) > 1"}).exit_code == 2);
  CHECK(check({"mode(asl_seconds) > 1"}).exit_code == 2);
  CHECK(check({"median(closeup_ratio) > 0"}).exit_code == 2);  // framing did not run: no value
  // An aggregate is about many films; a folder that is not a corpus is an error.
  CHECK(run_cli({"check", "--from", herlens::test::sample_report().string(), "--claim", "median(asl_seconds) > 1"})
            .exit_code == 2);
  CHECK(run_cli({"check", "--corpus", dir.path().string(), "--claim", "median(asl_seconds) > 1"}).exit_code == 2);
}

TEST_CASE("cli corpus: bad manifests and folders fail with one message and their exit code") {
  ScratchDir dir;
  herlens::report::write_file_atomically(dir / "no_path.csv", "file,title\na.mp4,A\n");
  herlens::report::write_file_atomically(dir / "thesis.txt", "precious");
  const auto no_path = run_cli({"corpus", "run", (dir / "no_path.csv").string(), "-o", (dir / "out").string()});
  CHECK(no_path.exit_code == 2);
  CHECK(no_path.err.find("'path'") != std::string::npos);
  CHECK(run_cli({"corpus", "run", (dir / "none.csv").string(), "-o", (dir / "out").string()}).exit_code == 3);
  // A folder that holds files of its own is not written.
  const auto taken = run_cli({"corpus", "run", corpus_media("manifest.csv"), "-o", dir.path().string()});
  CHECK(taken.exit_code == 6);
  CHECK(read_text(dir / "thesis.txt") == "precious");
  CHECK(run_cli({"corpus", "merge", dir.path().string()}).exit_code == 3);
  CHECK(run_cli({"corpus", "run", corpus_media("manifest.csv"), "-o", (dir / "out").string(), "--only", "colour"})
            .exit_code == 2);
  CHECK(run_cli({"corpus", "run", corpus_media("manifest.csv"), "-o", (dir / "out").string(), "--shard", "2/2"})
            .exit_code == 2);
  // corpus slurm without --submit writes the scripts: one task per film, the merge after them.
  const auto scripts = run_cli({"corpus", "slurm", corpus_media("manifest.csv"), "-o", (dir / "slurm").string(),
                                "--time", "00:10:00", "--mem", "1G", "--array-max", "2"});
  REQUIRE(scripts.exit_code == 0);
  const std::string array = read_text(dir / "slurm" / "slurm" / "corpus-array.sbatch");
  CHECK(array.find("#SBATCH --array=0-1\n") != std::string::npos);
  CHECK(array.find("#SBATCH --time=00:10:00\n") != std::string::npos);
  CHECK(array.find("#SBATCH --mem=1G\n") != std::string::npos);
  CHECK(array.find("--shard \"$SLURM_ARRAY_TASK_ID/2\"") != std::string::npos);
  CHECK(read_text(dir / "slurm" / "slurm" / "corpus-merge.sbatch").find("corpus merge") != std::string::npos);
  // A value that would break (or add) an #SBATCH line is refused.
  CHECK(run_cli({"corpus", "slurm", corpus_media("manifest.csv"), "-o", (dir / "slurm").string(), "--time",
                 "1:00:00\n#SBATCH --uid=0"})
            .exit_code == 2);
}
