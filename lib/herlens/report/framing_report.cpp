#include "herlens/report/framing_report.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include <fmt/format.h>
#include <opencv2/imgproc.hpp>

#include "herlens/error.hpp"

namespace herlens::report {

namespace {

using json::Object;
using metrics::ShotScale;

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A thumbnail with its caption on a dark strip below it.
cv::Mat captioned(const cv::Mat& image, const std::string& caption) {
  constexpr int strip = 16;
  cv::Mat tile(image.rows + strip, image.cols, CV_8UC3, cv::Scalar(24, 24, 24));
  image.copyTo(tile(cv::Rect(0, 0, image.cols, image.rows)));
  cv::putText(tile, caption, cv::Point(3, image.rows + strip - 4), cv::FONT_HERSHEY_SIMPLEX, 0.38,
              cv::Scalar(235, 235, 235), 1, cv::LINE_AA);
  return tile;
}

cv::Mat grid(const std::vector<cv::Mat>& tiles, int columns) {
  constexpr int gap = 4;
  int width = 0, height = 0;
  for (const cv::Mat& t : tiles) width = std::max(width, t.cols), height = std::max(height, t.rows);
  const int used_columns = std::min<int>(columns, int(tiles.size()));
  const int rows = (int(tiles.size()) + columns - 1) / columns;
  cv::Mat sheet(rows * (height + gap) + gap, used_columns * (width + gap) + gap, CV_8UC3, cv::Scalar(0, 0, 0));
  for (size_t i = 0; i < tiles.size(); ++i) {
    const int x = gap + int(i % columns) * (width + gap), y = gap + int(i / columns) * (height + gap);
    tiles[i].copyTo(sheet(cv::Rect(x, y, tiles[i].cols, tiles[i].rows)));
  }
  return sheet;
}

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ";") + p;
  return out;
}

}  // namespace

void FramingReportOptions::validate() const {
  scale.validate();
  if (contact_sheet_shots < 1 || contact_sheet_shots > 100)
    throw Error(ErrorKind::usage, fmt::format("contact_sheet_shots must be 1..100, not {}", contact_sheet_shots));
  if (contact_sheet_columns < 1 || contact_sheet_columns > 20)
    throw Error(ErrorKind::usage, fmt::format("contact_sheet_columns must be 1..20, not {}", contact_sheet_columns));
}

Table framing_table(const std::vector<metrics::Shot>& shots, std::span<const metrics::ShotFraming> framing) {
  Table table{"framing",
              {{"shot"}, {"start_time"}, {"end_time"}, {"duration"}, {"samples"}, {"frames_with_faces"},
               {"max_faces"}, {"face_size", 3}, {"scale"}},
              {}};
  for (size_t k = 0; k < shots.size(); ++k) {
    const metrics::ShotFraming& f = framing[k];
    table.add_row({int64_t(k + 1), shots[k].start_time, shots[k].end_time, shots[k].duration(), int64_t(f.samples),
                   int64_t(f.samples_with_faces), int64_t(f.max_faces), f.face_size ? Cell(*f.face_size) : Cell(),
                   std::string(metrics::name(f.scale))});
  }
  return table;
}

Table face_frames_table(std::span<const analyzers::FaceObservation> observations) {
  Table table{"face_frames", {{"time"}, {"frame"}, {"face_count"}, {"largest_face", 3}, {"boxes"}, {"scores"}}, {}};
  for (const analyzers::FaceObservation& seen : observations) {
    std::vector<std::string> boxes, scores;
    for (const models::Face& face : seen.faces) {
      boxes.push_back(fmt::format("{:.4f} {:.4f} {:.4f} {:.4f}", face.box.x, face.box.y, face.box.width, face.box.height));
      scores.push_back(fmt::format("{:.3f}", face.score));
    }
    table.add_row({seen.time, seen.frame, int64_t(seen.faces.size()), seen.largest_face, joined(boxes), joined(scores)});
  }
  return table;
}

json::Value framing_summary(const metrics::FramingSummary& s, std::span<const analyzers::FaceObservation> observations,
                            const FramingReportOptions& options) {
  Object shots_by_scale, time_by_scale, seconds_by_scale;
  for (const ShotScale scale : metrics::all_shot_scales) {
    const auto c = static_cast<size_t>(scale);
    const std::string key(metrics::name(scale));
    shots_by_scale.emplace_back(key, s.shots_by_scale[c]);
    time_by_scale.emplace_back(key, s.total_seconds > 0 ? s.seconds_by_scale[c] / s.total_seconds : 0.0);
    seconds_by_scale.emplace_back(key, s.seconds_by_scale[c]);
  }
  const auto with_faces = std::count_if(observations.begin(), observations.end(),
                                        [](const analyzers::FaceObservation& o) { return !o.faces.empty(); });
  const metrics::ScaleThresholds& t = options.scale.thresholds;
  return Object{{"shot_count", s.shot_count},
                {"duration_seconds", s.total_seconds},
                {"sampled_frames", int64_t(observations.size())},
                {"sampled_frames_with_faces", int64_t(with_faces)},
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
                {"thresholds", Object{{"ECU", t.ecu}, {"CU", t.cu}, {"MCU", t.mcu}, {"MS", t.ms}, {"MLS", t.mls},
                                      {"LS", t.ls}}},
                {"min_face_share", options.scale.min_face_share}};
}

std::vector<Picture> contact_sheets(const std::vector<metrics::Shot>& shots,
                                    std::span<const metrics::ShotFraming> framing,
                                    std::span<const analyzers::FaceThumbnail> thumbnails,
                                    const FramingReportOptions& options) {
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
      if (framing[k].scale == scale && shown[k] >= 0) candidates.push_back(k);
    if (candidates.empty()) continue;
    const size_t count = std::min<size_t>(candidates.size(), size_t(options.contact_sheet_shots));
    std::vector<cv::Mat> tiles;
    for (size_t j = 0; j < count; ++j) {
      // Evenly through the film: the j-th of `count` equal slices of the candidates.
      const size_t k = candidates[j * candidates.size() / count];
      const analyzers::FaceThumbnail& thumb = thumbnails[shown[k]];
      const std::string size = framing[k].face_size ? fmt::format("  face {:.2f}", *framing[k].face_size) : "";
      tiles.push_back(captioned(thumb.image, fmt::format("shot {}  {:.1f} s{}", k + 1, thumb.time, size)));
    }
    pictures.push_back({"contact_" + lower(metrics::name(scale)), grid(tiles, options.contact_sheet_columns)});
  }
  return pictures;
}

Outputs framing_outputs(const analyzers::ShotDetection& detection, const analyzers::FaceAnalyzer& faces,
                        const FramingReportOptions& options) {
  options.validate();
  const std::vector<metrics::FramingSample> samples = faces.framing_samples();
  const std::vector<metrics::ShotFraming> framing = metrics::frame_shots(samples, detection.shots, options.scale);
  Outputs outputs;
  outputs.main = framing_table(detection.shots, framing);
  if (options.frames_table) outputs.tables.push_back(face_frames_table(faces.observations()));
  outputs.summary =
      framing_summary(metrics::summarise_framing(detection.shots, framing), faces.observations(), options);
  outputs.pictures = contact_sheets(detection.shots, framing, faces.thumbnails(), options);
  return outputs;
}

}  // namespace herlens::report
