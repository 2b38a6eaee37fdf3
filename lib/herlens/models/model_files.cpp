#include "herlens/models/model_files.hpp"

#include <cstdlib>
#include <fstream>
#include <memory>
#include <vector>

#include <fmt/format.h>

extern "C" {
#include <libavutil/mem.h>
#include <libavutil/sha.h>
}

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

std::string sha256_of_file(const std::filesystem::path& file) {
  const std::unique_ptr<AVSHA, decltype(&av_free)> sha(av_sha_alloc(), &av_free);
  if (!sha || av_sha_init(sha.get(), 256) < 0) throw Error(ErrorKind::internal, "cannot start a SHA-256");
  std::ifstream in(file, std::ios::binary);
  std::vector<char> buffer(1 << 16);
  while (in) {
    in.read(buffer.data(), std::streamsize(buffer.size()));
    av_sha_update(sha.get(), reinterpret_cast<const uint8_t*>(buffer.data()), size_t(in.gcount()));
  }
  if (in.bad() || !in.eof()) throw Error(ErrorKind::model, fmt::format("{}: cannot read", file.string()));
  uint8_t digest[32];
  av_sha_final(sha.get(), digest);
  std::string hex;
  for (const uint8_t byte : digest) hex += fmt::format("{:02x}", byte);
  return hex;
}

}  // namespace herlens::models
