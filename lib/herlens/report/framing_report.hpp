#pragma once
// What `herlens framing` reports (docs/framing.md), as reusable pieces: `herlens report` builds
// the same tables, summary and contact sheets from the same pass.
#include <span>
#include <vector>

#include "herlens/analyzers/face_analyzer.hpp"
#include "herlens/analyzers/shot_detector.hpp"
#include "herlens/metrics/shot_scale.hpp"
#include "herlens/report/outputs.hpp"

namespace herlens::report {

struct FramingReportOptions {
  metrics::ShotScaleParams scale;
  bool frames_table = false;    // add the per-sample `face_frames` table
  int contact_sheet_shots = 6;  // shots shown per contact sheet (one picture each); 1..100
  int contact_sheet_columns = 3;  // 1..20
  void validate() const;  // throws Error(usage) naming the bad value
};

// shot, start_time, end_time, duration, samples, frames_with_faces, max_faces, face_size (empty
// without a face), scale. Shots are numbered from 1; `framing[i]` belongs to `shots[i]`.
Table framing_table(const std::vector<metrics::Shot>& shots, std::span<const metrics::ShotFraming> framing);
// time, frame, face_count, largest_face, boxes ("x y w h" per face in fractions of the active
// picture, faces separated by ';'), scores (';'-separated).
Table face_frames_table(std::span<const analyzers::FaceObservation> observations);
// Ratios (closeup_ratio, closeup_time_ratio, mcu_or_tighter_ratio, mcu_or_tighter_time_ratio,
// face_shot_ratio, face_shot_time_ratio, wide_shot_ratio, wide_shot_time_ratio), the scale
// distribution by shot count and by screen time, sample counts and the thresholds used.
json::Value framing_summary(const metrics::FramingSummary& summary, std::span<const analyzers::FaceObservation> observations,
                            const FramingReportOptions& options);
// One picture `contact_<class>` (lower case: contact_cu, contact_none ...) per class with shots: up
// to contact_sheet_shots shots spread through the film, each shown by its kept thumbnail nearest
// its middle, labelled with shot number and time. Classes whose shots have no kept thumbnail get
// no sheet.
std::vector<Picture> contact_sheets(const std::vector<metrics::Shot>& shots,
                                    std::span<const metrics::ShotFraming> framing,
                                    std::span<const analyzers::FaceThumbnail> thumbnails,
                                    const FramingReportOptions& options);
// Main table `framing`, table `face_frames` when asked, the summary and the contact sheets.
Outputs framing_outputs(const analyzers::ShotDetection& shots, const analyzers::FaceAnalyzer& faces,
                        const FramingReportOptions& options);

}  // namespace herlens::report
