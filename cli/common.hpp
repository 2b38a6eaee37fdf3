#pragma once
// What every analysis command shares: input, output convention, progress, decode health.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "herlens/pipeline/analyse.hpp"
#include "herlens/report/output_folder.hpp"
#include "herlens/report/outputs.hpp"

namespace herlens::cli {

struct CommonOptions {
  std::string input;
  std::string output_dir;  // -o DIR: every table, picture and summary.json
  bool json = false;       // --json: the summary on stdout instead of the main table
  bool quiet = false;      // no progress line, no warnings
  pipeline::PassOptions pass;
  std::string start, end;  // --start / --end, as report::parse_time reads them
  std::string shot_list;   // --shots FILE: the shots as listed there instead of detected

  // A request for `analyses` with these pass options (times parsed here) and the shot list read,
  // so a bad one fails before any decoding.
  pipeline::AnalysisRequest request(std::vector<metrics::Analysis> analyses,
                                    const pipeline::AnalysisOptions& options) const;
};

// What an analysis command (shots, palette, framing, dialogue) binds: the common options, every
// analysis's parameters, and how the writers draw.
struct AnalysisCommand {
  CommonOptions common;
  pipeline::AnalysisOptions analysis;
  report::WriterOptions writer;

  pipeline::AnalysisRequest request(metrics::Analysis which) const { return common.request({which}, analysis); }
};

// Checks -o DIR, runs `request`, warns, lets `extra` write what the command writes beside its
// outputs (shots --stats, dialogue --export-wav), then emits the outputs.
void run_analysis_command(const AnalysisCommand& command, const pipeline::AnalysisRequest& request,
                          const std::function<void(const pipeline::FilmAnalysis&)>& extra = {});

// FILE, -o, --json, -q, --threads, --analysis-width, --start, --end.
void add_common_options(CLI::App& command, CommonOptions& options);

// The end of the command's --help: two or three examples of calling it. (The exit codes are listed
// once, by `herlens --help`.)
void add_examples(CLI::App& command, const std::vector<std::string>& examples);

// --shots FILE, for the commands that measure per shot.
CLI::Option* add_shot_list_option(CLI::App& command, CommonOptions& options);

// --model-dir: where the trained models are looked for first.
void add_model_dir_option(CLI::App& command, pipeline::AnalysisOptions& options);

// Warns on stderr (unless --quiet) about analyses skipped and damage: a stream that had decode
// errors, ended early, or had timestamps beyond any film's length.
void warn(const metrics::FilmSummary& summary, const std::string& input, bool quiet);

// The output convention: main table as CSV on stdout, or --json summary on stdout; with -o DIR
// (`folder`, made before the analysis), everything into DIR and nothing on stdout unless --json.
void emit(const report::Outputs& outputs, const CommonOptions& options, report::OutputFolder* folder);

// The last line on stderr, unless --quiet: how many files went into `dir`, and `open` (a file in
// it, such as report.html) when there is one to look at.
void say_written(const report::Outputs& outputs, const std::filesystem::path& dir, bool quiet,
                 const std::string& open = "");

// "shots,palette" -> those analyses; "" -> all of them. Error(usage) naming an unknown one.
std::vector<metrics::Analysis> analyses_from(const std::string& list);

// Runs the request on the input and warns about what was skipped or damaged.
pipeline::FilmAnalysis analyse(const CommonOptions& options, const pipeline::AnalysisRequest& request);

// A whole text file given on the command line; Error(input) when it cannot be read.
std::string read_input_text(const std::filesystem::path& path);

// Writes to stdout, throwing Error(output) when it cannot (closed pipe, full disk).
void print_stdout(const std::string& text);

// The time now, UTC, ISO 8601 ("2026-11-30T01:02:03Z"): when an export was made.
std::string now_iso8601();

}  // namespace herlens::cli
