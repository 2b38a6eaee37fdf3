#pragma once
// Reading back what the exports write, independently of herlens' writers: an EDL's events as frame
// numbers (drop-frame counted as SMPTE defines it, not as herlens writes it), an OTIO timeline's
// clips with their place on the track, cue times as FFmpeg reads them, and XML checked by xmllint.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/fixtures.hpp"

namespace herlens::test {

// "01:00:00;00" at 30 frames a second -> 107892: drop-frame skips two frame numbers (four at 60)
// every minute but the tenth.
inline int64_t smpte_frames(const std::string& timecode, int64_t base) {
  int h = 0, m = 0, s = 0, f = 0;
  char separator = 0;
  if (std::sscanf(timecode.c_str(), "%d:%d:%d%c%d", &h, &m, &s, &separator, &f) != 5) return -1;
  const int64_t minutes = int64_t(h) * 60 + m;
  const int64_t dropped = separator == ';' ? (base / 15) * (minutes - minutes / 10) : 0;
  return (minutes * 60 + s) * base + f - dropped;
}

struct EdlEvent {
  int number = 0;
  std::string reel, channel, transition;
  int64_t source_in = 0, source_out = 0, record_in = 0, record_out = 0;  // frames
  bool drop_frame = false;  // its timecodes use ';'
  std::vector<std::string> comments;
};

struct Edl {
  std::string title, fcm;
  std::vector<EdlEvent> events;
};

// CMX 3600 as herlens writes it: TITLE, FCM, then events with their '*' comment lines.
inline Edl parse_edl(const std::string& text, int64_t base) {
  Edl edl;
  std::istringstream lines(text);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.rfind("TITLE: ", 0) == 0) edl.title = line.substr(7);
    else if (line.rfind("FCM: ", 0) == 0) edl.fcm = line.substr(5);
    else if (line.rfind("* ", 0) == 0 && !edl.events.empty()) edl.events.back().comments.push_back(line.substr(2));
    else if (!line.empty()) {
      std::istringstream fields(line);
      EdlEvent event;
      std::string in, out, rec_in, rec_out;
      fields >> event.number >> event.reel >> event.channel >> event.transition >> in >> out >> rec_in >> rec_out;
      event.source_in = smpte_frames(in, base);
      event.source_out = smpte_frames(out, base);
      event.record_in = smpte_frames(rec_in, base);
      event.record_out = smpte_frames(rec_out, base);
      event.drop_frame = in.find(';') != std::string::npos;
      edl.events.push_back(event);
    }
  }
  return edl;
}

struct OtioClip {
  std::string schema, name;
  int64_t track_start = 0, source_start = 0, duration = 0;  // frames
  double rate = 0;
  nlohmann::json item;
};

// The items of the timeline's first track, each placed after the ones before it.
inline std::vector<OtioClip> otio_items(const nlohmann::json& timeline) {
  std::vector<OtioClip> items;
  int64_t at = 0;
  for (const nlohmann::json& child : timeline.at("tracks").at("children").at(0).at("children")) {
    const nlohmann::json& range = child.at("source_range");
    OtioClip item{child.at("OTIO_SCHEMA"), child.at("name"), at,
                  static_cast<int64_t>(range.at("start_time").at("value").get<double>()),
                  static_cast<int64_t>(range.at("duration").at("value").get<double>()),
                  range.at("duration").at("rate").get<double>(), child};
    at += item.duration;
    items.push_back(item);
  }
  return items;
}

// xmllint on a file, with its arguments ("--schema", file); exit code 0 when it is well-formed
// (and valid).
inline CliResult xmllint(const std::filesystem::path& file, std::vector<std::string> arguments = {}) {
  std::vector<std::string> argv{"xmllint", "--noout"};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  argv.push_back(file.string());
  return run_program(argv);
}

struct Cue {
  double start = 0, duration = 0;  // seconds
};

// The cues of a subtitle file as FFmpeg's demuxer reads them: each packet's time and duration.
inline std::vector<Cue> ffmpeg_cues(const std::filesystem::path& file) {
  const CliResult probe = run_program({"ffprobe", "-v", "error", "-show_entries", "packet=pts_time,duration_time",
                                       "-of", "csv=p=0", file.string()});
  std::vector<Cue> cues;
  std::istringstream lines(probe.out);
  std::string line;
  while (std::getline(lines, line)) {
    Cue cue;
    if (std::sscanf(line.c_str(), "%lf,%lf", &cue.start, &cue.duration) == 2) cues.push_back(cue);
  }
  return cues;
}

}  // namespace herlens::test
