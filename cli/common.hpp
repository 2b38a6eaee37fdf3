#pragma once
// What every analysis command shares: input, output convention, progress, decode health.
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

  pipeline::PassOptions pass_options() const;
};

void add_common_options(CLI::App& command, CommonOptions& options);

// Adds the decode health to the summary and warns on stderr when frames were lost.
void note_decode_health(const pipeline::PassResult& pass, const CommonOptions& options,
                        report::Outputs& outputs);

// The output convention: main table as CSV on stdout, or --json summary on stdout; with -o DIR,
// everything into DIR (and nothing on stdout unless --json).
void emit(const report::Outputs& outputs, const CommonOptions& options);

// Writes to stdout, throwing Error(output) when it cannot (closed pipe, full disk).
void print_stdout(const std::string& text);

}  // namespace herlens::cli
