#include "herlens/report/outputs.hpp"

#include <unistd.h>

#include <opencv2/imgcodecs.hpp>

#include <fmt/format.h>

#include "herlens/error.hpp"
#include "herlens/report/atomic_file.hpp"
#include "herlens/report/dialogue_report.hpp"
#include "herlens/report/shots_report.hpp"
#include "herlens/report/summary_json.hpp"

namespace herlens::report {

const Table* Outputs::main_table() const {
  return analyses.empty() || analyses.front().tables.empty() ? nullptr : &analyses.front().tables.front();
}

namespace {

AnalysisOutputs outputs_of(const metrics::FilmSummary& summary, metrics::Analysis analysis,
                           const WriterOptions& options) {
  switch (analysis) {
    case metrics::Analysis::shots:
      return {analysis, shots_tables(*summary.shots), {}};
    case metrics::Analysis::palette:
      return {analysis, palette_tables(*summary.palette), palette_pictures(*summary.palette, options.palette)};
    case metrics::Analysis::framing:
      return {analysis, framing_tables(*summary.framing, options.framing),
              contact_sheets(*summary.framing, options.framing)};
    case metrics::Analysis::dialogue:
      return {analysis, dialogue_tables(*summary.dialogue), {}};
  }
  throw Error(ErrorKind::internal, "an analysis without writers");
}

}  // namespace

Outputs outputs_of(const metrics::FilmSummary& summary, const WriterOptions& options) {
  Outputs outputs;
  for (const metrics::Analysis analysis : summary.analyses)
    outputs.analyses.push_back(outputs_of(summary, analysis, options));
  outputs.summary = summary_json(summary);
  return outputs;
}

void write_to_dir(const std::filesystem::path& dir, const Outputs& outputs) {
  ensure_output_dir(dir);
  for (const AnalysisOutputs& analysis : outputs.analyses) {
    for (const Table& table : analysis.tables) write_file_atomically(dir / (table.name + ".csv"), to_csv(table));
    for (const Picture& picture : analysis.pictures) {
      std::vector<uchar> png;
      if (picture.image.empty() || !cv::imencode(".png", picture.image, png))
        throw Error(ErrorKind::internal, fmt::format("cannot encode picture {}", picture.name));
      write_file_atomically(dir / (picture.name + ".png"), {reinterpret_cast<const char*>(png.data()), png.size()});
    }
  }
  for (const auto& [name, bytes] : outputs.documents) write_file_atomically(dir / name, bytes);
  // The summary last: its presence says the folder is complete.
  write_file_atomically(dir / "summary.json", outputs.summary.dump(2) + "\n");
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
