#pragma once
// What a media file holds, as `herlens probe` reports it. Plain data, filled by probe().
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace herlens::media {

struct Ratio {
  int num = 0;
  int den = 1;
  double value() const { return den ? static_cast<double>(num) / den : 0.0; }
};

struct VideoStreamInfo {
  int index = -1;             // stream index in the container
  std::string codec;          // e.g. "h264"
  std::string profile;
  std::string pixel_format;   // e.g. "yuv420p"
  int width = 0;              // coded picture size, pixels
  int height = 0;
  Ratio sample_aspect{1, 1};  // pixel aspect ratio (1:1 when the stream does not say)
  Ratio display_aspect{0, 1};
  double average_fps = 0;     // frames / duration as the container measured it
  double nominal_fps = 0;     // the stream's base rate (r_frame_rate)
  std::optional<int64_t> frame_count;  // only when the container states it; never trusted for memory
  std::string color_matrix;    // "bt709", "bt470bg" (BT.601), ... or "unknown"
  std::string color_range;     // "tv" (limited) / "pc" (full) / "unknown"
  std::string color_primaries;
  std::string color_transfer;
  std::string matrix_used;     // the matrix herlens converts with (metrics.md rule when unknown)
  bool hdr = false;            // PQ (smpte2084) or HLG transfer
  double rotation_degrees = 0; // display rotation from the stream's display matrix
  double start_time = 0;       // seconds
  double duration = 0;         // seconds, 0 when unknown
  int64_t bit_rate = 0;        // bits/s, 0 when unknown
  bool attached_picture = false;  // cover art, not a moving picture
};

struct AudioStreamInfo {
  int index = -1;
  std::string codec;
  int channels = 0;
  std::string channel_layout;  // e.g. "5.1(side)"
  bool has_centre = false;     // dialogue analysis uses the centre channel when there is one
  int sample_rate = 0;
  std::string language;
  double duration = 0;
  int64_t bit_rate = 0;
};

struct SubtitleStreamInfo {
  int index = -1;
  std::string codec;
  std::string language;
  std::string title;
};

struct MediaInfo {
  std::string path;
  std::string container;       // short format name, e.g. "matroska,webm"
  std::string container_long;  // e.g. "Matroska / WebM"
  double duration = 0;         // seconds, 0 when unknown
  int64_t bit_rate = 0;        // bits/s, 0 when unknown
  int64_t size_bytes = 0;
  std::vector<VideoStreamInfo> video;
  std::vector<AudioStreamInfo> audio;
  std::vector<SubtitleStreamInfo> subtitles;
};

}  // namespace herlens::media
