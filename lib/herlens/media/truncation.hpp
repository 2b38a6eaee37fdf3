#pragma once
// Whether a file ended before its container said it would: a truncated file. Demuxers meet the end
// of a cut file as they meet the end of a whole one, so the headers' claims are held against how far
// the file's packets reached: the container's stated duration (when it states one rather than
// estimating it from the file) and each video stream's stated frame count (what an AVI's lost
// index or an MP4's sample table still claim). Healthy files agree with their headers to a frame or
// two; a file whose packets stop more than truncation_tolerance short of them ended early.
#include <cstdint>
#include <optional>
#include <vector>

#include "herlens/media/av_ptr.hpp"

namespace herlens::media {

// Seconds a file may fall short of its headers before it counts as ended early.
inline constexpr double truncation_tolerance = 0.5;

class TruncationCheck {
 public:
  explicit TruncationCheck(const AVFormatContext& context);
  // Every packet the demuxer returns, of every stream.
  void on_packet(const AVPacket& packet);
  // After the demuxer reported the end of the file. `read_whole`: the file was read from its
  // beginning (no seek skipped packets, so frame counts can be held against the claims).
  bool ended_early(bool read_whole) const;

 private:
  // Seconds of the stream's timestamps (doubles: a crafted timestamp may be anything).
  const AVFormatContext& context_;
  std::optional<double> stated_end_;   // when the headers state the duration
  std::optional<double> reached_end_;  // the furthest packet end
  std::vector<int64_t> packets_;       // per stream
};

}  // namespace herlens::media
