#include "herlens/report/dialogue_report.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <opencv2/imgproc.hpp>

#include "herlens/report/outputs.hpp"
#include "herlens/report/pictures.hpp"

namespace herlens::report {

namespace {

using metrics::DialogueSection;
using metrics::StateSeconds;

constexpr double minutes = 60;

// Lane colours (BGR) of what a stretch of speech was heard over.
cv::Scalar lane_colour(metrics::PictureState state) {
  switch (state) {
    case metrics::PictureState::black: return {40, 40, 40};
    case metrics::PictureState::no_face: return {200, 120, 40};   // blue
    case metrics::PictureState::listener: return {40, 150, 250};  // orange
    case metrics::PictureState::speaker: return {70, 170, 60};    // green
    case metrics::PictureState::picture: return {150, 150, 150};
    case metrics::PictureState::no_picture: return {210, 190, 230};
  }
  return {150, 150, 150};
}

// Speech along the film, coloured by what was on screen, `width` pixels for the whole runtime.
cv::Mat speech_lane(const DialogueSection& section, int width) {
  const int height = 28;
  cv::Mat lane(height, width, CV_8UC3, cv::Scalar(245, 245, 245));
  const double end = std::max(section.runtime, section.pieces.empty() ? 0.0 : section.pieces.back().end);
  for (const metrics::SpeechPiece& piece : section.pieces) {
    // At least a pixel, so that a short line still shows.
    const int from = std::clamp(int(std::floor(piece.start / end * width)), 0, width - 1);
    const int to = std::clamp(int(std::ceil(piece.end / end * width)), from + 1, width);
    lane.colRange(from, to).setTo(lane_colour(piece.state));
  }
  return captioned(lane, "speech by what is on screen: green speaker, orange listener, blue no face, "
                         "dark over black, lilac after the picture");
}

// Up to listener_strip_pictures of the listener pictures, evenly through the film, faces boxed.
cv::Mat listener_strip(const DialogueSection& section) {
  const std::vector<metrics::FaceThumbnail>& listeners = section.listener_pictures;
  const size_t count = std::min(listeners.size(), listener_strip_pictures);
  std::vector<cv::Mat> tiles;
  for (size_t j = 0; j < count; ++j) {
    // The j-th of `count` equal slices of the pictures.
    const metrics::FaceThumbnail& thumb = listeners[j * listeners.size() / count];
    tiles.push_back(captioned(with_boxes(thumb.image, thumb.boxes), fmt::format("listener  {:.1f} s", thumb.time)));
  }
  return grid(tiles, listener_strip_columns);
}

}  // namespace

Table speech_table(const DialogueSection& section) {
  Table table{"speech",
              {{"segment"}, {"start_time"}, {"end_time"}, {"duration"}, {"shot"}, {"on_screen"},
               {"over_black_seconds"}, {"no_face_seconds"}, {"listener_seconds"}, {"speaker_visible_seconds"},
               {"no_picture_seconds"}, {"voice_only_seconds"}},
              {}};
  for (size_t k = 0; k < section.segments.size(); ++k) {
    const metrics::SpeechSegment& segment = section.segments[k];
    std::vector<Cell> row{int64_t(k + 1), segment.start, segment.end, segment.end - segment.start};
    row.emplace_back();
    if (k < section.shots.size()) row.back() = section.shots[k];
    if (!section.picture) {
      row.insert(row.end(), 7, Cell());
    } else {
      const StateSeconds& seconds = section.on_screen[k];
      row.insert(row.end(), {std::string(metrics::name(seconds.majority())), seconds.black});
      if (section.picture->faces_checked) row.insert(row.end(), {seconds.no_face, seconds.listener, seconds.speaker});
      else row.insert(row.end(), 3, Cell());
      row.insert(row.end(), {seconds.no_picture, section.picture->faces_checked ? Cell(seconds.voice_only()) : Cell()});
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

Table speech_split_table(const DialogueSection& section) {
  Table table{"speech_split", {{"piece"}, {"segment"}, {"start_time"}, {"end_time"}, {"on_screen"}}, {}};
  int64_t number = 1;
  for (const metrics::SpeechPiece& piece : section.pieces)
    table.add_row({number++, int64_t(piece.segment + 1), piece.start, piece.end, std::string(metrics::name(piece.state))});
  return table;
}

std::vector<Picture> dialogue_pictures(const DialogueSection& section, int width) {
  if (!section.picture || !(section.runtime > 0) || width < 1) return {};
  std::vector<Picture> pictures{{"speech_lane", [&section, width] { return speech_lane(section, width); }}};
  if (!section.listener_pictures.empty()) pictures.push_back({"listeners", [&section] { return listener_strip(section); }});
  return pictures;
}

Table mouths_table(const DialogueSection& section) {
  Table table{"mouths", {{"time"}, {"faces"}, {"speaking"}, {"largest_spread", 4}}, {}};
  for (const metrics::FaceSample& sample : section.mouth_samples) {
    std::vector<Cell> row{sample.time, int64_t(sample.faces), int64_t(sample.speaking.value_or(0))};
    row.emplace_back();
    if (sample.largest_spread) row.back() = *sample.largest_spread;
    table.add_row(std::move(row));
  }
  return table;
}

std::vector<Table> dialogue_tables(const DialogueSection& section) {
  std::vector<Table> tables{speech_table(section), dialogue_rate_table(section)};
  if (section.picture) tables.push_back(speech_split_table(section));
  if (section.picture && section.picture->faces_checked) tables.push_back(mouths_table(section));
  return tables;
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
    json["no_picture_minutes"] = split.no_picture / minutes;
    json["longest_voice_only_seconds"] = section.longest_voice_only_seconds;
    json["faces_checked"] = section.picture->faces_checked;
    // Without faces, voice-only is only what is heard over black: no-face time is unknown.
    if (section.picture->faces_checked) {
      json["no_face_minutes"] = split.no_face / minutes;
      json["listener_minutes"] = split.listener / minutes;
      json["speaker_visible_minutes"] = split.speaker / minutes;
      json["faceless_minutes"] = split.faceless() / minutes;
      json["faceless_share"] = section.faceless_share;
      json["mouth_measurements"] = section.mouth_measurements;
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
