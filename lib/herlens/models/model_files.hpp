#pragma once
// Where herlens finds its trained models (fetched by scripts/setup, see scripts/fetch-models).
#include <filesystem>
#include <string>

namespace herlens::models {

// Looks for `file_name` in, by priority: `explicit_dir` (the --model-dir option, when not empty),
// $HERLENS_MODEL_DIR, and the project's models/ folder. Throws Error(model) naming the setup
// command when the file is in none of them.
std::filesystem::path find_model(const std::string& file_name,
                                 const std::filesystem::path& explicit_dir = {});

}  // namespace herlens::models
