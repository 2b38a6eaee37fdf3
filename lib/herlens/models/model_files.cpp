#include "herlens/models/model_files.hpp"

#include <cstdlib>
#include <vector>

#include <fmt/format.h>

#include "herlens/error.hpp"

#ifndef HERLENS_DEFAULT_MODEL_DIR
#define HERLENS_DEFAULT_MODEL_DIR "models"
#endif

namespace herlens::models {

std::filesystem::path find_model(const std::string& file_name,
                                 const std::filesystem::path& explicit_dir) {
  std::vector<std::filesystem::path> dirs;
  if (!explicit_dir.empty()) dirs.push_back(explicit_dir);
  if (const char* env = std::getenv("HERLENS_MODEL_DIR"); env && *env) dirs.emplace_back(env);
  dirs.emplace_back(HERLENS_DEFAULT_MODEL_DIR);

  std::string tried;
  for (const auto& dir : dirs) {
    const auto candidate = dir / file_name;
    std::error_code ec;
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    tried += fmt::format("{}{}", tried.empty() ? "" : ", ", dir.string());
  }
  throw Error(ErrorKind::model,
              fmt::format("model '{}' not found (looked in {}); run scripts/setup to fetch it",
                          file_name, tried));
}

}  // namespace herlens::models
