#include "herlens/report/outputs.hpp"

#include <unistd.h>

#include <opencv2/imgcodecs.hpp>

#include <fmt/format.h>

#include "herlens/error.hpp"
#include "herlens/report/atomic_file.hpp"

namespace herlens::report {

json::Value decode_health(const media::DecodeStats& stats) {
  return json::Object{{"video_frames", stats.video_frames},
                      {"audio_seconds", double(stats.audio_samples) / media::analysis_sample_rate},
                      {"decode_errors", stats.decode_errors},
                      {"ended_early", stats.ended_early}};
}

void write_to_dir(const std::filesystem::path& dir, const Outputs& outputs) {
  ensure_output_dir(dir);
  if (!outputs.main.name.empty()) write_file_atomically(dir / (outputs.main.name + ".csv"), to_csv(outputs.main));
  for (const Table& table : outputs.tables)
    write_file_atomically(dir / (table.name + ".csv"), to_csv(table));
  for (const Picture& picture : outputs.pictures) {
    std::vector<uchar> png;
    if (picture.image.empty() || !cv::imencode(".png", picture.image, png))
      throw Error(ErrorKind::internal, fmt::format("cannot encode picture {}", picture.name));
    write_file_atomically(dir / (picture.name + ".png"),
                          {reinterpret_cast<const char*>(png.data()), png.size()});
  }
  for (const auto& [name, bytes] : outputs.documents) write_file_atomically(dir / name, bytes);
  // The summary last: its presence says the folder is complete.
  write_file_atomically(dir / "summary.json", json::dump(outputs.summary));
}

namespace {

bool is_replaceable(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) return true;
  if (!std::filesystem::is_directory(dir, ec)) return false;
  return std::filesystem::is_empty(dir, ec) || std::filesystem::exists(dir / "summary.json", ec);
}

// A fresh name beside `dir` for staging or retiring a folder.
std::filesystem::path sibling(const std::filesystem::path& dir, std::string_view role) {
  const auto parent = dir.has_parent_path() ? dir.parent_path() : std::filesystem::path(".");
  for (int attempt = 0;; ++attempt) {
    auto candidate = parent / fmt::format(".{}.{}-{}-{}", dir.filename().string(), role, getpid(), attempt);
    std::error_code ec;
    if (!std::filesystem::exists(candidate, ec)) return candidate;
  }
}

}  // namespace

void replace_dir(const std::filesystem::path& given, const Outputs& outputs) {
  const std::filesystem::path dir = given.filename().empty() ? given.parent_path() : given;
  if (!is_replaceable(dir))
    throw Error(ErrorKind::output, fmt::format("{}: exists and is not a herlens output folder (no summary.json); "
                                               "choose a new or empty folder",
                                               dir.string()));
  const auto staging = sibling(dir, "new");
  try {
    write_to_dir(staging, outputs);
  } catch (...) {
    std::error_code ignored;
    std::filesystem::remove_all(staging, ignored);
    throw;
  }
  std::error_code ec;
  std::filesystem::path retired;
  if (std::filesystem::exists(dir, ec)) {
    retired = sibling(dir, "old");
    std::filesystem::rename(dir, retired, ec);
    if (ec) throw Error(ErrorKind::output, fmt::format("{}: cannot replace: {}", dir.string(), ec.message()));
  }
  std::filesystem::rename(staging, dir, ec);
  if (ec) {
    if (!retired.empty()) std::filesystem::rename(retired, dir, ec);  // put the old report back
    throw Error(ErrorKind::output, fmt::format("{}: cannot write: {}", dir.string(), ec.message()));
  }
  if (!retired.empty()) std::filesystem::remove_all(retired, ec);
}

}  // namespace herlens::report
