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

namespace {

// SHA-256 fed in pieces, as lower-case hex.
class Sha256 {
 public:
  Sha256() : sha_(av_sha_alloc(), &av_free) {
    if (!sha_ || av_sha_init(sha_.get(), 256) < 0) throw Error(ErrorKind::internal, "cannot start a SHA-256");
  }
  void add(const char* bytes, size_t size) { av_sha_update(sha_.get(), reinterpret_cast<const uint8_t*>(bytes), size); }
  std::string hex() {
    uint8_t digest[32];
    av_sha_final(sha_.get(), digest);
    std::string hex;
    for (const uint8_t byte : digest) hex += fmt::format("{:02x}", byte);
    return hex;
  }

 private:
  std::unique_ptr<AVSHA, decltype(&av_free)> sha_;
};

}  // namespace

std::string sha256_of_file(const std::filesystem::path& file) {
  Sha256 sha;
  std::ifstream in(file, std::ios::binary);
  std::vector<char> buffer(1 << 16);
  while (in) {
    in.read(buffer.data(), std::streamsize(buffer.size()));
    sha.add(buffer.data(), size_t(in.gcount()));
  }
  if (in.bad() || !in.eof()) throw Error(ErrorKind::model, fmt::format("{}: cannot read", file.string()));
  return sha.hex();
}

std::string sha256_of(std::string_view bytes) {
  Sha256 sha;
  sha.add(bytes.data(), bytes.size());
  return sha.hex();
}

}  // namespace herlens::models
