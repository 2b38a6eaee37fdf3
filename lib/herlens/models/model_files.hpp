#pragma once
// Where herlens finds its trained models (fetched by scripts/setup, see scripts/fetch-models).
#include <filesystem>
#include <string>
#include <string_view>

namespace herlens::models {

// Looks for `file_name` in, by priority: `explicit_dir` (the --model-dir option, when not empty),
// $HERLENS_MODEL_DIR, and the project's models/ folder. Throws Error(model) naming the setup
// command when the file is in none of them.
std::filesystem::path find_model(const std::string& file_name,
                                 const std::filesystem::path& explicit_dir = {});

// The file's SHA-256 as lower-case hex, for a run's provenance. Throws Error(model) when it cannot
// be read.
std::string sha256_of_file(const std::filesystem::path& file);
// The same of bytes already read (a file herlens read whole, such as a shot list).
std::string sha256_of(std::string_view bytes);

}  // namespace herlens::models
