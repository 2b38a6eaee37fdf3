#include "herlens/report/saved_report.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "herlens/error.hpp"
#include "herlens/metrics/csv.hpp"
#include "herlens/report/table.hpp"

namespace herlens::report {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void malformed(const std::string& where, const std::string& why) {
  throw Error(ErrorKind::input, fmt::format("{}: {}", where, why));
}

std::optional<std::string> read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

template <typename Enum, size_t N>
Enum named(const std::array<Enum, N>& all, const std::string& text, const std::string& where) {
  for (const Enum value : all)
    if (metrics::name(value) == text) return value;
  malformed(where, fmt::format("'{}' is not a name herlens writes there", text));
}

}  // namespace

// A table's rows, cells found by their column's name, so a reader never depends on column order.
class SavedReport::Rows {
 public:
  Rows(std::string where, std::string_view csv) : where_(std::move(where)), rows_(metrics::read_csv(csv)) {
    if (rows_.empty()) malformed(where_, "empty (no header row)");
  }
  size_t size() const { return rows_.size() - 1; }

  const std::string& text(size_t row, std::string_view column) const {
    const auto& header = rows_.front().cells;
    const auto found = std::find(header.begin(), header.end(), column);
    if (found == header.end()) malformed(where_, fmt::format("no column {}", column));
    const auto& cells = rows_.at(row + 1).cells;
    if (cells.size() != header.size()) malformed(at(row), fmt::format("{} cells for {} columns", cells.size(), header.size()));
    return cells[size_t(found - header.begin())];
  }
  // Empty cells (no value) are nullopt; anything else must be a number.
  std::optional<double> maybe_number(size_t row, std::string_view column) const {
    const std::string& cell = text(row, column);
    if (cell.empty()) return std::nullopt;
    char* end = nullptr;
    const double value = std::strtod(cell.c_str(), &end);
    if (end != cell.c_str() + cell.size() || !std::isfinite(value))
      malformed(at(row), fmt::format("{} is not a number ('{}')", column, cell));
    return value;
  }
  double number(size_t row, std::string_view column) const {
    const std::optional<double> value = maybe_number(row, column);
    if (!value) malformed(at(row), fmt::format("{} is empty", column));
    return *value;
  }
  int64_t integer(size_t row, std::string_view column) const {
    const double value = number(row, column);
    if (value != std::floor(value) || std::abs(value) > 0x1p53)
      malformed(at(row), fmt::format("{} is not a whole number", column));
    return static_cast<int64_t>(value);
  }
  std::string at(size_t row) const { return fmt::format("{} line {}", where_, rows_.at(row + 1).line); }

 private:
  std::string where_;
  std::vector<metrics::CsvRow> rows_;
};

SavedReport SavedReport::read(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw Error(ErrorKind::input, fmt::format("{}: {}", dir.string(),
                                              fs::exists(dir, ec) ? "not a folder: give the folder of a herlens report"
                                                                  : "no such folder"));
  SavedReport report;
  report.dir_ = dir;
  const fs::path summary_file = dir / "summary.json";
  const std::optional<std::string> text = read_file(summary_file);
  if (!text) throw Error(ErrorKind::input, fmt::format("{}: not a herlens report (no readable summary.json)", dir.string()));
  report.summary_ = nlohmann::json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (report.summary_.is_discarded() || !report.summary_.is_object() || !report.summary_.contains("metrics") ||
      !report.summary_["metrics"].is_object())
    malformed(summary_file.string(), "not a herlens summary (no metrics)");
  return report;
}

SavedReport SavedReport::of(const Outputs& outputs) {
  SavedReport report;
  for (const AnalysisOutputs& analysis : outputs.analyses)
    for (const Table& table : analysis.tables) report.in_memory_[table.name] = to_csv(table);
  report.summary_ = nlohmann::json::parse(outputs.summary.dump());
  return report;
}

std::string SavedReport::place(std::string_view file) const {
  return dir_ ? (*dir_ / file).string() : std::string(file);
}

SavedReport::Rows SavedReport::table(std::string_view name) const {
  const std::string file = fmt::format("{}.csv", name);
  if (!dir_) {
    const auto found = in_memory_.find(std::string(name));
    if (found == in_memory_.end()) throw Error(ErrorKind::internal, fmt::format("no table {} in the outputs", name));
    return Rows(file, found->second);
  }
  const std::optional<std::string> csv = read_file(*dir_ / file);
  if (!csv) malformed(place(file), "cannot read it: the report is not complete");
  return Rows(place(file), *csv);
}

std::map<std::string, double> SavedReport::metrics() const {
  std::map<std::string, double> values;
  for (const auto& [name, entry] : summary_["metrics"].items())
    if (entry.is_object() && entry.contains("value") && entry["value"].is_number())
      values[name] = entry["value"].get<double>();
  return values;
}

std::string SavedReport::input() const {
  const auto found = summary_.find("input");
  return found != summary_.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::string SavedReport::input_path() const {
  const auto found = summary_.find("input_path");
  return found != summary_.end() && found->is_string() ? found->get<std::string>() : input();
}

bool SavedReport::has(metrics::Analysis analysis) const {
  const auto found = summary_.find(std::string(metrics::name(analysis)));
  return found != summary_.end() && found->is_object();
}

std::optional<std::string> SavedReport::skipped_because(metrics::Analysis analysis) const {
  const auto skipped = summary_.find("skipped");
  if (skipped == summary_.end() || !skipped->is_array()) return std::nullopt;
  for (const auto& entry : *skipped)
    if (entry.is_object() && entry.value("analysis", "") == metrics::name(analysis) && entry.contains("reason") &&
        entry["reason"].is_string())
      return entry["reason"].get<std::string>();
  return std::nullopt;
}

double SavedTimeline::Picture::average_fps() const { return frames / std::max(1e-9, end_time - first_time); }

SavedTimeline SavedReport::timeline() const {
  const std::string where = place("summary.json");
  const nlohmann::json& timeline = summary_.value("timeline", nlohmann::json());
  const nlohmann::json& runtime = summary_.value("runtime", nlohmann::json());
  const nlohmann::json& decode = summary_.value("decode", nlohmann::json());
  try {
    SavedTimeline saved;
    saved.start_offset = timeline.at("start_offset_seconds").get<double>();
    saved.runtime = runtime.at("seconds").get<double>();
    saved.has_audio = timeline.at("has_audio").get<bool>();
    if (timeline.contains("frame_rate")) {
      SavedTimeline::Picture picture;
      const std::string rate = timeline.at("frame_rate").get<std::string>();
      const char* const end = rate.data() + rate.size();
      const auto [slash, num_error] = std::from_chars(rate.data(), end, picture.frame_rate.num);
      const auto [last, den_error] = slash < end && *slash == '/' ? std::from_chars(slash + 1, end, picture.frame_rate.den)
                                                                   : std::from_chars_result{slash, std::errc::invalid_argument};
      if (num_error != std::errc() || den_error != std::errc() || last != end)
        malformed(where, fmt::format("timeline: frame_rate '{}' is not a ratio", rate));
      picture.variable_frame_rate = timeline.at("variable_frame_rate").get<bool>();
      picture.first_time = timeline.at("first_picture_seconds").get<double>();
      picture.end_time = saved.runtime;
      picture.frames = decode.at("video_frames").get<int64_t>();
      picture.width = timeline.at("width").get<int>();
      picture.height = timeline.at("height").get<int>();
      saved.picture = picture;
    }
    return saved;
  } catch (const nlohmann::json::exception&) {
    malformed(where, "no timeline, runtime or decode as herlens writes them (a summary from before herlens had "
                     "exports: run herlens report again)");
  }
}

std::vector<metrics::Shot> SavedReport::shots() const {
  const Rows rows = table("shots");
  std::vector<metrics::Shot> shots;
  for (size_t r = 0; r < rows.size(); ++r) {
    metrics::Shot shot{rows.integer(r, "start_frame"),
                       rows.integer(r, "end_frame"),
                       rows.number(r, "start_time"),
                       rows.number(r, "end_time"),
                       named(metrics::all_shot_starts, rows.text(r, "transition"), rows.at(r)),
                       named(metrics::all_shot_ends, rows.text(r, "transition_out"), rows.at(r))};
    const std::string& content = rows.text(r, "content");
    if (content != "picture" && content != "blank") malformed(rows.at(r), fmt::format("content '{}' is not picture or blank", content));
    shot.blank = content == "blank";
    if (!(shot.end_time >= shot.start_time) || (!shots.empty() && shot.start_time < shots.back().start_time))
      malformed(rows.at(r), "shot times out of order");
    shots.push_back(shot);
  }
  return shots;
}

std::vector<metrics::ShotFraming> SavedReport::shot_framing() const {
  const Rows rows = table("framing");
  std::vector<metrics::ShotFraming> framing;
  for (size_t r = 0; r < rows.size(); ++r)
    framing.push_back({static_cast<int>(rows.integer(r, "samples")), static_cast<int>(rows.integer(r, "frames_with_faces")),
                       static_cast<int>(rows.integer(r, "max_faces")), rows.maybe_number(r, "face_size"),
                       named(metrics::all_shot_scales, rows.text(r, "scale"), rows.at(r)),
                       static_cast<int>(rows.maybe_number(r, "people").value_or(0))});
  return framing;
}

std::vector<ShotFamilyShares> SavedReport::shot_colours() const {
  const Rows rows = table("shot_colours");
  std::vector<ShotFamilyShares> colours(rows.size());
  for (size_t r = 0; r < rows.size(); ++r)
    for (const metrics::Family family : metrics::all_families)
      colours[r][size_t(family)] = rows.number(r, fmt::format("{}_share", metrics::name(family)));
  return colours;
}

std::vector<SavedSpeech> SavedReport::speech() const {
  const Rows rows = table("speech");
  std::vector<SavedSpeech> speech;
  for (size_t r = 0; r < rows.size(); ++r) {
    SavedSpeech saved{{rows.number(r, "start_time"), rows.number(r, "end_time")}, std::nullopt, {}};
    if (!(saved.segment.end > saved.segment.start)) malformed(rows.at(r), "a segment that ends before it starts");
    if (!rows.text(r, "on_screen").empty()) {
      saved.on_screen = named(metrics::all_picture_states, rows.text(r, "on_screen"), rows.at(r));
      const double duration = saved.segment.end - saved.segment.start;
      saved.seconds.black = rows.number(r, "over_black_seconds");
      saved.seconds.no_picture = rows.number(r, "no_picture_seconds");
      // Without faces looked for, what is not black is a picture (dialogue.md).
      const std::optional<double> no_face = rows.maybe_number(r, "no_face_seconds");
      saved.seconds.no_face = no_face.value_or(0);
      saved.seconds.listener = rows.maybe_number(r, "listener_seconds").value_or(0);
      saved.seconds.speaker = rows.maybe_number(r, "speaker_visible_seconds").value_or(0);
      if (!no_face)
        saved.seconds.picture = std::max(0.0, duration - saved.seconds.black - saved.seconds.no_picture);
    }
    speech.push_back(saved);
  }
  return speech;
}

}  // namespace herlens::report
