#include "herlens/corpus/slurm.hpp"

#include <algorithm>

#include <cctype>
#include <cstdio>

#include <fmt/format.h>

#include "herlens/error.hpp"
#include "herlens/report/atomic_file.hpp"

namespace herlens::corpus {

namespace fs = std::filesystem;

namespace {

// #SBATCH lines are split at white space, not parsed as shell words: a value holding white space (or
// a line end, which would add a line of its own) cannot be written there.
void check_sbatch_value(std::string_view what, const std::string& value) {
  if (std::any_of(value.begin(), value.end(), [](unsigned char c) { return std::isspace(c) || std::iscntrl(c); }))
    throw Error(ErrorKind::usage, fmt::format("{} '{}': Slurm's #SBATCH lines cannot hold white space", what, value));
}

std::string sbatch_options(const SlurmOptions& options) {
  std::string lines;
  if (!options.partition.empty()) lines += fmt::format("#SBATCH --partition={}\n", options.partition);
  if (!options.time.empty()) lines += fmt::format("#SBATCH --time={}\n", options.time);
  if (!options.memory.empty()) lines += fmt::format("#SBATCH --mem={}\n", options.memory);
  return lines;
}

// Runs a shell command line, returning its standard output; Error(output) with what it said when
// it fails.
std::string run_capturing(const std::string& command) {
  FILE* pipe = popen(fmt::format("{} 2>&1", command).c_str(), "r");
  if (!pipe) throw Error(ErrorKind::output, fmt::format("cannot run {}", command));
  std::string out;
  char buffer[512];
  while (size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) out.append(buffer, n);
  const int status = pclose(pipe);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  if (status != 0 || out.empty())
    throw Error(ErrorKind::output, fmt::format("{} failed: {}", command, out.empty() ? "no job id" : out));
  return out.substr(0, out.find(';'));  // --parsable: "jobid" or "jobid;cluster"
}

}  // namespace

std::string shell_quoted(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) {
    if (c == '\'') quoted.append("'\\''");  // close the quote, an escaped quote, reopen
    else quoted.push_back(c);
  }
  quoted.push_back('\'');
  return quoted;
}

SlurmScripts write_slurm_scripts(const Manifest& manifest, const CorpusFolder& folder, const SlurmOptions& options) {
  check_range("corpus slurm", "array-max", options.array_max, 1, 1'000'000);
  check_range("corpus slurm", "cpus", options.cpus_per_task, 1, 4096);
  check_sbatch_value("--partition", options.partition);
  check_sbatch_value("--time", options.time);
  check_sbatch_value("--mem", options.memory);
  check_sbatch_value("the corpus folder", folder.path().string());
  const fs::path dir = folder.path() / "slurm";
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw Error(ErrorKind::output, fmt::format("{}: cannot make the folder: {}", dir.string(), ec.message()));
  const int films = int(manifest.analysable().size());
  SlurmScripts scripts{dir / "corpus-array.sbatch", dir / "corpus-merge.sbatch", std::min(films, options.array_max)};
  const std::string herlens = shell_quoted(options.herlens.string());
  const std::string corpus_dir = shell_quoted(folder.path().string());

  std::string run = fmt::format("{} corpus run {} -o {} --shard \"$SLURM_ARRAY_TASK_ID/{}\" --jobs {}", herlens,
                                shell_quoted(manifest.source.string()), corpus_dir, scripts.tasks,
                                options.jobs_per_task);
  for (const std::string& argument : options.report_arguments) run += fmt::format(" {}", shell_quoted(argument));
  report::write_file_atomically(
      scripts.array_script,
      fmt::format("#!/bin/sh\n"
                  "#SBATCH --job-name=herlens-corpus\n"
                  "#SBATCH --array=0-{}\n"
                  "#SBATCH --cpus-per-task={}\n"
                  "#SBATCH --output={}/run-%A_%a.log\n"
                  "{}"
                  "# Task I of N analyses every Nth film from the Ith; films done before are skipped.\n"
                  "exec {}\n",
                  std::max(0, scripts.tasks - 1), options.cpus_per_task, dir.string(), sbatch_options(options), run));
  report::write_file_atomically(scripts.merge_script,
                                fmt::format("#!/bin/sh\n"
                                            "#SBATCH --job-name=herlens-corpus-merge\n"
                                            "#SBATCH --cpus-per-task=1\n"
                                            "#SBATCH --output={}/merge-%j.log\n"
                                            "{}"
                                            "exec {} corpus merge {}\n",
                                            dir.string(), options.partition.empty() ? "" : fmt::format("#SBATCH --partition={}\n", options.partition),
                                            herlens, corpus_dir));
  return scripts;
}

SubmittedJobs submit(const SlurmScripts& scripts) {
  SubmittedJobs jobs;
  std::string dependency;
  if (scripts.tasks > 0) {
    jobs.array_job = run_capturing(fmt::format("sbatch --parsable {}", shell_quoted(scripts.array_script.string())));
    dependency = fmt::format(" --dependency=afterany:{}", jobs.array_job);
  }
  jobs.merge_job =
      run_capturing(fmt::format("sbatch --parsable{} {}", dependency, shell_quoted(scripts.merge_script.string())));
  return jobs;
}

}  // namespace herlens::corpus
