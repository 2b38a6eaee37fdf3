#pragma once
// corpus slurm: a corpus as a Slurm job array. herlens schedules nothing: it writes two batch
// scripts (and with submit() hands them to sbatch), one array task per share of the films, each
// task a `herlens corpus run --shard I/N`, and the merge as a job that waits for the whole array
// (afterany: failed or killed tasks too). The resume rule (corpus_run.hpp) makes resubmitting safe.
#include <filesystem>
#include <string>
#include <vector>

#include "herlens/corpus/corpus_folder.hpp"
#include "herlens/corpus/manifest.hpp"

namespace herlens::corpus {

struct SlurmOptions {
  std::filesystem::path herlens;              // the herlens executable the tasks run (absolute)
  std::string partition, time, memory;        // sbatch --partition, --time, --mem; empty: the cluster's default
  int array_max = 1000;                       // most array tasks: films are shared out among them
  int cpus_per_task = 2;                      // sbatch --cpus-per-task
  int jobs_per_task = 1;                      // films a task runs at a time
  std::vector<std::string> report_arguments;  // as corpus run passes them to herlens report
};

struct SlurmScripts {
  std::filesystem::path array_script;  // DIR/slurm/corpus-array.sbatch
  std::filesystem::path merge_script;  // DIR/slurm/corpus-merge.sbatch
  int tasks = 0;                       // 0: no film to analyse, nothing to submit but the merge
};

// Writes both scripts into DIR/slurm (Error(output) when it cannot); DIR keeps the manifest copy.
SlurmScripts write_slurm_scripts(const Manifest& manifest, const CorpusFolder& folder, const SlurmOptions& options);

struct SubmittedJobs {
  std::string array_job;  // empty when there was no task
  std::string merge_job;
};

// sbatch --parsable for the array, then for the merge with --dependency=afterany on it. Throws
// Error(output) with sbatch's message when sbatch is missing or refuses.
SubmittedJobs submit(const SlurmScripts& scripts);

// `text` as one shell word.
std::string shell_quoted(const std::string& text);

}  // namespace herlens::corpus
