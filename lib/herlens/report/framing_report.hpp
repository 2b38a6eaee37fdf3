#pragma once
// What the framing section is written as (docs/framing.md): table framing (main), the per-sample
// table face_frames when asked, contact sheets per shot scale, and its JSON.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "herlens/metrics/framing.hpp"
#include "herlens/params/parameter.hpp"
#include "herlens/report/table.hpp"

namespace herlens::report {

struct Picture;

struct FramingReportOptions {
  int contact_sheet_shots = 6;    // shots shown per contact sheet (one picture each)
  int contact_sheet_columns = 3;
  bool frames_table = false;      // add the per-sample `face_frames` table
  static const params::Table<FramingReportOptions>& table();
  void validate() const { params::check(*this, table()); }  // throws Error(usage) naming the bad value
};

// shot, start_time, end_time, duration, samples, frames_with_faces, max_faces, face_size (empty
// without a face), people (most people on one sampled picture), scale. Shots are numbered from 1.
Table framing_table(const metrics::FramingSection& section);
// time, frame, face_count, largest_face, boxes ("x y w h" per face in fractions of the active
// picture, faces separated by ';'), scores (';'-separated).
Table face_frames_table(const metrics::FramingSection& section);
// framing, and face_frames when options.frames_table.
std::vector<Table> framing_tables(const metrics::FramingSection& section, const FramingReportOptions& options);

// One picture `contact_<class>` (lower case: contact_cu, contact_none ...) per class with shots: up
// to contact_sheet_shots shots spread through the film, each shown by its kept thumbnail nearest
// its middle with its faces boxed, labelled with shot number and time. Classes whose shots have no
// kept thumbnail get no sheet. Drawn from `section` when written.
// The contact sheet of a class: contact_cu, contact_none ...
std::string contact_sheet_name(metrics::ShotScale scale);
std::vector<Picture> contact_sheets(const metrics::FramingSection& section, const FramingReportOptions& options);
std::vector<Picture> contact_sheets(metrics::FramingSection&&, const FramingReportOptions&) = delete;

// Ratios (closeup_ratio, closeup_time_ratio, mcu_or_tighter_ratio, mcu_or_tighter_time_ratio,
// face_shot_ratio, face_shot_time_ratio, wide_shot_ratio, wide_shot_time_ratio), the scale
// distribution by shot count and by screen time, sample counts and the thresholds used.
nlohmann::ordered_json framing_json(const metrics::FramingSection& section);

}  // namespace herlens::report
