#pragma once
// Outputs are written whole or not at all: to a temporary file beside the target, then renamed
// over it, so an interrupted run never leaves a half-written report.
#include <filesystem>
#include <string_view>

namespace herlens::report {

// Throws Error(output) naming the path when it cannot be written.
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes);

// Creates `dir` (and parents) when missing; throws Error(output) when it is not a writable folder.
void ensure_output_dir(const std::filesystem::path& dir);

}  // namespace herlens::report
