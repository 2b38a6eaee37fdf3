#include "herlens/media/truncation.hpp"

#include <algorithm>

namespace herlens::media {

TruncationCheck::TruncationCheck(const AVFormatContext& context)
    : context_(context), packets_(context.nb_streams, 0) {
  // Only a duration from the streams' headers is a claim; one measured from the file's last
  // timestamps (MPEG-TS, Ogg) or guessed from its size and bit rate says nothing about truncation.
  if (context.duration_estimation_method != AVFMT_DURATION_FROM_STREAM || context.duration <= 0) return;
  // Muxers differ on where a duration counts from: the container's start (MP4), or timestamp 0
  // (FFmpeg's Matroska muxer writes the last timestamp). When both readings are possible, the
  // earlier end is the claim.
  const double start = context.start_time == AV_NOPTS_VALUE ? 0.0 : double(context.start_time) / AV_TIME_BASE;
  const double duration = double(context.duration) / AV_TIME_BASE;
  stated_end_ = duration > start ? std::min(start + duration, duration) : start + duration;
}

void TruncationCheck::on_packet(const AVPacket& packet) {
  const auto index = size_t(packet.stream_index);
  if (index >= packets_.size()) packets_.resize(index + 1);  // a stream found mid-file (MPEG-TS)
  ++packets_[index];
  const int64_t start = packet.pts != AV_NOPTS_VALUE ? packet.pts : packet.dts;
  if (start == AV_NOPTS_VALUE) return;
  const double end = (double(start) + double(std::max<int64_t>(packet.duration, 0))) *
                     av_q2d(context_.streams[packet.stream_index]->time_base);
  reached_end_ = std::max(reached_end_.value_or(end), end);
}

bool TruncationCheck::ended_early(bool read_whole) const {
  if (stated_end_ && !(reached_end_ && *reached_end_ >= *stated_end_ - truncation_tolerance)) return true;
  if (!read_whole) return false;
  for (size_t i = 0; i < packets_.size(); ++i) {
    const AVStream& stream = *context_.streams[i];
    const double fps = av_q2d(stream.avg_frame_rate);
    if (stream.codecpar->codec_type != AVMEDIA_TYPE_VIDEO || stream.nb_frames <= 0 || !(fps > 0)) continue;
    if (double(stream.nb_frames - packets_[i]) / fps > truncation_tolerance) return true;
  }
  return false;
}

}  // namespace herlens::media
