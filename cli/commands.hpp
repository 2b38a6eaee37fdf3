#pragma once
// One subcommand per file: setup_X binds its options and registers the run callback.
#include <CLI/CLI.hpp>

namespace herlens::cli {

void setup_probe(CLI::App& app);
void setup_shots(CLI::App& app);
void setup_palette(CLI::App& app);
void setup_framing(CLI::App& app);
void setup_dialogue(CLI::App& app);
void setup_report(CLI::App& app);
void setup_export(CLI::App& app);
void setup_corpus(CLI::App& app);
// `check` sets the exit code: 1 when a claim does not hold.
void setup_check(CLI::App& app, int& exit_code);

}  // namespace herlens::cli
