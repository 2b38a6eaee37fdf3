#pragma once
// What every analysis command shares: input, output convention, progress, decode health.
#include <filesystem>
#include <string>

#include <CLI/CLI.hpp>

#include "herlens/pipeline/pipeline.hpp"
#include "herlens/report/outputs.hpp"

namespace herlens::cli {

struct CommonOptions {
  std::string input;
  std::string output_dir;  // -o DIR: every table, picture and summary.json
  bool json = false;       // --json: the summary on stdout instead of the main table
  bool quiet = false;      // no progress line, no warnings
  int threads = 0;         // decoder threads, 0 = one per core
  int analysis_width = 320;
  std::string start, end;  // --start / --end: seconds or [HH:]MM:SS[.mmm]

  pipeline::PassOptions pass_options() const;
};

void add_common_options(CLI::App& command, CommonOptions& options);

// Warns on stderr (unless --quiet) when the stream was damaged or ended early.
void warn_on_damage(const pipeline::PassResult& pass, const CommonOptions& options);

// Adds the decode health to the summary and warns when frames were lost.
void note_decode_health(const pipeline::PassResult& pass, const CommonOptions& options,
                        report::Outputs& outputs);

// The output convention: main table as CSV on stdout, or --json summary on stdout; with -o DIR,
// everything into DIR (and nothing on stdout unless --json).
void emit(const report::Outputs& outputs, const CommonOptions& options);

// A whole text file given on the command line; Error(input) when it cannot be read.
std::string read_input_text(const std::filesystem::path& path);

// "90", "1:30", "01:01:30.5" -> seconds; Error(usage) naming the text otherwise.
double parse_time(const std::string& text);

// Writes to stdout, throwing Error(output) when it cannot (closed pipe, full disk).
void print_stdout(const std::string& text);

}  // namespace herlens::cli
