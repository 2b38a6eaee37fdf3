#include "herlens/report/dialogue_report.hpp"

namespace herlens::report {

namespace {

using metrics::DialogueSection;
using metrics::StateSeconds;

constexpr double minutes = 60;

}  // namespace

Table speech_table(const DialogueSection& section) {
  Table table{"speech",
              {{"segment"}, {"start"}, {"end"}, {"duration"}, {"on_screen"}, {"black_seconds"},
               {"no_face_seconds"}, {"face_seconds"}},
              {}};
  for (size_t k = 0; k < section.segments.size(); ++k) {
    const metrics::SpeechSegment& segment = section.segments[k];
    std::vector<Cell> row{int64_t(k + 1), segment.start, segment.end, segment.end - segment.start};
    if (!section.picture) {
      row.insert(row.end(), 4, Cell());
    } else {
      const StateSeconds& seconds = section.on_screen[k];
      row.insert(row.end(), {std::string(metrics::name(seconds.majority())), seconds.black});
      if (section.picture->faces_checked) row.insert(row.end(), {seconds.no_face, seconds.face});
      else row.insert(row.end(), 2, Cell());
    }
    table.add_row(std::move(row));
  }
  return table;
}

Table dialogue_rate_table(const DialogueSection& section) {
  Table table{"dialogue_rate",
              {{"window"}, {"start_time"}, {"end_time"}, {"dialogue_seconds"}, {"dialogue_share", 4},
               {"voice_only_seconds"}},
              {}};
  int64_t number = 1;
  for (const metrics::DialogueWindow& w : section.windows)
    table.add_row({number++, w.start_time, w.end_time, w.speech_seconds,
                   w.speech_share(),
                   w.voice_only_seconds ? Cell(*w.voice_only_seconds) : Cell()});
  return table;
}

std::vector<Table> dialogue_tables(const DialogueSection& section) {
  return {speech_table(section), dialogue_rate_table(section)};
}

nlohmann::ordered_json dialogue_json(const DialogueSection& section) {
  const double dialogue = section.dialogue_seconds;
  nlohmann::ordered_json json{{"dialogue_minutes", dialogue / minutes},
                              {"dialogue_share", section.dialogue_share},
                              {"segment_count", section.segments.size()},
                              {"runtime_minutes", section.runtime / minutes}};
  if (section.picture) {
    const StateSeconds& split = section.split;
    json["voice_only_minutes"] = split.voice_only() / minutes;
    json["voice_only_share"] = section.voice_only_share;
    json["over_black_minutes"] = split.black / minutes;
    json["longest_voice_only_seconds"] = section.longest_voice_only_seconds;
    json["faces_checked"] = section.picture->faces_checked;
    // Without faces, voice-only is only what is heard over black: no-face time is unknown.
    if (section.picture->faces_checked) {
      json["no_face_minutes"] = split.no_face / minutes;
      json["face_visible_minutes"] = split.face / minutes;
    }
  }
  nlohmann::ordered_json windows = nlohmann::ordered_json::array();
  for (const metrics::DialogueWindow& w : section.windows) {
    nlohmann::ordered_json window{{"start_time", w.start_time},
                                  {"end_time", w.end_time},
                                  {"dialogue_seconds", w.speech_seconds},
                                  {"dialogue_share", w.speech_share()}};
    if (w.voice_only_seconds) window["voice_only_seconds"] = *w.voice_only_seconds;
    windows.push_back(std::move(window));
  }
  json["window_minutes"] = section.window_minutes;
  json["dialogue_rate"] = std::move(windows);
  return json;
}

}  // namespace herlens::report
