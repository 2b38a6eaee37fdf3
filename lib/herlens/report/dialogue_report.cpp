#include "herlens/report/dialogue_report.hpp"

#include <algorithm>

namespace herlens::report {

namespace {

using json::Object;
using metrics::StateSeconds;

constexpr double minutes = 60;

double total_seconds(std::span<const metrics::TimeInterval> intervals) {
  double seconds = 0;
  for (const metrics::TimeInterval& i : intervals) seconds += i.duration();
  return seconds;
}

double share(double part, double whole) { return whole > 0 ? part / whole : 0.0; }

}  // namespace

DialogueData dialogue_data(const analyzers::SpeechDetector& speech, const analyzers::PictureLevel& picture,
                           std::optional<std::span<const metrics::FaceSample>> faces) {
  DialogueData data{speech.segments(), speech.audio_end(), std::nullopt};
  if (picture.has_pictures()) {
    data.runtime = picture.end_time();
    data.picture = metrics::picture_timeline(picture.start_time(), picture.end_time(), picture.black(), faces);
  }
  return data;
}

std::vector<metrics::TimeInterval> voice_only_intervals(const DialogueData& data) {
  if (!data.picture) return {};
  return metrics::voice_only_parts(data.segments, *data.picture);
}

Table speech_table(const DialogueData& data) {
  Table table{"speech",
              {{"segment"}, {"start"}, {"end"}, {"duration"}, {"on_screen"}, {"black_seconds"},
               {"no_face_seconds"}, {"face_seconds"}},
              {}};
  int64_t number = 1;
  for (const metrics::SpeechSegment& segment : data.segments) {
    std::vector<Cell> row{number++, segment.start, segment.end, segment.end - segment.start};
    if (!data.picture) {
      row.insert(row.end(), 4, Cell());
    } else {
      const StateSeconds seconds = metrics::split_by_picture(segment, *data.picture);
      row.insert(row.end(), {std::string(metrics::name(seconds.majority())), seconds.black});
      if (data.picture->faces_checked) row.insert(row.end(), {seconds.no_face, seconds.face});
      else row.insert(row.end(), 2, Cell());
    }
    table.add_row(std::move(row));
  }
  return table;
}

Table dialogue_rate_table(const DialogueData& data, double window_minutes) {
  Table table{"dialogue_rate",
              {{"window"}, {"start_time"}, {"end_time"}, {"dialogue_seconds"}, {"dialogue_share", 4},
               {"voice_only_seconds"}},
              {}};
  const auto speech = metrics::to_intervals(data.segments);
  const auto voice_only = voice_only_intervals(data);
  std::optional<std::span<const metrics::TimeInterval>> voice_only_view;
  if (data.picture) voice_only_view = voice_only;
  int64_t number = 1;
  for (const auto& w : metrics::dialogue_per_window(speech, voice_only_view, data.runtime, window_minutes * minutes))
    table.add_row({number++, w.start_time, w.end_time, w.speech_seconds,
                   share(w.speech_seconds, w.end_time - w.start_time),
                   w.voice_only_seconds ? Cell(*w.voice_only_seconds) : Cell()});
  return table;
}

json::Value dialogue_summary(const DialogueData& data, const DialogueReportOptions& options) {
  const auto speech = metrics::to_intervals(data.segments);
  const double dialogue = total_seconds(speech);
  Object summary{{"dialogue_minutes", dialogue / minutes},
                 {"dialogue_share", share(dialogue, data.runtime)},
                 {"segment_count", static_cast<int64_t>(data.segments.size())},
                 {"runtime_minutes", data.runtime / minutes}};
  if (data.picture) {
    StateSeconds split;
    for (const metrics::SpeechSegment& segment : data.segments) {
      const StateSeconds s = metrics::split_by_picture(segment, *data.picture);
      split.black += s.black, split.no_face += s.no_face, split.face += s.face, split.picture += s.picture;
    }
    const auto voice_only = voice_only_intervals(data);
    double longest = 0;
    for (const metrics::TimeInterval& part : voice_only) longest = std::max(longest, part.duration());
    summary.insert(summary.end(), {{"voice_only_minutes", split.voice_only() / minutes},
                                   {"voice_only_share", share(split.voice_only(), dialogue)},
                                   {"over_black_minutes", split.black / minutes},
                                   {"longest_voice_only_seconds", longest},
                                   {"faces_checked", data.picture->faces_checked}});
    // Without faces, voice-only is only what is heard over black: no-face time is unknown.
    if (data.picture->faces_checked)
      summary.insert(summary.end(), {{"no_face_minutes", split.no_face / minutes},
                                     {"face_visible_minutes", split.face / minutes}});
  }
  json::Array windows;
  const Table rate = dialogue_rate_table(data, options.window_minutes);
  for (const auto& row : rate.rows) {
    Object window;
    for (size_t c = 1; c < rate.columns.size(); ++c)
      if (!std::holds_alternative<std::monostate>(row[c]))
        window.emplace_back(rate.columns[c].name, std::get<double>(row[c]));
    windows.push_back(std::move(window));
  }
  summary.insert(summary.end(), {{"window_minutes", options.window_minutes}, {"dialogue_rate", windows}});
  return summary;
}

Outputs dialogue_outputs(const DialogueData& data, const DialogueReportOptions& options) {
  Outputs outputs;
  outputs.main = speech_table(data);
  outputs.tables.push_back(dialogue_rate_table(data, options.window_minutes));
  outputs.summary = dialogue_summary(data, options);
  return outputs;
}

}  // namespace herlens::report
