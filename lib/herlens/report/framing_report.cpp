#include "herlens/report/framing_report.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

#include <fmt/format.h>

#include "herlens/report/outputs.hpp"
#include "herlens/report/pictures.hpp"

namespace herlens::report {

namespace {

using metrics::ShotScale;


std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ";") + p;
  return out;
}

}  // namespace

const params::Table<FramingReportOptions>& FramingReportOptions::table() {
  using O = FramingReportOptions;
  static const params::Table<O> table{
      "framing pictures",
      {{"contact_sheet_shots", "", "Shots shown per contact sheet", &O::contact_sheet_shots, 1, 100},
       {"contact_sheet_columns", "", "Columns of a contact sheet", &O::contact_sheet_columns, 1, 20}}};
  return table;
}

Table framing_table(const metrics::FramingSection& section) {
  Table table{"framing",
              {{"shot"}, {"start_time"}, {"end_time"}, {"duration"}, {"samples"}, {"frames_with_faces"},
               {"max_faces"}, {"face_size", 3}, {"people"}, {"scale"}},
              {}};
  const std::vector<metrics::Shot>& shots = section.shots;
  for (size_t k = 0; k < shots.size(); ++k) {
    const metrics::ShotFraming& f = section.per_shot[k];
    table.add_row({int64_t(k + 1), shots[k].start_time, shots[k].end_time, shots[k].duration(), int64_t(f.samples),
                   int64_t(f.samples_with_faces), int64_t(f.max_faces), f.face_size ? Cell(*f.face_size) : Cell(),
                   int64_t(f.people), std::string(metrics::name(f.scale))});
  }
  return table;
}

Table face_frames_table(const metrics::FramingSection& section) {
  Table table{"face_frames", {{"time"}, {"frame"}, {"face_count"}, {"largest_face", 3}, {"boxes"}, {"scores"}}, {}};
  for (const metrics::FaceObservation& seen : section.faces.samples) {
    std::vector<std::string> boxes, scores;
    for (const models::Face& face : seen.faces) {
      boxes.push_back(fmt::format("{:.4f} {:.4f} {:.4f} {:.4f}", face.box.x, face.box.y, face.box.width, face.box.height));
      scores.push_back(fmt::format("{:.3f}", face.score));
    }
    table.add_row({seen.time, seen.frame, int64_t(seen.faces.size()), seen.largest_face, joined(boxes), joined(scores)});
  }
  return table;
}

std::vector<Table> framing_tables(const metrics::FramingSection& section, const FramingReportOptions& options) {
  std::vector<Table> tables{framing_table(section)};
  if (options.frames_table) tables.push_back(face_frames_table(section));
  return tables;
}

nlohmann::ordered_json framing_json(const metrics::FramingSection& section) {
  const metrics::FramingSummary& s = section.summary;
  nlohmann::ordered_json shots_by_scale, time_by_scale, seconds_by_scale;
  for (const ShotScale scale : metrics::all_shot_scales) {
    const auto c = static_cast<size_t>(scale);
    const std::string key(metrics::name(scale));
    shots_by_scale[key] = s.shots_by_scale[c];
    time_by_scale[key] = s.total_seconds > 0 ? s.seconds_by_scale[c] / s.total_seconds : 0.0;
    seconds_by_scale[key] = s.seconds_by_scale[c];
  }
  const metrics::ScaleThresholds& t = section.params.thresholds;
  return {{"shot_count", s.shot_count},
          {"duration_seconds", s.total_seconds},
          {"sampled_frames", section.faces.samples.size()},
          {"sampled_frames_with_faces", section.samples_with_faces},
          {"sampled_frames_body_searched", section.samples_body_searched},
          {"closeup_ratio", s.closeup_ratio},
          {"closeup_time_ratio", s.closeup_time_ratio},
          {"mcu_or_tighter_ratio", s.mcu_or_tighter_ratio},
          {"mcu_or_tighter_time_ratio", s.mcu_or_tighter_time_ratio},
          {"face_shot_ratio", s.face_shot_ratio},
          {"face_shot_time_ratio", s.face_shot_time_ratio},
          {"wide_shot_ratio", s.wide_shot_ratio},
          {"wide_shot_time_ratio", s.wide_shot_time_ratio},
          {"scale_shots", shots_by_scale},
          {"scale_time_ratio", time_by_scale},
          {"scale_seconds", seconds_by_scale},
          {"thresholds", {{"ECU", t.ecu}, {"CU", t.cu}, {"MCU", t.mcu}, {"MS", t.ms}, {"MLS", t.mls}, {"LS", t.ls}}},
          {"min_face_share", section.params.min_face_share}};
}

std::string contact_sheet_name(metrics::ShotScale scale) {
  std::string name = "contact_";
  for (const char c : metrics::name(scale)) name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

std::vector<Picture> contact_sheets(const metrics::FramingSection& section, const FramingReportOptions& options) {
  options.validate();
  const std::vector<metrics::Shot>& shots = section.shots;
  const std::vector<metrics::FaceThumbnail>& thumbnails = section.faces.thumbnails;
  // Per shot, the kept thumbnail nearest its middle (-1: none).
  std::vector<int64_t> shown(shots.size(), -1);
  for (size_t i = 0; i < thumbnails.size(); ++i) {
    const int64_t k = metrics::shot_at(shots, thumbnails[i].time);
    if (k < 0) continue;
    const double middle = (shots[k].start_time + shots[k].end_time) / 2;
    if (shown[k] < 0 || std::abs(thumbnails[i].time - middle) < std::abs(thumbnails[shown[k]].time - middle))
      shown[k] = int64_t(i);
  }
  std::vector<Picture> pictures;
  for (const ShotScale scale : metrics::all_shot_scales) {
    std::vector<size_t> candidates;  // shots of this class with a thumbnail
    for (size_t k = 0; k < shots.size(); ++k)
      if (section.per_shot[k].scale == scale && shown[k] >= 0) candidates.push_back(k);
    if (candidates.empty()) continue;
    const size_t count = std::min<size_t>(candidates.size(), size_t(options.contact_sheet_shots));
    std::vector<std::pair<size_t, const metrics::FaceThumbnail*>> shown_shots;  // shot index, its thumbnail
    for (size_t j = 0; j < count; ++j) {
      // Evenly through the film: the j-th of `count` equal slices of the candidates.
      const size_t k = candidates[j * candidates.size() / count];
      shown_shots.emplace_back(k, &thumbnails[shown[k]]);
    }
    pictures.push_back({contact_sheet_name(scale), [&section, shown_shots, columns = options.contact_sheet_columns] {
                          std::vector<cv::Mat> tiles;
                          for (const auto& [k, thumb] : shown_shots) {
                            const metrics::ShotFraming& shot = section.per_shot[k];
                            const std::string size = shot.face_size ? fmt::format("  face {:.2f}", *shot.face_size) : "";
                            const std::string people = shot.people > 0 ? fmt::format("  people {}", shot.people) : "";
                            tiles.push_back(captioned(with_people(with_boxes(thumb->image, thumb->boxes), thumb->people,
                                                                  section.params.body.min_part_score),
                                                      fmt::format("shot {}  {:.1f} s{}{}", k + 1, thumb->time, size, people)));
                          }
                          return grid(tiles, columns);
                        }});
  }
  return pictures;
}

}  // namespace herlens::report
