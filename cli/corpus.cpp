// herlens corpus run | merge | slurm: many films, one table (docs/corpus.md). Each film is a
// `herlens report` of its own; this file binds options and calls lib/herlens/corpus.
#include <algorithm>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "herlens/corpus/corpus_run.hpp"
#include "herlens/corpus/merge.hpp"
#include "herlens/corpus/slurm.hpp"
#include "herlens/error.hpp"
#include "parameters.hpp"

namespace herlens::cli {

namespace {

namespace fs = std::filesystem;

// What shapes every film's results, passed on to herlens report (and part of the resume rule).
struct FilmOptions {
  std::string only;
  pipeline::PassOptions pass;  // only its analysis width: threads are chosen per film
  std::string model_dir;

  std::vector<std::string> report_arguments() const {
    analyses_from(only);  // an unknown analysis fails here, not once per film
    std::vector<std::string> arguments{"--analysis-width", std::to_string(pass.analysis_width)};
    if (!only.empty()) arguments.insert(arguments.end(), {"--only", only});
    if (!model_dir.empty()) arguments.insert(arguments.end(), {"--model-dir", fs::absolute(model_dir).string()});
    return arguments;
  }
};

struct CorpusOptions {
  std::string manifest;
  std::string output_dir;
  FilmOptions film;
  int jobs = 1;
  std::string shard;
  bool quiet = false;
  corpus::SlurmOptions slurm;
  bool submit = false;
};

fs::path this_executable() { return fs::read_symlink("/proc/self/exe"); }

void add_film_options(CLI::App& command, CorpusOptions& options) {
  command.add_option("MANIFEST", options.manifest, "CSV with a 'path' column and any metadata columns")->required();
  command.add_option("-o,--output", options.output_dir, "Corpus folder: a report folder per film, records, tables")
      ->required();
  command.add_option("--only", options.film.only, "Run only these analyses: shots,palette,framing,dialogue");
  bind_parameters(command, options.film.pass, {"analysis_width"});
  command.add_option("--model-dir", options.film.model_dir, "Folder holding the trained models (default: models/)");
}

void run_corpus(const CorpusOptions& options) {
  const corpus::Manifest manifest = corpus::parse_manifest(read_input_text(options.manifest), options.manifest);
  corpus::RunOptions run{this_executable(), options.film.report_arguments(), options.jobs, {}, !options.quiet};
  if (!options.shard.empty()) run.shard = corpus::parse_shard(options.shard);
  const corpus::CorpusFolder folder = corpus::CorpusFolder::for_writing(options.output_dir);
  folder.write_manifest(manifest);
  const corpus::RunTotals totals = corpus::run_corpus(manifest, folder, run);
  if (!options.quiet)
    fmt::print(stderr, "herlens: corpus: {} analysed, {} already done, {} failed in {:.1f} s; merge with: herlens "
                       "corpus merge {}\n",
               totals.analysed, totals.skipped, totals.failed, totals.seconds, options.output_dir);
}

void merge_corpus(const CorpusOptions& options) {
  const corpus::CorpusTable table = corpus::merge_corpus(corpus::CorpusFolder::existing(options.output_dir));
  if (options.quiet) return;
  const auto failed = std::count_if(table.films.begin(), table.films.end(),
                                    [](const auto& f) { return f.status != corpus::FilmStatus::analysed; });
  fmt::print(stderr, "herlens: corpus: {} films, {} not analysed: {}/corpus.csv, corpus.json, corpus.html\n",
             table.films.size(), failed, options.output_dir);
}

void slurm_corpus(CorpusOptions options) {
  const corpus::Manifest manifest = corpus::parse_manifest(read_input_text(options.manifest), options.manifest);
  options.slurm.herlens = this_executable();
  options.slurm.report_arguments = options.film.report_arguments();
  options.slurm.jobs_per_task = options.jobs;
  const corpus::CorpusFolder folder = corpus::CorpusFolder::for_writing(options.output_dir);
  folder.write_manifest(manifest);
  const corpus::SlurmScripts scripts = corpus::write_slurm_scripts(manifest, folder, options.slurm);
  if (!options.submit) {
    print_stdout(fmt::format("{}\n{}\n", scripts.array_script.string(), scripts.merge_script.string()));
    return;
  }
  const corpus::SubmittedJobs jobs = corpus::submit(scripts);
  print_stdout(fmt::format("array job {}\nmerge job {}\n", jobs.array_job.empty() ? "none" : jobs.array_job,
                           jobs.merge_job));
}

}  // namespace

void setup_corpus(CLI::App& app) {
  auto options = std::make_shared<CorpusOptions>();
  CLI::App* corpus = app.add_subcommand("corpus", "Many films, one table: run a manifest, merge, or run it on Slurm");
  corpus->require_subcommand(1);

  add_examples(*corpus, {"herlens corpus run films.csv -o corpus", "herlens corpus merge corpus"});
  CLI::App* run = corpus->add_subcommand("run", "Analyse every film of a manifest (resumes: films done are skipped)");
  add_film_options(*run, *options);
  run->add_option("--jobs", options->jobs, "Films analysed at a time (threads per film: the CPUs shared out)")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  run->add_option("--shard", options->shard, "Only share I of N of the films (I/N, as Slurm array tasks use it)");
  run->add_flag("-q,--quiet", options->quiet, "No progress line and no messages on stderr");
  add_examples(*run, {"herlens corpus run films.csv -o corpus", "herlens corpus run films.csv -o corpus --jobs 2 --only shots,palette"});
  run->callback([options] { run_corpus(*options); });

  CLI::App* merge = corpus->add_subcommand("merge", "corpus.csv, corpus.json and corpus.html from a corpus folder");
  merge->add_option("DIR", options->output_dir, "Corpus folder made by corpus run or corpus slurm")->required();
  merge->add_flag("-q,--quiet", options->quiet, "No message on stderr");
  add_examples(*merge, {"herlens corpus merge corpus", "herlens check --corpus corpus --claim 'median(asl_seconds) > 5'"});
  merge->callback([options] { merge_corpus(*options); });

  CLI::App* slurm = corpus->add_subcommand("slurm", "Write (and --submit) a Slurm job array for the manifest");
  add_film_options(*slurm, *options);
  slurm->add_option("--partition", options->slurm.partition, "sbatch --partition");
  slurm->add_option("--time", options->slurm.time, "sbatch --time per array task, e.g. 02:00:00");
  slurm->add_option("--mem", options->slurm.memory, "sbatch --mem per array task, e.g. 4G");
  slurm->add_option("--array-max", options->slurm.array_max, "Most array tasks: films are shared out among them")
      ->check(CLI::Range(1, 1'000'000))
      ->capture_default_str();
  slurm->add_option("--cpus", options->slurm.cpus_per_task, "sbatch --cpus-per-task")
      ->check(CLI::Range(1, 4096))
      ->capture_default_str();
  slurm->add_option("--jobs", options->jobs, "Films a task analyses at a time")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  slurm->add_flag("--submit", options->submit, "Submit with sbatch: the array, then the merge after it");
  add_examples(*slurm, {"herlens corpus slurm films.csv -o corpus", "herlens corpus slurm films.csv -o corpus --partition short --submit"});
  slurm->callback([options] { slurm_corpus(*options); });
}

}  // namespace herlens::cli
