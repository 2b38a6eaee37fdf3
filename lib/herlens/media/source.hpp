#pragma once
// A Source reads a media file once, from start to end, decoding what is asked for and handing
// every picture and audio block to a FrameSink.
#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <optional>
#include <string>

#include "herlens/media/frames.hpp"
#include "herlens/media/media_info.hpp"

namespace herlens::media {

struct SourceOptions {
  int analysis_width = 320;   // pixels, width of VideoFrame::picture (never upscaled)
  int threads = 0;            // decoder threads, 0 = one per core
  // The part of the film to read, seconds on the film timeline (VideoFrame::time): [start, end).
  // Frames keep the film's times; frame indices count from the first frame read.
  double start = 0;
  double end = std::numeric_limits<double>::infinity();
};

// A video or audio stream the file has but that cannot be decoded.
struct UndecodableStream {
  std::string stream;  // as messages name it: "audio stream #1 (vorbis)"
  std::string why;     // "its decoder refuses its headers: Invalid data found when processing input"
};

struct SourceInfo {
  std::string path;
  bool has_video = false;  // a video stream that decodes
  bool has_audio = false;  // an audio stream that decodes
  bool audio_has_centre = false;  // audio is the centre channel rather than a downmix
  int width = 0, height = 0;      // coded picture size
  cv::Size analysis_size;         // size of VideoFrame::picture
  Ratio frame_rate{0, 1};         // the picture's base rate (r_frame_rate); 0/1 unknown
  double start_offset = 0;        // seconds: the container's start time, which is film time 0
  double duration = 0;            // seconds, 0 when unknown (progress only; never trusted)
  // The stream that would have been analysed, when it cannot be decoded (has_video / has_audio false).
  std::optional<UndecodableStream> undecodable_video, undecodable_audio;
};

struct DecodeStats {
  int64_t video_frames = 0;
  int64_t audio_samples = 0;      // at analysis_sample_rate
  int64_t decode_errors = 0;      // damaged packets, or packets and frames the decoder rejected;
                                  // the run went on
  bool ended_early = false;       // the file ended or failed before its streams did (truncated)
  // Its timestamps claimed more than longest_film_seconds: from the first that did, pictures were
  // timed by their count (each lasting its nominal frame duration) and the sound by its samples.
  bool timestamps_ignored = false;
};

// No film is longer: a timestamp beyond this is damage, not time (a few bytes can claim centuries,
// and everything timed per window or per second would follow them).
inline constexpr double longest_film_seconds = 24 * 3600;

class FrameSink {
 public:
  virtual ~FrameSink() = default;
  // Asked before a picture is converted: the width wanted for VideoFrame::detail, 0 for none.
  virtual int detail_width(int64_t index, double time) = 0;
  virtual void on_video(const VideoFrame& frame) = 0;
  virtual void on_audio(const AudioBlock& block) = 0;
};

// What run() decodes; a stream the input lacks is simply not delivered.
struct StreamSelection {
  bool video = true;     // decode the picture
  bool audio = true;     // decode the sound
  bool pictures = true;  // convert pictures for analysis (false: frames are only timed)
  int pixel_grid_width = 0;  // columns of VideoFrame::pixels, 0: none
};

class Source {
 public:
  virtual ~Source() = default;
  // What the input holds, known once it is open, before anything is decoded.
  virtual const SourceInfo& info() const = 0;
  // Decodes the selected streams once, start to end. Corrupt packets are counted in stats(), not
  // thrown. Call once.
  virtual void run(FrameSink& sink, const StreamSelection& streams) = 0;
  virtual const DecodeStats& stats() const = 0;
};

// Audio files libsndfile reads (WAV, FLAC, ...) open through it; everything else through libav.
// Reads the headers only. Throws Error(input|media).
std::unique_ptr<Source> open_source(const std::filesystem::path& path, const SourceOptions& options);

}  // namespace herlens::media
