#pragma once
// One subcommand per file: setup_X binds its options and registers the run callback.
#include <CLI/CLI.hpp>

namespace herlens::cli {

void setup_probe(CLI::App& app);
void setup_shots(CLI::App& app);

}  // namespace herlens::cli
