#pragma once
// What `herlens dialogue` reports, as reusable pieces: `herlens report` builds the same tables and
// summary from the same observations (docs/dialogue.md).
#include <optional>
#include <span>
#include <vector>

#include "herlens/analyzers/picture_level.hpp"
#include "herlens/analyzers/speech_detector.hpp"
#include "herlens/metrics/voice_only.hpp"
#include "herlens/report/outputs.hpp"

namespace herlens::report {

// The observations of one pass, joined.
struct DialogueData {
  std::vector<metrics::SpeechSegment> segments;     // sorted, seconds
  double runtime = 0;                               // seconds: picture end, or audio end without video
  std::optional<metrics::PictureTimeline> picture;  // absent when the input has no video
};

// Joins what the analyzers saw in one pass, after it. `faces`: the face analyzer's samples, or none
// when faces were not looked for.
DialogueData dialogue_data(const analyzers::SpeechDetector& speech, const analyzers::PictureLevel& picture,
                           std::optional<std::span<const metrics::FaceSample>> faces);

struct DialogueReportOptions {
  double window_minutes = 5;  // dialogue-rate window, minutes (> 0)
};

// segment, start, end, duration, on_screen, black_seconds, no_face_seconds, face_seconds.
// Picture columns are empty without a picture; face columns are empty when faces were not checked.
Table speech_table(const DialogueData& data);
// window, start_time, end_time, dialogue_seconds, dialogue_share, voice_only_seconds (empty
// without a picture). Throws Error(usage) for a window that is not positive.
Table dialogue_rate_table(const DialogueData& data, double window_minutes);
// dialogue_minutes, dialogue_share, segment_count, runtime_minutes, and with a picture
// voice_only_minutes, voice_only_share, over_black_minutes, no_face_minutes, face_visible_minutes,
// longest_voice_only_seconds; then window_minutes and dialogue_rate.
json::Value dialogue_summary(const DialogueData& data, const DialogueReportOptions& options);
// Main table `speech`, table `dialogue_rate`, and the summary.
Outputs dialogue_outputs(const DialogueData& data, const DialogueReportOptions& options);

// The stretches of speech heard with no face on screen (empty without a picture).
std::vector<metrics::TimeInterval> voice_only_intervals(const DialogueData& data);

}  // namespace herlens::report
